import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Logger } from '../logger.js';
import type { BounceCursor } from './bounce-cursor.js';
import { redisBounceCursor } from './bounce-cursor.js';
import { BOUNCE_LIMITS } from './bounce-limits.js';
import { type BounceMailbox, mailboxAddress, openBounceMailbox } from './bounce-mailbox.js';
import { type ApplyOutcome, type BounceEventInput, eventOfMessage, recordBounce } from './bounce-service.js';
import { parseBounceMessage } from './parse-bounce.js';
import { parseVerp } from './verp.js';

/** What one run of the poll did. */
export interface PollSummary {
  /** Messages looked at (read or skipped for size). */
  seen: number;
  /** Events recorded (a reader's status may or may not have changed). */
  applied: number;
  /** Events recorded before (the same message read again). */
  duplicates: number;
  /** Moved to the processed folder: understood and applied, repeated, or about a reader since erased. */
  moved: number;
  /** Left where they were: auto-replies, unrelated mail, bounces about nobody on file, messages over the size limit. */
  left: number;
  /** True when the run stopped at its limit with more mail waiting. */
  more: boolean;
}

/** What the poll works with: the mailbox, where it got to, how to tell a VERP address, and the rules. */
export interface BouncePollDeps {
  mailbox: BounceMailbox;
  cursor: BounceCursor;
  verp: (address: string) => number | null;
  apply: (input: BounceEventInput) => Promise<ApplyOutcome>;
  maxMessages: number;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Outcomes whose message was understood and needs nothing more: it leaves the bounce folder. */
const DONE: ReadonlySet<ApplyOutcome['outcome']> = new Set(['applied', 'duplicate', 'reader-gone']);

/**
 * Reads the messages that arrived since the last run (at most maxMessages), applies each bounce or
 * complaint, and moves those to the processed folder. Anything not understood (auto-replies, unrelated
 * mail, a bounce about nobody on file, a message over the size limit) is never moved or deleted. The
 * cursor moves past each message once it is dealt with, so a failure part-way resumes at that message.
 */
export async function pollBounceMailbox(deps: BouncePollDeps): Promise<PollSummary> {
  const { mailbox, cursor } = deps;
  const summary: PollSummary = { seen: 0, applied: 0, duplicates: 0, moved: 0, left: 0, more: false };
  const after = await cursor.get(mailbox.uidValidity);
  const messages = await mailbox.listAfter(after, deps.maxMessages + 1);
  summary.more = messages.length > deps.maxMessages;
  for (const message of messages.slice(0, deps.maxMessages)) {
    summary.seen++;
    let done = false;
    if (message.size > BOUNCE_LIMITS.maxMessageBytes) {
      deps.logger.warn({ uid: message.uid, size: message.size }, 'bounce mailbox: message over the size limit left unread');
    } else {
      const raw = await mailbox.read(message.uid);
      const parsed = await parseBounceMessage(raw, { verp: deps.verp });
      const event = eventOfMessage(parsed, message.receivedAt);
      if (event) {
        // Without a Message-ID, the message's own bytes tell a second reading of it apart from a new one.
        event.messageId ??= `sha256:${createHash('sha256').update(raw).digest('hex')}`;
        const result = await deps.apply(event);
        if (result.outcome === 'applied') summary.applied++;
        if (result.outcome === 'duplicate') summary.duplicates++;
        done = DONE.has(result.outcome);
        if (!done) deps.logger.info({ uid: message.uid, kind: event.kind }, 'bounce mailbox: a bounce about nobody on file, left in place');
      }
    }
    if (done) {
      await mailbox.moveToProcessed(message.uid);
      summary.moved++;
    } else summary.left++;
    await cursor.set(mailbox.uidValidity, message.uid);
  }
  return summary;
}

/**
 * One run against BOUNCE_IMAP_URL with the process's database and Redis: what the bounce-poll job does.
 * Null when no mailbox is configured.
 */
export async function runBouncePoll(ctx: Pick<AppContext, 'db' | 'redis' | 'queues' | 'config' | 'logger'>): Promise<PollSummary | null> {
  const { config } = ctx;
  if (!config.BOUNCE_IMAP_URL) return null;
  const bounceAddress = config.BOUNCE_ADDRESS;
  const mailbox = await openBounceMailbox(config.BOUNCE_IMAP_URL, config.BOUNCE_PROCESSED_FOLDER);
  try {
    return await pollBounceMailbox({
      mailbox,
      cursor: redisBounceCursor(ctx.redis, config.QUEUE_PREFIX, mailboxAddress(config.BOUNCE_IMAP_URL)),
      verp: (address) => (bounceAddress ? parseVerp(address, bounceAddress, config.SECRET_KEY) : null),
      apply: (input) => recordBounce(ctx, input),
      maxMessages: config.BOUNCE_POLL_MAX_MESSAGES,
      logger: ctx.logger,
    });
  } finally {
    await mailbox.close();
  }
}
