import { z } from 'zod';
import { ITEM_KINDS } from '../domain/item-kinds.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/languages.js';
import { slugSchema } from '../topics/topic-schema.js';
import { ITEM_LIMITS } from './item-limits.js';
import { parseEventTime } from './event-times.js';
import { isHttpUrl, normalizeDoi } from './normalize.js';

const httpUrl = z.string().trim().max(ITEM_LIMITS.url).refine(isHttpUrl, 'must be an http:// or https:// URL');

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'must be a real date');

const doi = z
  .string()
  .trim()
  // Room for a resolver prefix ("https://doi.org/"); the stored DOI itself is checked below.
  .max(ITEM_LIMITS.doi + 32)
  .transform((v, ctx) => {
    const n = normalizeDoi(v);
    if (!n) ctx.addIssue({ code: 'custom', message: 'must be a DOI such as 10.1234/abc' });
    else if (n.length > ITEM_LIMITS.doi) ctx.addIssue({ code: 'custom', message: `must be at most ${ITEM_LIMITS.doi} characters` });
    return n ?? '';
  });

const plainText = (max: number) => z.string().trim().max(max);

/** An event's start or end: a date-time with a zone, or without one (then it is read in the lab's TIME_ZONE). */
const eventTime = z
  .string()
  .trim()
  .max(40)
  .refine((v) => parseEventTime(v, 'UTC')?.instant, 'must be a date and time such as 2030-06-01T18:30 (in the lab’s time zone) or 2030-06-01T16:30:00Z');

/** The fields only events have; null clears one. */
const eventFields = {
  endDate: calendarDate.nullable(),
  startsAt: eventTime.nullable(),
  endsAt: eventTime.nullable(),
  location: plainText(ITEM_LIMITS.location).min(1).nullable(),
};

/** What an admin sends to create an item. */
export const itemInputSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    title: plainText(ITEM_LIMITS.title).min(1),
    summary: plainText(ITEM_LIMITS.summary).default(''),
    url: httpUrl.nullable().optional(),
    authors: z.array(plainText(ITEM_LIMITS.author).min(1)).max(ITEM_LIMITS.authors).default([]),
    /** For an event, the day it starts; may be left out when `startsAt` is given (its day in the lab's time zone). */
    date: calendarDate.optional(),
    topics: z.array(slugSchema).max(ITEM_LIMITS.topics).default([]),
    language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE),
    venue: plainText(ITEM_LIMITS.venue).min(1).nullable().optional(),
    doi: doi.nullable().optional(),
    pdfUrl: httpUrl.nullable().optional(),
    external: z.boolean().default(false),
    endDate: eventFields.endDate.optional(),
    startsAt: eventFields.startsAt.optional(),
    endsAt: eventFields.endsAt.optional(),
    location: eventFields.location.optional(),
  })
  .refine((v) => v.date !== undefined || (v.kind === 'event' && !!v.startsAt), { path: ['date'], message: 'must be a date YYYY-MM-DD' });
export type ItemInput = z.infer<typeof itemInputSchema>;

/** What an admin sends to edit an item: any subset of the fields; null clears an optional one. */
export const itemPatchSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    title: plainText(ITEM_LIMITS.title).min(1),
    summary: plainText(ITEM_LIMITS.summary),
    url: httpUrl.nullable(),
    authors: z.array(plainText(ITEM_LIMITS.author).min(1)).max(ITEM_LIMITS.authors),
    date: calendarDate,
    topics: z.array(slugSchema).max(ITEM_LIMITS.topics),
    language: z.enum(LANGUAGES),
    venue: plainText(ITEM_LIMITS.venue).min(1).nullable(),
    doi: doi.nullable(),
    pdfUrl: httpUrl.nullable(),
    external: z.boolean(),
    ...eventFields,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field');
export type ItemPatch = z.infer<typeof itemPatchSchema>;

/** Filters and page of GET /items. */
export const itemListQuerySchema = z.object({
  kind: z.enum(ITEM_KINDS).optional(),
  topic: slugSchema.optional(),
  language: z.enum(LANGUAGES).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** An item as the admin API returns it. */
export const itemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  title: z.string(),
  summary: z.string(),
  url: z.string().nullable(),
  authors: z.array(z.string()),
  date: z.string(),
  topics: z.array(z.string()),
  language: z.enum(LANGUAGES),
  venue: z.string().nullable(),
  doi: z.string().nullable(),
  pdfUrl: z.string().nullable(),
  external: z.boolean(),
  endDate: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  source: z.string(),
  sourceKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const itemListSchema = z.object({
  items: z.array(itemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
