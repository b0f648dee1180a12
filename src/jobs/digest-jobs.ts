import { z } from 'zod';
import { httpUrl } from './http-url.js';
import { ITEM_KINDS, LANGUAGES } from '../db/schema.js';

/**
 * The contract between the process that owns the database and the compose/send workers, which never
 * open it. Every job carries what it needs; every outcome travels back through the results queue.
 */
export const COMPOSE_QUEUE = 'digest-compose';
export const SEND_QUEUE = 'digest-send';
export const RESULTS_QUEUE = 'digest-results';
export const SCHEDULE_QUEUE = 'digest-schedule';

const text = (max: number) => z.string().max(max);

/** One item a reader may get: everything the LLM prompt and the email need, taken from the database. */
export const candidateItemSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(ITEM_KINDS),
  title: text(500),
  summary: text(5000),
  url: z.string().max(2000).nullable(),
  authors: z.array(text(200)).max(100),
  venue: text(500).nullable(),
  doi: text(200).nullable(),
  date: z.string(), // ISO date
  language: z.enum(LANGUAGES),
  external: z.boolean(),
  /** Topic slugs of the item. */
  topics: z.array(z.string()).max(50),
});
export type CandidateItem = z.infer<typeof candidateItemSchema>;

/** A reader of this profile, with links and ids already signed and fixed by the owner. */
export const recipientSchema = z.object({
  deliveryId: z.number().int().positive(),
  email: z.email(),
  name: z.string().max(200).nullable(),
  preferencesUrl: httpUrl,
  unsubscribeUrl: httpUrl,
  messageId: z.string().max(300),
});
export type Recipient = z.infer<typeof recipientSchema>;

/** A profile: readers with the same language and the same candidate items get the same tailored text. */
export const composeJobSchema = z.object({
  digestId: z.number().int().positive(),
  period: z.string().regex(/^\d{4}-\d{2}$/),
  profileKey: z.string().max(200),
  language: z.enum(LANGUAGES),
  /** The topics the readers chose, with labels in the profile's language (empty: everything). */
  topics: z.array(z.object({ slug: z.string(), label: z.string() })).max(200),
  candidates: z.array(candidateItemSchema).min(1).max(500),
  /** Cached per-item summaries in this language for this model, by item id (see llm/summary-cache). */
  cachedSummaries: z.record(z.string(), z.string().max(2000)),
  recipients: z.array(recipientSchema).min(1),
  dryRun: z.boolean(),
});
export type ComposeJob = z.infer<typeof composeJobSchema>;

/** One finished email for one delivery, ready for SMTP. */
export const sendJobSchema = z.object({
  digestId: z.number().int().positive(),
  deliveryId: z.number().int().positive(),
  to: z.email(),
  subject: text(300),
  html: z.string(),
  text: z.string(),
  messageId: z.string().max(300),
  unsubscribeUrl: httpUrl,
});
export type SendJob = z.infer<typeof sendJobSchema>;

/** What workers report back to the owner of the database. */
export const resultJobSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('composed'),
    digestId: z.number().int().positive(),
    profileKey: z.string(),
    composedWith: z.enum(['llm', 'fallback']),
    llmCalls: z.number().int().min(0),
    llmError: z.string().nullable(),
    /** New per-item summaries to cache: item id → text. */
    newSummaries: z.record(z.string(), z.string()),
    deliveries: z.array(
      z.object({ deliveryId: z.number().int().positive(), subject: z.string(), html: z.string(), text: z.string(), itemIds: z.array(z.number().int()) }),
    ),
  }),
  z.object({
    type: z.literal('compose-failed'),
    digestId: z.number().int().positive(),
    profileKey: z.string(),
    error: z.string(),
    /** The model failed and LLM_REQUIRED forbids the fallback: the whole digest fails. */
    llmRequired: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('sent'),
    digestId: z.number().int().positive(),
    deliveryId: z.number().int().positive(),
    messageId: z.string(),
    attempts: z.number().int(),
  }),
  z.object({
    type: z.literal('send-failed'),
    digestId: z.number().int().positive(),
    deliveryId: z.number().int().positive(),
    error: z.string(),
    attempts: z.number().int(),
  }),
]);
export type ResultJob = z.infer<typeof resultJobSchema>;
