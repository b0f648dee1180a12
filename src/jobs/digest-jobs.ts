import { z } from 'zod';
import { httpUrl } from './http-url.js';
import { ITEM_KINDS } from '../domain/item-kinds.js';
import { COMPOSERS, LINE_ORIGINS } from '../domain/statuses.js';
import { LANGUAGES } from '../i18n/languages.js';
import { ITEM_LIMITS } from '../items/item-limits.js';
import { PERSON_LIMITS } from '../people/person-record.js';

/**
 * The contract between the process that owns the database and the compose/send workers, which never
 * open it. Every job carries what it needs; every outcome travels back through the results queue.
 */
export const COMPOSE_QUEUE = 'digest-compose';
export const SEND_QUEUE = 'digest-send';
export const RESULTS_QUEUE = 'digest-results';
export const SCHEDULE_QUEUE = 'digest-schedule';

const text = (max: number) => z.string().max(max);

/** How much of a new team member's bio travels with a job (the prompt and the grounding check read it). */
export const TEAM_BIO_MAX = 700;

// The items repository enforces the same limits, so an item always fits in a job.
const L = ITEM_LIMITS;

/** One item a reader may get: everything the LLM prompt and the email need, taken from the database. */
export const candidateItemSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(ITEM_KINDS),
  title: text(L.title),
  summary: text(L.summary),
  url: z.string().max(L.url).nullable(),
  authors: z.array(text(L.author)).max(L.authors),
  venue: text(L.venue).nullable(),
  doi: text(L.doi).nullable(),
  date: z.string(), // ISO date
  language: z.enum(LANGUAGES),
  external: z.boolean(),
  /** Topic slugs of the item. */
  topics: z.array(z.string()).max(L.topics),
  /** Events only: when and where, and whether it is still to come at the digest's window end ("Coming up"). */
  event: z
    .object({
      /** ISO instants when a time is known. */
      startsAt: z.string().max(40).nullable(),
      endsAt: z.string().max(40).nullable(),
      /** The last day (YYYY-MM-DD) of an event over several days. */
      endDate: z.string().max(10).nullable(),
      location: text(L.location).nullable(),
      upcoming: z.boolean(),
    })
    .optional(),
});
export type CandidateItem = z.infer<typeof candidateItemSchema>;

/** A team member who joined since the last digest: what the welcome line may draw on and the email shows. */
export const teamMemberSchema = z.object({
  id: z.number().int().positive(),
  name: text(PERSON_LIMITS.name),
  role: text(PERSON_LIMITS.role).nullable(),
  /** Only an https address; the email links to it and never loads it. */
  photoUrl: z.string().max(PERSON_LIMITS.url).nullable(),
  bio: text(TEAM_BIO_MAX),
  /** YYYY-MM-DD, when known. */
  startDate: z.string().max(10).nullable(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** At most this many new team members appear in one digest (a big import of a whole team is not news). */
export const MAX_NEW_PEOPLE = 20;

/**
 * One reader in a send job: their address, their delivery's Message-ID, and what is filled into the
 * profile's rendered email (name and signed links). Nothing else about the reader leaves the database.
 */
export const sendReaderSchema = z.object({
  deliveryId: z.number().int().positive(),
  to: z.email(),
  messageId: z.string().max(300),
  name: z.string().max(200).nullable(),
  preferencesUrl: httpUrl,
  unsubscribeUrl: httpUrl,
  /** The SMTP envelope sender, signed by the owner under BOUNCE_ADDRESS (VERP); absent: the From address. */
  envelopeFrom: z.email().max(320).optional(),
});
export type SendReader = z.infer<typeof sendReaderSchema>;

/**
 * Names one digest across its whole life: its id plus its creation time, so marks left in Redis by a
 * digest of an earlier database (restored from a backup, or recreated) never apply to a new one.
 */
const digestKey = z.string().regex(/^\d+\.\d+$/);

/** A profile: readers with the same language and the same candidate items get the same tailored text. */
export const composeJobSchema = z.object({
  digestId: z.number().int().positive(),
  digestKey,
  period: z.string().regex(/^\d{4}-\d{2}$/),
  profileKey: z.string().max(200),
  language: z.enum(LANGUAGES),
  /** The topics the readers chose, with labels in the profile's language (empty: everything). */
  topics: z.array(z.object({ slug: z.string(), label: z.string() })).max(200),
  /** Empty only when the profile carries nothing but new team members. */
  candidates: z.array(candidateItemSchema).max(500),
  /** Who joined the lab since the last digest: the same for every profile of a digest. */
  people: z.array(teamMemberSchema).max(MAX_NEW_PEOPLE).optional(),
  /** TIME_ZONE: the email writes event times in the lab's zone (UTC when absent). */
  timeZone: z.string().max(100).optional(),
  /** Cached per-item summaries in this language for this model, by item id (see llm/summary-cache). */
  cachedSummaries: z.record(z.string(), z.string().max(2000)),
  dryRun: z.boolean(),
  /** The lab's name as the grounding check may find it in a line (the worker's ORG_NAME when absent). */
  orgName: z.string().max(300).optional(),
  /** No editor reviews this digest: a line that fails the grounding check is replaced before rendering (absent: replace). */
  replaceFlagged: z.boolean().optional(),
  /** Set when an editor asks the model again for a profile in review: the result replaces the profile's text. */
  revision: z.number().int().positive().optional(),
});
export type ComposeJob = z.infer<typeof composeJobSchema>;

/** At most this many readers travel in one send job (SEND_BATCH_SIZE is bounded by it). */
export const SEND_BATCH_MAX = 200;

/**
 * A batch of readers of one digest, sent by one job: the worker fills each reader into the profile's
 * rendered email, which it reads from Redis once per profile (src/jobs/profile-renders.ts). `batch` is the
 * digest-wide number the owner gave these deliveries; the job's id is made from it.
 */
export const sendJobSchema = z.object({
  digestId: z.number().int().positive(),
  digestKey,
  batch: z.number().int().positive(),
  profileKey: z.string().max(200),
  readers: z.array(sendReaderSchema).max(SEND_BATCH_MAX),
});
export type SendJob = z.infer<typeof sendJobSchema>;

const segmentsSchema = z.object({ texts: z.array(z.string()), slots: z.array(z.string()) });

/** A rendered profile (src/mail/digest-email.ts ProfileRender) as it travels through Redis. */
export const profileRenderSchema = z.object({
  language: z.enum(LANGUAGES),
  subject: z.string().max(300),
  html: segmentsSchema,
  text: segmentsSchema,
});

const findingSchema = z.object({ kind: z.enum(['figure', 'name']), text: z.string().max(300) });
const profileLineSchema = z.object({
  text: z.string().max(4000),
  origin: z.enum(LINE_ORIGINS),
  findings: z.array(findingSchema).max(100),
  kept: z.boolean(),
  replacedFindings: z.array(findingSchema).max(100).optional(),
});

/** A profile's text with each line's origin and findings (src/review/profile-text.ts ProfileText) as it travels through Redis. */
export const profileTextSchema = z.object({
  intro: profileLineSchema,
  items: z.array(z.object({ id: z.number().int(), summary: profileLineSchema, line: profileLineSchema })).max(500),
  people: z
    .array(z.object({ id: z.number().int(), line: profileLineSchema }))
    .max(MAX_NEW_PEOPLE)
    .optional(),
});

/** How much of the model's raw answer a result carries for provenance. */
export const RAW_ANSWER_MAX = 20_000;

/** What workers report back to the owner of the database. */
export const resultJobSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('composed'),
    digestId: z.number().int().positive(),
    profileKey: z.string(),
    composedWith: z.enum(COMPOSERS),
    llmCalls: z.number().int().min(0),
    llmError: z.string().nullable(),
    /** New per-item summaries to cache: item id → text. */
    newSummaries: z.record(z.string(), z.string()),
    /** The items the email shows, in its order. */
    itemIds: z.array(z.number().int()),
    /**
     * The profile's email rendered once with the readers' greeting and links left open: the owner fills
     * each reader in (string work), so the result stays one email's size however many readers share it.
     */
    profile: profileRenderSchema,
    /** What the email says, line by line, with the grounding check's findings (absent from older workers). */
    text: profileTextSchema.optional(),
    /** The model's answer as it came (bounded), null when the fallback wrote the profile. */
    rawAnswer: z.string().max(RAW_ANSWER_MAX).nullable().optional(),
    promptVersion: z.string().max(100).optional(),
    /** sha256 of each offered item as the prompt carried it, by item id. */
    itemHashes: z.record(z.string(), z.string().max(100)).optional(),
    /** Lines replaced by the item's own text because they failed the grounding check (no review). */
    groundingReplaced: z.number().int().min(0).optional(),
    /** The compose job's revision: a profile an editor asked the model for again. */
    revision: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('compose-failed'),
    digestId: z.number().int().positive(),
    profileKey: z.string(),
    error: z.string(),
    /** The model failed and LLM_REQUIRED forbids the fallback: the whole digest fails. */
    llmRequired: z.boolean().default(false),
    /** A regeneration in review failed: the profile keeps its text and the digest goes on. */
    revision: z.number().int().positive().optional(),
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
    /** The server refused the address itself (hard bounce): the reader is marked bounced. */
    recipientRejected: z.boolean().default(false),
    attempts: z.number().int(),
  }),
  z.object({
    /** One send job's outcome: the deliveries the SMTP server accepted and those that failed for good. */
    type: z.literal('send-batch'),
    digestId: z.number().int().positive(),
    batch: z.number().int().positive(),
    attempts: z.number().int(),
    sent: z.array(z.object({ deliveryId: z.number().int().positive(), messageId: z.string().max(300) })).max(SEND_BATCH_MAX),
    failed: z
      .array(
        z.object({
          deliveryId: z.number().int().positive(),
          error: z.string().max(2000),
          /** The server refused the address itself (hard bounce): the reader is marked bounced. */
          recipientRejected: z.boolean(),
        }),
      )
      .max(SEND_BATCH_MAX),
  }),
  z.object({
    /** A send worker found no rendered email for a profile in Redis (expired, or Redis lost it): the owner stores it again. */
    type: z.literal('profile-missing'),
    digestId: z.number().int().positive(),
    profileKey: z.string().max(200),
    at: z.iso.datetime(),
  }),
  z.object({
    /** The relay could not take a send (unreachable, timing out, 421/4xx for everyone): no reader's failure. */
    type: z.literal('relay-down'),
    digestId: z.number().int().positive(),
    deliveryId: z.number().int().positive(),
    error: z.string().max(2000),
    /** When the send failed (ISO time). */
    at: z.iso.datetime(),
  }),
]);
export type ResultJob = z.infer<typeof resultJobSchema>;
export type ComposedResult = Extract<ResultJob, { type: 'composed' }>;
export type ComposeFailedResult = Extract<ResultJob, { type: 'compose-failed' }>;
export type SentResult = Extract<ResultJob, { type: 'sent' }>;
export type SendFailedResult = Extract<ResultJob, { type: 'send-failed' }>;
export type RelayDownResult = Extract<ResultJob, { type: 'relay-down' }>;
export type SendBatchResult = Extract<ResultJob, { type: 'send-batch' }>;
