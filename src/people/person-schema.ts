import { z } from 'zod';
import { isHttpUrl } from '../items/normalize.js';
import { PERSON_LIMITS, PERSON_SOURCES } from './person-record.js';

const httpUrl = z.string().trim().max(PERSON_LIMITS.url).refine(isHttpUrl, 'must be an http:// or https:// URL');

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'must be a real date');

const link = z.object({ label: z.string().trim().min(1).max(PERSON_LIMITS.linkLabel), url: httpUrl });

const fields = {
  name: z.string().trim().min(1).max(PERSON_LIMITS.name),
  role: z.string().trim().min(1).max(PERSON_LIMITS.role).nullable(),
  photoUrl: httpUrl.nullable(),
  bio: z.string().trim().max(PERSON_LIMITS.bio),
  startDate: calendarDate.nullable(),
  links: z.array(link).max(PERSON_LIMITS.links),
  alumni: z.boolean(),
};

/** What an admin sends to add a person. */
export const personInputSchema = z.object({
  name: fields.name,
  role: fields.role.default(null),
  photoUrl: fields.photoUrl.default(null),
  bio: fields.bio.default(''),
  startDate: fields.startDate.default(null),
  links: fields.links.default([]),
  alumni: fields.alumni.default(false),
});
export type PersonInput = z.infer<typeof personInputSchema>;

/** What an admin sends to edit a person: any subset of the fields; null clears an optional one. */
export const personPatchSchema = z
  .object(fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field');

/** Filters and page of GET /people. */
export const personListQuerySchema = z.object({
  alumni: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A person as the admin API returns them. */
export const personSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string().nullable(),
  photoUrl: z.string().nullable(),
  bio: z.string(),
  startDate: z.string().nullable(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  alumni: z.boolean(),
  source: z.enum(PERSON_SOURCES),
  sourceKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const personListSchema = z.object({
  people: z.array(personSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
