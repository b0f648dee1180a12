import { z } from 'zod';
import type { AppContext } from '../context.js';
import { InvalidInputError } from '../errors.js';
import { type ApplyOutcome, type BounceEventInput, recordBounce } from './bounce-service.js';
import { bounceKindOf } from './parse-status.js';

/** Most events one webhook call may carry. */
export const MAX_WEBHOOK_EVENTS = 100;

/** One event as a relay posts it: what happened, and at least one way to find the delivery. */
export const webhookEventSchema = z
  .object({
    kind: z.enum(['bounce', 'hard-bounce', 'soft-bounce', 'complaint']).describe('`bounce` is hard or soft by its status'),
    id: z.string().min(1).max(200).optional().describe('The relay’s id of the event: an id posted twice is applied once'),
    deliveryId: z.number().int().positive().optional(),
    messageId: z
      .string()
      .max(300)
      .regex(/^<?[^<>\s]+@[^<>\s]+>?$/, 'must look like <id@host>')
      .optional()
      .describe('Message-ID of the email the event is about'),
    recipient: z.email().max(254).optional(),
    status: z
      .string()
      .regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'must be an enhanced status code such as 5.1.1')
      .optional(),
    diagnostic: z.string().max(1000).optional(),
  })
  .refine((e) => e.deliveryId !== undefined || e.messageId !== undefined || e.recipient !== undefined, {
    message: 'give deliveryId, messageId or recipient',
  })
  .refine((e) => e.kind !== 'bounce' || (e.status !== undefined && !e.status.startsWith('2.')), {
    message: 'a bounce needs a 4.x.x or 5.x.x status',
  });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const webhookBodySchema = z.object({ events: z.array(webhookEventSchema).min(1).max(MAX_WEBHOOK_EVENTS) });

function inputOf(event: WebhookEvent, now: Date): BounceEventInput {
  const kind = event.kind === 'bounce' ? bounceKindOf(event.status ?? null) : event.kind;
  // The schema allows a bounce only with a 4.x.x or 5.x.x status.
  if (!kind) throw new InvalidInputError('a bounce needs a 4.x.x or 5.x.x status');
  const messageId = event.messageId ? (event.messageId.startsWith('<') ? event.messageId : `<${event.messageId}>`) : null;
  return {
    kind,
    status: event.status ?? null,
    diagnostic: event.diagnostic ?? null,
    recipient: event.recipient?.toLowerCase() ?? null,
    source: 'webhook',
    messageId: event.id ?? null,
    receivedAt: now,
    match: {
      deliveryId: event.deliveryId ?? null,
      deliveryMatch: 'delivery-id',
      messageIds: messageId ? [messageId] : [],
      addresses: event.recipient ? [event.recipient] : [],
    },
  };
}

/** Applies the events a relay posted, in order, by the same path as the mailbox's; one outcome per event. */
export async function recordWebhookEvents(
  ctx: Pick<AppContext, 'db' | 'redis' | 'queues' | 'config' | 'logger'>,
  events: readonly WebhookEvent[],
  now = new Date(),
): Promise<Array<ApplyOutcome['outcome']>> {
  // Every event is checked before any is applied: a bad one changes nothing.
  const inputs = events.map((e) => inputOf(e, now));
  const outcomes: Array<ApplyOutcome['outcome']> = [];
  for (const input of inputs) outcomes.push((await recordBounce(ctx, input)).outcome);
  return outcomes;
}
