/**
 * The words of the bounce area every layer shares (database, service, pages). Imports nothing, so the
 * schema can use them.
 */

/** What a kept bounce event is: a permanent failure (5.x.x), a transient one (4.x.x), or a spam complaint. */
export const BOUNCE_EVENT_KINDS = ['hard-bounce', 'soft-bounce', 'complaint'] as const;
export type BounceEventKind = (typeof BOUNCE_EVENT_KINDS)[number];

/** How a message in the bounce mailbox was read: an event to apply, or mail to leave alone. */
export type MessageClass = BounceEventKind | 'auto-reply' | 'unrelated';

/** Where an event came from. */
export const BOUNCE_SOURCES = ['mailbox', 'webhook'] as const;
export type BounceSource = (typeof BOUNCE_SOURCES)[number];

/** How an event was tied to its delivery (or only to its reader). */
export const BOUNCE_MATCHES = ['verp', 'delivery-id', 'message-id', 'address'] as const;
export type BounceMatch = (typeof BOUNCE_MATCHES)[number];
