import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { consentRecords, subscribers, subscriberTopics, topics } from '../db/schema.js';
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../domain/statuses.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import type { Topic } from '../topics/topic-repository.js';

/** Subscribers per status, language and topic: the dashboard's tables. Every status and language appears, with 0 if none. */
export interface SubscriberCounts {
  total: number;
  byStatus: Record<SubscriberStatus, number>;
  byLanguage: Record<Language, number>;
  /** Every topic in form order with its active readers and all its readers. */
  byTopic: Array<{ topic: Topic; active: number; all: number }>;
}

/** Counts subscribers by status, language (active readers) and topic. */
export function subscriberCounts(db: Db): SubscriberCounts {
  const byStatus = Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0])) as Record<SubscriberStatus, number>;
  for (const r of db.select({ status: subscribers.status, n: count() }).from(subscribers).groupBy(subscribers.status).all()) byStatus[r.status] = r.n;
  const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  const languages = db
    .select({ language: subscribers.language, n: count() })
    .from(subscribers)
    .where(eq(subscribers.status, 'active'))
    .groupBy(subscribers.language)
    .all();
  for (const r of languages) byLanguage[r.language] = r.n;
  const perTopic = db
    .select({
      topicId: subscriberTopics.topicId,
      all: count(),
      active: sql<number>`sum(case when ${subscribers.status} = 'active' then 1 else 0 end)`,
    })
    .from(subscriberTopics)
    .innerJoin(subscribers, eq(subscribers.id, subscriberTopics.subscriberId))
    .groupBy(subscriberTopics.topicId)
    .all();
  const usage = new Map(perTopic.map((r) => [r.topicId, r]));
  const byTopic = db
    .select()
    .from(topics)
    .orderBy(asc(topics.position), asc(topics.slug))
    .all()
    .map((topic) => ({ topic, active: Number(usage.get(topic.id)?.active ?? 0), all: usage.get(topic.id)?.all ?? 0 }));
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, byStatus, byLanguage, byTopic };
}

/** One calendar month (UTC) and what the consent log says happened in it. */
export interface MonthFlow {
  /** YYYY-MM */
  month: string;
  /** Readers who confirmed a subscription or subscribed again. */
  joined: number;
  unsubscribed: number;
}

/** The YYYY-MM of the `n` months up to and including `now`'s, oldest first (UTC). */
export function lastMonths(now: Date, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/**
 * Readers who joined (a confirmation, or a subscription again) and who left, per month over the last
 * `months` months, from the consent log: it keeps its rows when a reader is erased, so the past stays.
 */
export function monthlyFlow(db: Db, now = new Date(), months = 12): MonthFlow[] {
  const keys = lastMonths(now, months);
  const start = new Date(`${keys[0]}-01T00:00:00.000Z`);
  const month = sql<string>`strftime('%Y-%m', ${consentRecords.at} / 1000, 'unixepoch')`;
  const rows = db
    .select({ month, event: consentRecords.event, n: count() })
    .from(consentRecords)
    .where(and(gte(consentRecords.at, start), inArray(consentRecords.event, ['confirm', 'resubscribe', 'unsubscribe'])))
    .groupBy(month, consentRecords.event)
    .orderBy(desc(month))
    .all();
  const flows = new Map(keys.map((k) => [k, { month: k, joined: 0, unsubscribed: 0 }]));
  for (const r of rows) {
    const f = flows.get(r.month);
    if (!f) continue;
    if (r.event === 'unsubscribe') f.unsubscribed += r.n;
    else f.joined += r.n;
  }
  return [...flows.values()];
}
