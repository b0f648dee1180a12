import type { DbOrTx } from '../db/client.js';
import type { DeliveryStatus } from '../domain/statuses.js';
import { type Delivery, deliveriesPage } from './delivery-repository.js';
import type { DeliveryView } from './delivery-schema.js';

/** A delivery without its stored email (the preview route serves that). */
export function deliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    subscriberId: d.subscriberId,
    email: d.email,
    status: d.status,
    composedWith: d.composedWith,
    subject: d.subject,
    messageId: d.messageId,
    attempts: d.attempts,
    error: d.error,
    itemIds: d.itemIds,
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
  };
}

/** One page of a digest's deliveries as the admin API lists them. */
export function deliveriesPageView(db: DbOrTx, digestId: number, query: { status?: DeliveryStatus; page: number; limit: number }) {
  const { rows, total } = deliveriesPage(db, digestId, query);
  return { deliveries: rows.map(deliveryView), total, page: query.page, limit: query.limit };
}
