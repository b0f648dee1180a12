/**
 * The states of the domain's records, as words every layer shares (database, jobs, workers, pages).
 * Nothing here imports anything: workers read these without loading the ORM.
 */
export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const DIGEST_STATUSES = ['planned', 'composing', 'sending', 'sent', 'cancelled', 'failed'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];

export const DELIVERY_STATUSES = ['planned', 'composed', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Who wrote a profile's text: the local model, or the deterministic fallback composer. */
export const COMPOSERS = ['llm', 'fallback'] as const;
export type ComposedWith = (typeof COMPOSERS)[number];
