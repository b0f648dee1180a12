import type { BounceEventKind, BounceSource } from '../../bounces/bounce-kinds.js';
import type { DeliveryStatus, SubscriberStatus } from '../../domain/statuses.js';

/** The console's subscriber pages, in one language. Plain text: pages escape it. */
export interface SubscribersStrings {
  title: string;
  filtersHeading: string;
  search: string;
  searchHint: string;
  status: string;
  language: string;
  topic: string;
  any: string;
  filter: string;
  clearFilters: string;
  exportCsv: string;
  /** "{total} subscribers match" */
  matching: string;
  noResults: string;
  email: string;
  name: string;
  topics: string;
  joined: string;
  statuses: Record<SubscriberStatus, string>;
  listCaption: string;
  detailsHeading: string;
  paused: string;
  frequency: string;
  frequencies: { monthly: string };
  createdAt: string;
  confirmedAt: string;
  unsubscribedAt: string;
  consentHeading: string;
  consentHint: string;
  event: string;
  at: string;
  form: string;
  version: string;
  ip: string;
  userAgent: string;
  consentText: string;
  consentEvents: Record<'signup' | 'confirm' | 'unsubscribe' | 'erase' | 'resubscribe', string>;
  noConsent: string;
  deliveriesHeading: string;
  digest: string;
  deliveryStatus: string;
  deliveryStatuses: Record<DeliveryStatus, string>;
  sentAt: string;
  attempts: string;
  error: string;
  preview: string;
  /** "Preview the email of digest {period}" */
  previewLabel: string;
  noDeliveries: string;
  bouncesHeading: string;
  bouncesHint: string;
  noBounces: string;
  receivedAt: string;
  bounceKind: string;
  bounceKinds: Record<BounceEventKind, string>;
  bounceStatus: string;
  diagnostic: string;
  bounceSource: string;
  bounceSources: Record<BounceSource, string>;
  eraseHeading: string;
  eraseLink: string;
  /** "Erase {email}?" */
  eraseTitle: string;
  eraseIntro: string;
  eraseGoes: string[];
  eraseStays: string;
  eraseButton: string;
  /** After an erasure (the address is not repeated: it would travel in the redirect's URL). */
  erased: string;
  backToList: string;
}
