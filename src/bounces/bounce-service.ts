import type { AppContext } from '../context.js';
import type { Db, DbOrTx } from '../db/client.js';
import { withdrawPendingDeliveries } from '../deliveries/withdraw.js';
import { normaliseEmail } from '../subscribers/email-address.js';
import { markBounced, markComplained } from '../subscribers/lifecycle.js';
import type { BounceEventKind, BounceMatch, BounceSource } from './bounce-kinds.js';
import { BOUNCE_LIMITS } from './bounce-limits.js';
import {
  type DeliveryTarget,
  deliveryById,
  deliveryByMessageId,
  insertBounceEvent,
  readerByAddress,
  SOFT_BOUNCE_STREAK,
  softBounceStreak,
} from './bounce-repository.js';
import type { ParsedBounce } from './parse-bounce.js';

/** One bounce or complaint to apply, from the mailbox or the webhook. */
export interface BounceEventInput {
  kind: BounceEventKind;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  source: BounceSource;
  /** The bounce's own Message-ID (or the relay's event id): the same one is applied once. */
  messageId: string | null;
  receivedAt: Date;
  match: {
    /** A delivery named outright: by a signed VERP address (mailbox) or by id (webhook). */
    deliveryId: number | null;
    deliveryMatch: Extract<BounceMatch, 'verp' | 'delivery-id'>;
    messageIds: readonly string[];
    addresses: readonly string[];
  };
}

/** What applying an event did. */
export type ApplyOutcome =
  | {
      outcome: 'applied';
      eventId: number;
      subscriberId: number;
      deliveryId: number | null;
      matchedBy: BounceMatch;
      /** The reader's new status, when this event changed it. */
      newStatus: 'bounced' | 'complained' | null;
    }
  | { outcome: 'duplicate' | 'unmatched' | 'reader-gone' };

interface Resolved {
  subscriberId: number | null;
  delivery: DeliveryTarget | null;
  matchedBy: BounceMatch;
}

/** The delivery and reader an event is about: the named delivery, else a Message-ID, else an address. */
function resolve(db: DbOrTx, match: BounceEventInput['match']): Resolved | null {
  if (match.deliveryId !== null) {
    const delivery = deliveryById(db, match.deliveryId);
    if (delivery) return { subscriberId: delivery.subscriberId, delivery, matchedBy: match.deliveryMatch };
  }
  for (const messageId of match.messageIds) {
    const delivery = deliveryByMessageId(db, messageId);
    if (delivery) return { subscriberId: delivery.subscriberId, delivery, matchedBy: 'message-id' };
  }
  for (const address of match.addresses) {
    const reader = readerByAddress(db, normaliseEmail(address));
    if (!reader) continue;
    const delivery = reader.deliveryId === null ? null : (deliveryById(db, reader.deliveryId) ?? null);
    return { subscriberId: reader.subscriberId, delivery, matchedBy: 'address' };
  }
  return null;
}

/**
 * Records one event and applies the rules, in one transaction: a hard bounce makes the reader bounced,
 * a complaint complained (both conditional updates, so a repeat changes nothing); a soft bounce makes
 * them bounced when it completes a streak of SOFT_BOUNCE_STREAK digests (see softBounceStreak). An event
 * already recorded (same source and Message-ID) is skipped whole.
 */
export function applyBounceEvent(db: Db, input: BounceEventInput, now = new Date()): ApplyOutcome {
  return db.transaction((tx) => {
    const found = resolve(tx, input.match);
    if (!found) return { outcome: 'unmatched' };
    if (found.subscriberId === null) return { outcome: 'reader-gone' };
    const subscriberId = found.subscriberId;
    const eventId = insertBounceEvent(tx, {
      subscriberId,
      deliveryId: found.delivery?.deliveryId ?? null,
      kind: input.kind,
      status: input.status,
      diagnostic: input.diagnostic?.slice(0, BOUNCE_LIMITS.maxDiagnosticChars) ?? null,
      recipient: input.recipient?.slice(0, 254) ?? null,
      source: input.source,
      matchedBy: found.matchedBy,
      messageId: input.messageId?.slice(0, 500) ?? null,
      receivedAt: input.receivedAt,
    });
    if (eventId === null) return { outcome: 'duplicate' };
    let newStatus: 'bounced' | 'complained' | null = null;
    if (input.kind === 'complaint') newStatus = markComplained(tx, subscriberId, now) ? 'complained' : null;
    else if (input.kind === 'hard-bounce') newStatus = markBounced(tx, subscriberId, now) ? 'bounced' : null;
    else if (found.delivery && softBounceStreak(tx, subscriberId, found.delivery) >= SOFT_BOUNCE_STREAK) {
      newStatus = markBounced(tx, subscriberId, now) ? 'bounced' : null;
    }
    return { outcome: 'applied', eventId, subscriberId, deliveryId: found.delivery?.deliveryId ?? null, matchedBy: found.matchedBy, newStatus };
  });
}

/**
 * Applies an event and, when it stopped mail to the reader, withdraws what is still queued for them, so
 * a digest being sent right now does not reach them either.
 */
export async function recordBounce(ctx: Pick<AppContext, 'db' | 'redis' | 'queues' | 'config' | 'logger'>, input: BounceEventInput): Promise<ApplyOutcome> {
  const result = applyBounceEvent(ctx.db, input);
  if (result.outcome === 'applied' && result.newStatus) {
    const withdrawn = await withdrawPendingDeliveries(ctx, result.subscriberId);
    ctx.logger.info({ subscriberId: result.subscriberId, status: result.newStatus, kind: input.kind, withdrawn }, 'reader stopped by a bounce or complaint');
  }
  return result;
}

/** The event a parsed mailbox message carries (received when the mailbox got it), or null for an auto-reply or unrelated mail. */
export function eventOfMessage(parsed: ParsedBounce, receivedAt: Date): BounceEventInput | null {
  if (parsed.class === 'auto-reply' || parsed.class === 'unrelated') return null;
  return {
    kind: parsed.class,
    status: parsed.status,
    diagnostic: parsed.diagnostic,
    recipient: parsed.recipient,
    source: 'mailbox',
    messageId: parsed.messageId,
    receivedAt,
    match: { deliveryId: parsed.match.verpDeliveryId, deliveryMatch: 'verp', messageIds: parsed.match.messageIds, addresses: parsed.match.addresses },
  };
}
