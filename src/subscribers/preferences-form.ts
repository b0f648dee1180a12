import { z } from 'zod';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { FieldErrors } from './form-errors.js';
import {
  checkboxField,
  consentField,
  fieldsOf,
  formBody,
  isYes,
  languageField,
  listOf,
  nameField,
  optionalField,
  topicsField,
  type TopicsExist,
} from './form-inputs.js';

// The forms of the preference centre: the choices, subscribing again, and the delete step.

function preferencesFields(topicsExist: TopicsExist) {
  return z.object({
    name: nameField.optional().transform((v) => v ?? null),
    language: languageField.optional().describe('Absent: the language stays as it is.'),
    topics: optionalField(topicsField(topicsExist)).transform((v) => v ?? []),
    paused: checkboxField.describe('"yes" (a ticked box) or true pauses; absent resumes.'),
  });
}

/** The reader's choices: the route's body schema and the source of the page's field errors. */
export function preferencesFormSchema(topicsExist: TopicsExist) {
  return formBody(preferencesFields(topicsExist));
}

/** Valid choices; a missing language keeps the reader's current one. */
export type PreferencesForm = z.output<ReturnType<typeof preferencesFormSchema>>;
export type PreferencesField = keyof z.output<ReturnType<typeof preferencesFields>> & string;

/** "Subscribe again" on the preference page: the consent box. */
export const resubscribeFormSchema = formBody(z.object({ consent: consentField }));

/** Errors either form of the preference page can show. */
export type PreferencesErrors = FieldErrors<PreferencesField | 'consent'>;

/** "Delete my data": without a ticked `confirm` the page asks first. Never fails. */
export const deleteFormSchema = formBody(z.object({ confirm: checkboxField.describe('"yes" erases; anything else shows the confirm step.') }));

/** The choices as the page shows them. */
export interface PreferencesValues {
  name: string | null;
  language: Language;
  topics: string[];
  paused: boolean;
}

/** The values of rejected choices, as typed, to show the form again; an invalid language shows the current one. */
export function preferencesFormValues(raw: unknown, current: Language): PreferencesValues {
  const body = fieldsOf(raw);
  return {
    name: typeof body.name === 'string' ? body.name.trim().slice(0, 300) || null : null,
    language: isLanguage(body.language) ? body.language : current,
    topics: listOf(body.topics).filter((t): t is string => typeof t === 'string'),
    paused: isYes(body.paused),
  };
}
