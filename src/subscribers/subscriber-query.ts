import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.js';
import { subscribers, subscriberTopics, topics } from '../db/schema.js';
import { LANGUAGES } from '../i18n/languages.js';
import { SUBSCRIBER_STATUSES } from '../domain/statuses.js';
import { emailHash } from './email-address.js';
import { consentRecordsOf, getSubscriber, topicSlugsOf, type Subscriber } from './subscriber-repository.js';
import { toConsentRecordView, toSubscriberView, type ConsentRecordView, type SubscriberView } from './subscriber-view.js';

/** The admin list's filters, shared by the list and the CSV export. */
export const subscriberFilterSchema = z.object({
  status: z.enum(SUBSCRIBER_STATUSES).optional(),
  language: z.enum(LANGUAGES).optional(),
  topic: z.string().max(64).optional().describe('Topic slug'),
  q: z.string().max(254).optional().describe('Part of the email address or of the name'),
});
export type SubscriberFilter = z.infer<typeof subscriberFilterSchema>;

export const MAX_PAGE_SIZE = 200;

function whereOf(f: SubscriberFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(subscribers.status, f.status));
  if (f.language) parts.push(eq(subscribers.language, f.language));
  // instr() instead of LIKE: no wildcard characters to escape in what the admin types.
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    parts.push(sql`(instr(${subscribers.email}, ${q}) > 0 or instr(lower(coalesce(${subscribers.name}, '')), ${q}) > 0)`);
  }
  if (f.topic) {
    parts.push(sql`exists (${sqlSelectTopic(f.topic)})`);
  }
  return parts.length ? and(...parts) : undefined;
}

function sqlSelectTopic(slug: string) {
  return sql`select 1 from ${subscriberTopics} inner join ${topics} on ${topics.id} = ${subscriberTopics.topicId}
    where ${subscriberTopics.subscriberId} = ${subscribers.id} and ${topics.slug} = ${slug}`;
}

/** One page of subscribers matching the filters, oldest first, and how many match in all. */
export function listSubscribers(db: Db, filter: SubscriberFilter, page: number, limit: number): { rows: Subscriber[]; total: number } {
  const where = whereOf(filter);
  const total = db.select({ n: count() }).from(subscribers).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(subscribers)
    .where(where)
    .orderBy(asc(subscribers.id))
    .limit(limit)
    .offset((page - 1) * limit)
    .all();
  return { rows, total };
}

/** Every matching subscriber in id order, read in batches so a large export never holds them all. */
export function* eachSubscriber(db: Db, filter: SubscriberFilter, batch = 500): Generator<Subscriber> {
  let after = 0;
  for (;;) {
    const rows = db
      .select()
      .from(subscribers)
      .where(and(whereOf(filter), gt(subscribers.id, after)))
      .orderBy(asc(subscribers.id))
      .limit(batch)
      .all();
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Topic slugs for many subscribers in one query. */
export function topicSlugsByIds(db: DbOrTx, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = db
    .select({ subscriberId: subscriberTopics.subscriberId, slug: topics.slug })
    .from(subscriberTopics)
    .innerJoin(topics, eq(topics.id, subscriberTopics.topicId))
    .where(inArray(subscriberTopics.subscriberId, ids))
    .orderBy(asc(topics.position), asc(topics.slug))
    .all();
  for (const r of rows) out.get(r.subscriberId)?.push(r.slug);
  return out;
}

/** One page of the admin list as the API shows it: subscribers with their topics, and the total. */
export function subscriberPage(
  db: Db,
  filter: SubscriberFilter,
  page: number,
  limit: number,
): { subscribers: SubscriberView[]; total: number; page: number; limit: number } {
  const { rows, total } = listSubscribers(db, filter, page, limit);
  const slugs = topicSlugsByIds(
    db,
    rows.map((r) => r.id),
  );
  return { subscribers: rows.map((r) => toSubscriberView(r, slugs.get(r.id) ?? [])), total, page, limit };
}

/** One subscriber with topics and consent log, for the admin; a missing one is not found. */
export function subscriberDetail(db: Db, secret: string, id: number): SubscriberView & { consentRecords: ConsentRecordView[] } {
  const s = getSubscriber(db, id);
  return {
    ...toSubscriberView(s, topicSlugsOf(db, s.id)),
    consentRecords: consentRecordsOf(db, emailHash(secret, s.email)).map(toConsentRecordView),
  };
}
