import type { Redis } from 'ioredis';
import { guardPipeline, markSentReadingStops } from '../jobs/delivery-guard.js';
import type { ProfileRender } from '../mail/digest-email.js';
import { fillDigestWith, readerValues } from '../mail/digest-email.js';
import { encodedBodyOf, fillEncodedBody } from '../mail/encoded-body.js';
import type { RelayDownResult, ResultJob, SendBatchResult, SendJob, SendReader } from '../jobs/digest-jobs.js';
import type { Mailer } from '../mail/mailer.js';
import { classifySmtpFailure } from '../mail/smtp-failure.js';
import { parseStoredRender, renderKeyOf } from '../jobs/profile-renders.js';
import type { RenderCache } from './render-cache.js';

/** What sending needs: the Redis marks and renders under QUEUE_PREFIX, the mailer, the digest's sender, the worker's render cache, and how many emails at once. */
export interface SendDigestEmailDeps {
  redis: Redis;
  prefix: string;
  mailer: Mailer;
  from: string;
  renders: RenderCache;
  /** Emails of the batch in flight at once (SMTP_POOL_SIZE: the pooled transport's connections). */
  concurrency: number;
}

type ProfileMissingResult = Extract<ResultJob, { type: 'profile-missing' }>;

/** Why some readers of a batch wait for another attempt: the digest was paused, the relay is away, or their send failed transiently. */
export type RetryReason = 'paused' | 'relay' | 'error';

/** How one attempt at a batch ended: what to report to the owner, and which readers wait for another attempt. */
export type BatchOutcome =
  | { kind: 'cancelled' }
  | { kind: 'paused' }
  | { kind: 'profile missing'; report: ProfileMissingResult }
  | {
      kind: 'done';
      /** Accepted and refused emails (null when there is neither). */
      report: SendBatchResult | null;
      /** The relay itself could not take some of them: nobody's failure; the owner pauses the digest. */
      relayDown: RelayDownResult | null;
      /** Readers for another attempt, why (the strongest reason), and the first error. */
      retry: { readers: SendReader[]; reason: RetryReason; error: unknown } | null;
    };

type ReaderOutcome =
  | { kind: 'sent' }
  | { kind: 'relay'; error: unknown; message: string }
  | { kind: 'failed'; error: unknown; message: string; permanent: boolean; recipientRejected: boolean };

/** How often a batch in progress looks at the digest's cancel and pause marks when no email was accepted since. */
const STOP_CHECK_MS = 500;

/**
 * Sends one batch of a digest's emails, in a send worker (no database). One Redis round trip reads the
 * digest's cancel and pause marks, each reader's sent and withdrawn marks, and the profile's render
 * (unless the worker has it); then each reader's email is filled in and sent through the pooled mailer,
 * `concurrency` at a time, looking at the digest's marks again at most every half second, so a pause or a
 * cancel stops a batch within moments. A delivery the SMTP server already accepted is never sent again,
 * whatever retried or duplicated the job; a cancelled digest or a reader who left gets nothing; a paused
 * digest's readers wait. A failure of the relay (src/mail/smtp-failure.ts) is nobody's failure: it is
 * reported so the owner pauses the digest, and those readers wait. A reader's failure is reported when it
 * is final: the server refused it (permanent), or this was the last attempt; otherwise the reader waits
 * for the batch's next attempt.
 */
export async function sendDigestBatch(deps: SendDigestEmailDeps, job: SendJob, attempt: { number: number; last: boolean }): Promise<BatchOutcome> {
  const { redis, prefix } = deps;
  const cached = deps.renders.get(job.digestKey, job.profileKey);
  const pipeline = guardPipeline.digestStops(redis.pipeline(), prefix, job.digestKey);
  if (!cached) pipeline.getBuffer(renderKeyOf(prefix, job.digestKey, job.profileKey));
  for (const r of job.readers) guardPipeline.deliveryMarks(pipeline, prefix, r.messageId);
  const values = answersOf(await pipeline.exec());
  // Cancelled and withdrawn deliveries are already settled in the database: nothing to report.
  if (values[0] === 1) return { kind: 'cancelled' };
  // Paused by an editor: not sent and not settled; the worker puts the job back for later.
  if (values[1] === 1) return { kind: 'paused' };
  let offset = 2;
  let render = cached;
  if (!render) {
    render = parseStoredRender(values[offset++] as Buffer | null);
    if (!render)
      return { kind: 'profile missing', report: { type: 'profile-missing', digestId: job.digestId, profileKey: job.profileKey, at: new Date().toISOString() } };
    deps.renders.set(job.digestKey, job.profileKey, render);
  }

  const { sent, waiting: toSend } = byMarks(job.readers, values.slice(offset));

  const { outcomes, stopped } = await sendAll(deps, job, render, toSend);
  const failed: SendBatchResult['failed'] = [];
  const retry: SendReader[] = [];
  let reason: RetryReason | null = stopped === 'paused' ? 'paused' : null;
  let firstError: unknown = null;
  let relay: { error: string; deliveryId: number } | null = null;
  for (const [i, reader] of toSend.entries()) {
    const outcome = outcomes[i];
    if (!outcome) {
      // Never started: the digest was paused (they wait) or cancelled (settled in the database).
      if (stopped === 'paused') retry.push(reader);
    } else if (outcome.kind === 'sent') {
      sent.push({ deliveryId: reader.deliveryId, messageId: reader.messageId });
    } else if (outcome.kind === 'relay') {
      relay ??= { error: outcome.message, deliveryId: reader.deliveryId };
      reason = reason ?? 'relay';
      firstError ??= outcome.error;
      retry.push(reader);
    } else if (outcome.permanent || attempt.last) {
      failed.push({ deliveryId: reader.deliveryId, error: outcome.message, recipientRejected: outcome.recipientRejected });
    } else {
      firstError ??= outcome.error;
      retry.push(reader);
    }
  }
  const report: SendBatchResult | null =
    sent.length + failed.length > 0 ? { type: 'send-batch', digestId: job.digestId, batch: job.batch, attempts: attempt.number, sent, failed } : null;
  const relayDown: RelayDownResult | null = relay
    ? { type: 'relay-down', digestId: job.digestId, deliveryId: relay.deliveryId, error: relay.error, at: new Date().toISOString() }
    : null;
  return { kind: 'done', report, relayDown, retry: retry.length === 0 ? null : { readers: retry, reason: reason ?? 'error', error: firstError } };
}

/**
 * The report of a batch whose last attempt ended in an error nobody expected (not an SMTP answer: Redis
 * going away mid-batch, a bug): it may have sent some of its readers before it stopped, so each reader's
 * marks are read first. Sent ones are reported sent, withdrawn ones not at all (settled in the database),
 * the others failed, so the digest's figures are right without waiting for a "retry failed".
 */
export async function finalFailureReport(redis: Redis, prefix: string, job: SendJob, attempts: number, error: string): Promise<SendBatchResult> {
  const pipeline = redis.pipeline();
  for (const r of job.readers) guardPipeline.deliveryMarks(pipeline, prefix, r.messageId);
  const { sent, waiting } = byMarks(job.readers, answersOf(await pipeline.exec()));
  const failed = waiting.map((r) => ({ deliveryId: r.deliveryId, error: error.slice(0, 2000), recipientRejected: false }));
  return { type: 'send-batch', digestId: job.digestId, batch: job.batch, attempts, sent, failed };
}

/**
 * Readers sorted by their marks (guardPipeline.deliveryMarks' two answers each, in order): those the
 * relay accepted already, and those still waiting; a withdrawn reader is in neither (settled in the database).
 */
function byMarks(readers: readonly SendReader[], marks: readonly unknown[]): { sent: SendBatchResult['sent']; waiting: SendReader[] } {
  const sent: SendBatchResult['sent'] = [];
  const waiting: SendReader[] = [];
  readers.forEach((reader, i) => {
    if (marks[2 * i] === 1) sent.push({ deliveryId: reader.deliveryId, messageId: reader.messageId });
    else if (marks[2 * i + 1] !== 1) waiting.push(reader);
  });
  return { sent, waiting };
}

/** A pipeline's answers, or its first error. */
function answersOf(answers: Array<[Error | null, unknown]> | null): unknown[] {
  return (answers ?? []).map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/**
 * Sends the readers `concurrency` at a time; before each one it looks at the digest's marks (at most
 * every STOP_CHECK_MS, one shared round trip). An outcome per reader, undefined for those never started.
 */
async function sendAll(
  deps: SendDigestEmailDeps,
  job: SendJob,
  render: ProfileRender,
  readers: SendReader[],
): Promise<{ outcomes: Array<ReaderOutcome | undefined>; stopped: 'cancelled' | 'paused' | null }> {
  const outcomes: Array<ReaderOutcome | undefined> = new Array(readers.length);
  let stopped: 'cancelled' | 'paused' | null = null;
  let checkedAt = Date.now();
  let checking: Promise<void> | null = null;
  const marks = (pipeline: ReturnType<Redis['pipeline']>) => guardPipeline.digestStops(pipeline, deps.prefix, job.digestKey);
  const learn = (answers: unknown[]) => {
    const [cancelled, paused] = answers.slice(-2);
    stopped ??= cancelled === 1 ? 'cancelled' : paused === 1 ? 'paused' : null;
  };
  const look = async () => learn(answersOf(await marks(deps.redis.pipeline()).exec()));
  let next = 0;
  const lane = async () => {
    while (next < readers.length && !stopped) {
      if (Date.now() - checkedAt >= STOP_CHECK_MS) {
        checkedAt = Date.now();
        checking = look().finally(() => {
          checking = null;
        });
      }
      if (checking) await checking;
      if (stopped || next >= readers.length) return;
      const i = next++;
      const reader = readers[i]!;
      const outcome = await sendOne(deps, render, reader);
      outcomes[i] = outcome;
      if (outcome.kind === 'sent') {
        // The sent mark goes at once, and the digest's marks come back in the same round trip.
        learn(await markSentReadingStops(deps.redis, deps.prefix, reader.messageId, job.digestKey));
        checkedAt = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, readers.length)) }, lane));
  return { outcomes, stopped };
}

/** Fills one reader into the render and sends it (the caller marks it sent at once). */
async function sendOne(deps: SendDigestEmailDeps, render: ProfileRender, reader: SendReader): Promise<ReaderOutcome> {
  let mail: ReturnType<typeof fillDigestWith>;
  let encoded: ReturnType<typeof fillEncodedBody>;
  try {
    const values = readerValues(render, reader);
    mail = fillDigestWith(render, values);
    // The profile's body is encoded once per worker; only this reader's values are encoded here.
    encoded = fillEncodedBody(encodedBodyOf(render), values);
  } catch (error) {
    // A reader's values the template refuses (the job schema already checks them): no retry can help.
    return { kind: 'failed', error, message: String((error as Error).message).slice(0, 2000), permanent: true, recipientRejected: false };
  }
  try {
    await deps.mailer.send({
      from: deps.from,
      to: reader.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      encoded,
      messageId: reader.messageId,
      list: { unsubscribeUrl: reader.unsubscribeUrl },
      // The VERP sender the owner signed for this delivery (BOUNCE_ADDRESS): any bounce names it.
      ...(reader.envelopeFrom ? { envelope: { from: reader.envelopeFrom, to: reader.to } } : {}),
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const failure = classifySmtpFailure(error);
    if (failure.kind === 'infrastructure') return { kind: 'relay', error, message };
    return { kind: 'failed', error, message, permanent: failure.permanent, recipientRejected: failure.recipientRejected };
  }
  return { kind: 'sent' };
}
