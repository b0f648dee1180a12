import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';
import { COMPOSERS, LINE_ORIGINS, PROFILE_ACTIONS } from '../domain/statuses.js';

/** Which line of a profile a change is about: the intro, one item's line or summary, or a new team member's welcome. */
export const lineTargetSchema = z.union([
  z.literal('intro'),
  z.object({ itemId: z.number().int().positive(), field: z.enum(['line', 'summary']) }).strict(),
  z.object({ personId: z.number().int().positive() }).strict(),
]);
export type LineTarget = z.infer<typeof lineTargetSchema>;

/**
 * One editor change to a profile (PATCH /api/admin/digests/:id/profiles/:pid, and the console's forms):
 * write a line (checked again like model output), keep a flagged line on purpose, or put the fallback
 * text (the item's own summary, or the fixed intro) in its place.
 */
export const profileChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('edit'), target: lineTargetSchema, text: z.string().max(2000) }).strict(),
  z.object({ action: z.literal('keep'), target: lineTargetSchema }).strict(),
  z.object({ action: z.literal('fallback'), target: lineTargetSchema }).strict(),
]);
export type ProfileChange = z.infer<typeof profileChangeSchema>;

export const testSendSchema = z.object({ to: z.email().max(320) }).strict();

const findingSchema = z.object({ kind: z.enum(['figure', 'name']), text: z.string() });
const lineSchema = z.object({
  text: z.string(),
  origin: z.enum(LINE_ORIGINS),
  findings: z.array(findingSchema),
  kept: z.boolean(),
  /** Present when the line stands in for a flagged one: what the checks found in that one. */
  replacedFindings: z.array(findingSchema).optional(),
});

/** A profile as review shows it: who reads it, what it says, the items' own text beside it, and its flags. */
export const profileReviewSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  language: z.enum(LANGUAGES),
  topics: z.array(z.object({ slug: z.string(), label: z.string() })),
  readerCount: z.number().int(),
  composedWith: z.enum(COMPOSERS).nullable(),
  llmError: z.string().nullable(),
  composedAt: z.string().nullable(),
  /** Lines still flagged (findings, not kept): approval replaces them with the item's own text. */
  flagged: z.number().int(),
  /** Null until the profile is composed. */
  intro: lineSchema.nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      authors: z.array(z.string()),
      venue: z.string().nullable(),
      /** The item's own summary, as the database holds it. */
      ownSummary: z.string(),
      summary: lineSchema,
      line: lineSchema,
    }),
  ),
  /** The welcome lines of the team members who joined since the last digest (target `{ personId }`). */
  people: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string().nullable(), bio: z.string(), line: lineSchema })).optional(),
});
export type ProfileReview = z.infer<typeof profileReviewSchema>;

/** One entry of a profile's change log. */
export const profileEventSchema = z.object({
  action: z.enum(PROFILE_ACTIONS),
  target: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});

/** GET /api/admin/digests/:id/provenance: per profile, what made its text and who changed it. */
export const provenanceSchema = z.object({
  digestId: z.number().int(),
  model: z.string().nullable(),
  modelDigest: z.string().nullable(),
  reviewRequired: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  groundingReplaced: z.number().int(),
  profiles: z.array(
    z.object({
      id: z.number().int(),
      key: z.string(),
      language: z.enum(LANGUAGES),
      composedWith: z.enum(COMPOSERS).nullable(),
      fallback: z.boolean(),
      promptVersion: z.string().nullable(),
      items: z.array(z.object({ id: z.number().int(), hash: z.string() })),
      rawAnswer: z.string().nullable(),
      /** What the checks found, line by line; `replaced`: the line was replaced by the item's own text for it. */
      findings: z.array(z.object({ target: z.string(), kind: z.enum(['figure', 'name']), text: z.string(), replaced: z.boolean() })),
      events: z.array(profileEventSchema),
    }),
  ),
});
export type Provenance = z.infer<typeof provenanceSchema>;
