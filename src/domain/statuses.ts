/**
 * The states of the domain's records, as words every layer shares (database, jobs, workers, pages).
 * Nothing here imports anything: workers read these without loading the ORM.
 */
export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/**
 * planned → composing → review (when an editor must approve) → sending → sent; `paused` stops sending
 * until resumed; `cancelled` and `failed` end a digest that did not go out.
 */
export const DIGEST_STATUSES = ['planned', 'composing', 'review', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];

export const DELIVERY_STATUSES = ['planned', 'composed', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Who wrote a profile's text: the local model, or the deterministic fallback composer. */
export const COMPOSERS = ['llm', 'fallback'] as const;
export type ComposedWith = (typeof COMPOSERS)[number];

/** Console roles: an editor handles content, imports, drafts and review; an admin also approves, and manages subscribers, users and settings. */
export const USER_ROLES = ['editor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Where a line of a profile's text came from: the model, the fallback composer, an editor, or the item's own text. */
export const LINE_ORIGINS = ['model', 'fallback', 'editor', 'item'] as const;
export type LineOrigin = (typeof LINE_ORIGINS)[number];

/** What an editor (or the approval) did to a profile, as kept in its provenance. */
export const PROFILE_ACTIONS = ['edit', 'keep', 'fallback', 'regenerate', 'test-send', 'replace-flagged', 'approve'] as const;
export type ProfileAction = (typeof PROFILE_ACTIONS)[number];
