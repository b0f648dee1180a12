import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { idsJson, inJsonList, preparedPerDb } from '../db/prepared.js';
import { items } from '../db/schema.js';
import { clipText, ITEM_LIMITS } from '../items/item-limits.js';
import { topicSlugsOf } from '../items/item-repository.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';
import { isUpcoming } from './event-window.js';

type ItemRow = typeof items.$inferSelect;

/** An event's when and where as a job carries them; `upcoming` against the digest's window end (none: past). */
function eventOf(r: ItemRow, windowEnd: Date | undefined): CandidateItem['event'] {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    startsAt: r.startsAt ? r.startsAt.toISOString() : null,
    endsAt: r.endsAt ? r.endsAt.toISOString() : null,
    endDate: day(r.endDate),
    location: r.location === null ? null : clipText(r.location, ITEM_LIMITS.location),
    upcoming: windowEnd !== undefined && isUpcoming(r, windowEnd),
  };
}

/** An item's title and summary as a job carries them (held to the limits): what its summary-cache key is made of. */
function textOf(r: Pick<ItemRow, 'title' | 'summary'>): { title: string; summary: string } {
  return { title: clipText(r.title, ITEM_LIMITS.title), summary: clipText(r.summary, ITEM_LIMITS.summary) };
}

/**
 * Loads items as the workers see them: everything the prompt and the email need, from the database,
 * held to the item limits (an item stored before the limits existed must not make a job invalid).
 * Compose jobs carry these, and the summary cache is keyed by them, so both sides name an item alike.
 * `windowEnd` is the digest's: an event that starts after it is "coming up".
 */
export function loadCandidates(db: DbOrTx, ids: number[], windowEnd?: Date): CandidateItem[] {
  if (ids.length === 0) return [];
  const rows = db.select().from(items).where(inArray(items.id, ids)).all();
  const tags = topicSlugsOf(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      ...textOf(r),
      url: r.url && r.url.length <= ITEM_LIMITS.url ? r.url : null,
      authors: r.authors.slice(0, ITEM_LIMITS.authors).map((a) => clipText(a, ITEM_LIMITS.author)),
      venue: r.venue === null ? null : clipText(r.venue, ITEM_LIMITS.venue),
      doi: r.doi && r.doi.length <= ITEM_LIMITS.doi ? r.doi : null,
      date: r.date.toISOString().slice(0, 10),
      language: r.language,
      external: r.external,
      topics: (tags.get(r.id) ?? []).slice(0, ITEM_LIMITS.topics),
      ...(r.kind === 'event' ? { event: eventOf(r, windowEnd) } : {}),
    }));
}

const itemTexts = preparedPerDb((db) =>
  db.select({ id: items.id, title: items.title, summary: items.summary }).from(items).where(inJsonList(items.id, 'ids')).prepare(),
);

/** Only the title and summary of these items as loadCandidates gives them (any order): all a summary-cache key needs, in one prepared query. */
export function loadCandidateTexts(db: DbOrTx, ids: number[]): Array<Pick<CandidateItem, 'id' | 'title' | 'summary'>> {
  if (ids.length === 0) return [];
  return itemTexts(db)
    .all({ ids: idsJson(ids) })
    .map((r) => ({ id: r.id, ...textOf(r) }));
}
