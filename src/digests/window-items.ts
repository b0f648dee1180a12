import { and, eq, gt, gte, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { digests, items } from '../db/schema.js';
import { DEAD_DIGEST_STATUSES } from './digest-statuses.js';
import { topicSlugsOf } from '../items/item-repository.js';
import { eventStart, upcomingHorizon } from './event-window.js';

/** At most this many items are offered to the model (and the fallback) for one reader. */
export const MAX_CANDIDATES = 40;
/** And at most this many upcoming events besides them, so a busy calendar cannot push the month's news out. */
export const MAX_UPCOMING = 10;

/** An item a digest may carry, as planning knows it. */
export interface WindowItem {
  id: number;
  /** The item's date; an event's start. */
  date: Date;
  topics: string[];
  /** An event that starts after the window's end (within the "coming up" horizon). */
  upcoming: boolean;
}

/** A digest's window: items dated after `start` (or from it, when inclusive) up to `end`. */
export interface DigestWindowBounds {
  start: Date;
  end: Date;
  inclusiveStart: boolean;
}

/**
 * The window of a digest already planned, as planning chose it: its start is exclusive when it is the end
 * of another real digest (the usual case, so nothing is shown twice), inclusive otherwise (the first
 * digest, or an explicit window).
 */
export function windowOfDigest(db: DbOrTx, digest: { id: number; windowStart: Date; windowEnd: Date }): DigestWindowBounds {
  const before = db
    .select({ id: digests.id })
    .from(digests)
    .where(
      and(
        eq(digests.dryRun, false),
        notInArray(digests.status, [...DEAD_DIGEST_STATUSES]),
        eq(digests.windowEnd, digest.windowStart),
        ne(digests.id, digest.id),
      ),
    )
    .get();
  return { start: digest.windowStart, end: digest.windowEnd, inclusiveStart: before === undefined };
}

/**
 * What a digest may carry: the items dated inside the window (events that started inside it among them,
 * as news), newest first, then the events coming up within a month of its end, soonest first.
 */
export function windowItems(db: DbOrTx, window: DigestWindowBounds): WindowItem[] {
  const { start, end, inclusiveStart } = window;
  const after = (column: Parameters<typeof gt>[0]) => (inclusiveStart ? gte(column, start) : gt(column, start));
  const others = db
    .select({ id: items.id, date: items.date, startsAt: items.startsAt })
    .from(items)
    .where(and(ne(items.kind, 'event'), after(items.date), lte(items.date, end)))
    .all();
  const startOf = sql<number>`coalesce(${items.startsAt}, ${items.date})`;
  const events = db
    .select({ id: items.id, date: items.date, startsAt: items.startsAt })
    .from(items)
    .where(
      and(eq(items.kind, 'event'), inclusiveStart ? gte(startOf, start.getTime()) : gt(startOf, start.getTime()), lte(startOf, upcomingHorizon(end).getTime())),
    )
    .all();
  const rows = [
    ...others.map((r) => ({ id: r.id, date: r.date, upcoming: false })),
    ...events.map((r) => ({ id: r.id, date: eventStart(r), upcoming: eventStart(r) > end })),
  ];
  const tags = topicSlugsOf(
    db,
    rows.map((r) => r.id),
  );
  const all = rows.map((r) => ({ ...r, topics: tags.get(r.id) ?? [] }));
  const recent = all.filter((i) => !i.upcoming).sort((a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id);
  const upcoming = all.filter((i) => i.upcoming).sort((a, b) => a.date.getTime() - b.date.getTime() || a.id - b.id);
  return [...recent, ...upcoming];
}

/**
 * A reader's candidates: items sharing a topic with them (all items when they chose none), newest first,
 * then the upcoming events that share a topic with them, soonest first. Each part is capped on its own.
 */
export function candidatesFor(readerTopics: string[], windowed: WindowItem[]): WindowItem[] {
  const wanted = new Set(readerTopics);
  const matches = readerTopics.length === 0 ? windowed : windowed.filter((i) => i.topics.some((t) => wanted.has(t)));
  return [...matches.filter((i) => !i.upcoming).slice(0, MAX_CANDIDATES), ...matches.filter((i) => i.upcoming).slice(0, MAX_UPCOMING)];
}
