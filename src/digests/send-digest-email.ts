import type { Redis } from 'ioredis';
import { isDigestCancelled, isDigestPaused, isWithdrawn, markSent, wasSent } from '../jobs/delivery-guard.js';
import type { RelayDownResult, SendFailedResult, SendJob, SentResult } from '../jobs/digest-jobs.js';
import type { Mailer } from '../mail/mailer.js';
import { classifySmtpFailure } from '../mail/smtp-failure.js';

/** What sending needs: the Redis marks under QUEUE_PREFIX, the mailer, and the digest's sender. */
export interface SendDigestEmailDeps {
  redis: Redis;
  prefix: string;
  mailer: Mailer;
  from: string;
}

/** How one attempt ended, and the report the owner must get (none when the database already knows). */
export type SendOutcome =
  | { kind: 'sent' | 'already sent'; report: SentResult }
  | { kind: 'cancelled' | 'reader left' | 'paused'; report: null }
  | { kind: 'relay down'; report: RelayDownResult }
  | { kind: 'failed'; report: SendFailedResult | null; error: unknown; permanent: boolean };

/**
 * Sends one digest email, in a send worker (no database). A delivery the SMTP server already accepted
 * is never sent again, whatever retried or duplicated the job; a cancelled digest or a reader who left
 * gets nothing; a paused digest's email waits. A failure of the relay (src/mail/smtp-failure.ts) is
 * nobody's failure: it is reported so the owner pauses the digest, and the email waits. A reader's
 * failure is reported when it is final: the server refused it (permanent), or this was the last
 * attempt; anything else is retried with backoff.
 */
export async function sendDigestEmail(deps: SendDigestEmailDeps, job: SendJob, attempt: { number: number; last: boolean }): Promise<SendOutcome> {
  const { redis, prefix } = deps;
  const sent: SentResult = { type: 'sent', digestId: job.digestId, deliveryId: job.deliveryId, messageId: job.messageId, attempts: attempt.number };
  if (await wasSent(redis, prefix, job.messageId)) return { kind: 'already sent', report: sent };
  // Cancelled and withdrawn deliveries are already settled in the database: nothing to report.
  if (await isDigestCancelled(redis, prefix, job.digestKey)) return { kind: 'cancelled', report: null };
  if (await isWithdrawn(redis, prefix, job.messageId)) return { kind: 'reader left', report: null };
  // Paused by an editor: not sent and not settled; the worker puts the job back for later.
  if (await isDigestPaused(redis, prefix, job.digestKey)) return { kind: 'paused', report: null };

  try {
    await deps.mailer.send({
      from: deps.from,
      to: job.to,
      subject: job.subject,
      html: job.html,
      text: job.text,
      messageId: job.messageId,
      list: { unsubscribeUrl: job.unsubscribeUrl },
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const failure = classifySmtpFailure(error);
    if (failure.kind === 'infrastructure') {
      return {
        kind: 'relay down',
        report: { type: 'relay-down', digestId: job.digestId, deliveryId: job.deliveryId, error: message, at: new Date().toISOString() },
      };
    }
    const report: SendFailedResult | null =
      failure.permanent || attempt.last
        ? {
            type: 'send-failed',
            digestId: job.digestId,
            deliveryId: job.deliveryId,
            error: message,
            attempts: attempt.number,
            recipientRejected: failure.recipientRejected,
          }
        : null;
    return { kind: 'failed', report, error, permanent: failure.permanent };
  }
  await markSent(redis, prefix, job.messageId);
  return { kind: 'sent', report: sent };
}
