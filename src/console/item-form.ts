import type { z } from 'zod';
import { ITEM_KINDS } from '../domain/item-kinds.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import type { ItemView } from '../items/item-repository.js';
import { wallTimeIn } from '../items/event-times.js';
import { type ItemInput, itemInputSchema } from '../items/item-schema.js';
import type { ConsoleStrings } from './console-strings.js';
import type { FormFields } from './form-body.js';

/** The item form's fields as the editor typed them, to show the form again. */
export interface ItemFormValues {
  kind: string;
  title: string;
  summary: string;
  url: string;
  authors: string;
  date: string;
  topics: string[];
  language: string;
  venue: string;
  doi: string;
  external: boolean;
  /** Events: wall-clock times in the lab's zone (datetime-local), the last day, the place. */
  startsAt: string;
  endsAt: string;
  endDate: string;
  location: string;
}

/** The item form's field ids, in the order of the form (errors are listed in this order). */
export const ITEM_FIELDS = [
  'kind',
  'title',
  'summary',
  'url',
  'authors',
  'date',
  'topics',
  'language',
  'venue',
  'doi',
  'external',
  'startsAt',
  'endsAt',
  'endDate',
  'location',
] as const;

/** An empty form for a new item: a project in the default language, dated today. */
export function newItemValues(today = new Date()): ItemFormValues {
  return {
    kind: ITEM_KINDS[0],
    title: '',
    summary: '',
    url: '',
    authors: '',
    date: today.toISOString().slice(0, 10),
    topics: [],
    language: DEFAULT_LANGUAGE,
    venue: '',
    doi: '',
    external: false,
    startsAt: '',
    endsAt: '',
    endDate: '',
    location: '',
  };
}

/** A stored item as the form shows it; an event's times in the lab's zone. */
export function itemValues(item: ItemView, timeZone = 'UTC'): ItemFormValues {
  return {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    url: item.url ?? '',
    authors: item.authors.join('\n'),
    date: item.date,
    topics: item.topics,
    language: item.language,
    venue: item.venue ?? '',
    doi: item.doi ?? '',
    external: item.external,
    startsAt: item.startsAt ? wallTimeIn(item.startsAt, timeZone) : '',
    endsAt: item.endsAt ? wallTimeIn(item.endsAt, timeZone) : '',
    endDate: item.endDate ?? '',
    location: item.location ?? '',
  };
}

/** Reads the posted item form. */
export function readItemForm(fields: FormFields): ItemFormValues {
  return {
    kind: fields.text('kind'),
    title: fields.text('title'),
    summary: fields.text('summary'),
    url: fields.text('url'),
    authors: fields.text('authors'),
    date: fields.text('date'),
    topics: fields.all('topics'),
    language: fields.text('language'),
    venue: fields.text('venue'),
    doi: fields.text('doi'),
    external: fields.has('external'),
    startsAt: fields.text('startsAt'),
    endsAt: fields.text('endsAt'),
    endDate: fields.text('endDate'),
    location: fields.text('location'),
  };
}

const blankToNull = (v: string) => (v.trim() === '' ? null : v);

/**
 * The form checked by the JSON API's own schema (itemInputSchema): an empty optional box is "none", the
 * authors are one per line. On failure, the errors by field id in the console's words.
 */
export function checkItemForm(s: ConsoleStrings, v: ItemFormValues): { ok: true; input: ItemInput } | { ok: false; errors: Record<string, string> } {
  const parsed = itemInputSchema.safeParse({
    kind: v.kind,
    title: v.title,
    summary: v.summary,
    url: blankToNull(v.url),
    authors: v.authors
      .split(/\r?\n/)
      .map((a) => a.trim())
      .filter(Boolean),
    date: v.date.trim(),
    topics: v.topics,
    language: v.language,
    venue: blankToNull(v.venue),
    doi: blankToNull(v.doi),
    external: v.external,
    startsAt: blankToNull(v.startsAt),
    endsAt: blankToNull(v.endsAt),
    endDate: blankToNull(v.endDate),
    location: blankToNull(v.location),
    // An event with a start takes its date from it (the form's date box may still show the old day).
    ...(v.kind === 'event' && v.startsAt.trim() ? { date: undefined } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: fieldErrors(s, parsed.error.issues) };
}

function messageFor(s: ConsoleStrings, field: string, issue: z.core.$ZodIssue): string {
  const e = s.content.errors;
  if (field === 'title' && issue.code === 'too_small') return e.required;
  // A list that is too long has too many entries; a text (or one entry of a list) is too long itself.
  if (issue.code === 'too_big') return (field === 'authors' || field === 'topics') && issue.path.length === 1 ? e.tooMany : e.tooLong;
  if (field === 'url') return e.url;
  if (field === 'date' || field === 'endDate') return e.date;
  if (field === 'startsAt' || field === 'endsAt') return e.dateTime;
  if (field === 'doi') return e.doi;
  if (field === 'authors' && issue.code === 'too_small') return e.required;
  return e.invalid;
}

/** The first error of each field, in the console's words. */
export function fieldErrors(s: ConsoleStrings, issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'title');
    errors[field] ??= messageFor(s, field, issue);
  }
  return errors;
}

/** The item form's field errors for what the item service refused about an event (its fields, their order). */
export function eventErrors(s: ConsoleStrings, details: unknown): Record<string, string> | null {
  const fields = (details as { fields?: Record<string, string> } | undefined)?.fields;
  if (!fields) return null;
  const e = s.content.errors;
  return Object.fromEntries(Object.entries(fields).map(([field, why]) => [field, /only events/.test(why) ? e.eventOnly : e.endsBeforeStart]));
}
