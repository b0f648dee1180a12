import { z } from 'zod';
import type { Language } from '../i18n/languages.js';
import { emailSchema } from './email-address.js';
import type { FieldErrors } from './form-errors.js';
import {
  consentField,
  fieldsOf,
  formBody,
  formIdField,
  honeypotField,
  HONEYPOT_FIELD,
  isYes,
  languageField,
  listOf,
  nameField,
  optionalField,
  topicsField,
  type TopicsExist,
} from './form-inputs.js';

function subscribeFields(topicsExist: TopicsExist) {
  return z.object({
    email: emailSchema,
    // The JSON API has always taken null for the optional name and topics.
    name: optionalField(nameField, { orNull: true }).transform((v) => v ?? null),
    language: optionalField(languageField).describe('The newsletter language; absent: the page language.'),
    topics: optionalField(topicsField(topicsExist), { orNull: true }).transform((v) => v ?? []),
    consent: consentField,
    [HONEYPOT_FIELD]: honeypotField,
    form: formIdField,
  });
}

/**
 * The signup form (an HTML form or JSON): the route's body schema, its OpenAPI document and the source of
 * the field errors the page shows. Topic slugs are checked against the database through `topicsExist`.
 */
export function subscribeFormSchema(topicsExist: TopicsExist) {
  return formBody(subscribeFields(topicsExist));
}

/** A valid signup form: normalised address, trimmed name, language when chosen, distinct topic slugs. */
export type SubscribeForm = z.output<ReturnType<typeof subscribeFormSchema>>;
export type SubscribeField = keyof z.output<ReturnType<typeof subscribeFields>> & string;
export type SubscribeErrors = FieldErrors<SubscribeField>;

/** What the reader typed, kept to fill the form again after an error. */
export interface SubscribeValues {
  email: string;
  name: string;
  language: string;
  topics: string[];
  consent: boolean;
}

const typed = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : '');

/** The values of a rejected signup form, as typed (cut to a sane length), to show it again. */
export function subscribeFormValues(raw: unknown, pageLanguage: Language): SubscribeValues {
  const body = fieldsOf(raw);
  return {
    email: typed(body.email),
    name: typed(body.name),
    language: typeof body.language === 'string' ? body.language : pageLanguage,
    topics: listOf(body.topics).filter((t): t is string => typeof t === 'string'),
    consent: isYes(body.consent),
  };
}
