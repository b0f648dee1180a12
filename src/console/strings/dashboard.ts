import type { DigestStatus, SubscriberStatus } from '../../domain/statuses.js';

/** The console's dashboard pages, in one language. Plain text: pages escape it. */
export interface DashboardStrings {
  title: string;
  subscribersHeading: string;
  /** "{n} subscribers in all, {active} active" */
  totals: string;
  byStatus: string;
  byLanguage: string;
  /** Caption hint: the language table counts active readers only. */
  byLanguageHint: string;
  byTopic: string;
  status: string;
  language: string;
  topic: string;
  count: string;
  activeReaders: string;
  allReaders: string;
  noTopics: string;
  statuses: Record<SubscriberStatus, string>;
  flowHeading: string;
  /** The chart's accessible description. */
  flowDesc: string;
  joined: string;
  unsubscribed: string;
  month: string;
  /** Summary of the <details> holding the chart's table. */
  flowTable: string;
  digestsHeading: string;
  noDigests: string;
  period: string;
  digestStatus: string;
  sent: string;
  failed: string;
  profiles: string;
  /** Column: how many profiles the model wrote and how many the fallback wrote. */
  composed: string;
  /** "{llm} model / {fallback} fallback" */
  composedValue: string;
  created: string;
  allDigests: string;
  digestStatuses: Record<DigestStatus, string>;
  /** "Digest {period}" link text for screen readers. */
  openDigest: string;
  dryRun: string;
}
