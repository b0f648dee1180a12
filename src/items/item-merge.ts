import type { ItemKind } from '../domain/item-kinds.js';
import type { Language } from '../i18n/languages.js';
import { detectLanguage } from '../import/detect-language.js';
import { clipText, fitToLimits, ITEM_LIMITS } from './item-limits.js';
import { SOURCE_PRECEDENCE, type AdminOverrides, type DatePrecision, type ItemRecord } from './item-record.js';
import { normalizeTitle } from './normalize.js';

/** The fields of an item that come from its sources. */
export interface MergedItem {
  kind: ItemKind;
  title: string;
  normalizedTitle: string;
  summary: string;
  url: string | null;
  authors: string[];
  date: string;
  language: Language;
  venue: string | null;
  doi: string | null;
  pdfUrl: string | null;
  external: boolean;
  topics: string[];
  endDate: string | null;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
}

const PRECISION: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

function rank(r: ItemRecord): number {
  return SOURCE_PRECEDENCE.indexOf(r.source);
}

/** Picks the best record by a score; ties go to the source that comes first in SOURCE_PRECEDENCE. */
function best<T>(records: ItemRecord[], value: (r: ItemRecord) => T | null, score: (v: T) => number = () => 0): T | null {
  let chosen: T | null = null;
  let chosenScore = -Infinity;
  for (const r of records) {
    const v = value(r);
    if (v === null || v === undefined) continue;
    const s = score(v);
    if (s > chosenScore) {
      chosen = v;
      chosenScore = s;
    }
  }
  return chosen;
}

/**
 * Merges what every source said about one work into the item. A pure function of the set of records
 * (sorted here), so the result never depends on import order and a re-import changes nothing.
 * The result fits ITEM_LIMITS even when the union of topics grows past them or a record was stored
 * before the limits existed, so every item can go into a digest.
 */
export function mergeRecords(records: ItemRecord[], overrides: AdminOverrides = {}, today = new Date()): MergedItem {
  const sorted = [...records].sort((a, b) => rank(a) - rank(b) || a.sourceKey.localeCompare(b.sourceKey));
  const title = overrides.title ?? best(sorted, (r) => r.title || null) ?? 'Untitled';
  const summary =
    overrides.summary ??
    best(
      sorted,
      (r) => r.summary || null,
      (s) => s.length,
    ) ??
    '';
  const dated = best(
    sorted,
    (r) => (r.date ? r : null),
    (r) => PRECISION[r.datePrecision],
  );
  const topics = overrides.topics ?? [...new Set(sorted.flatMap((r) => r.topics))].sort();
  const fitted = fitToLimits({
    kind: overrides.kind ?? best(sorted, (r) => r.kind) ?? 'news',
    title,
    summary,
    url: overrides.url !== undefined ? overrides.url : best(sorted, (r) => r.url),
    authors:
      overrides.authors ??
      best(
        sorted,
        (r) => (r.authors.length ? r.authors : null),
        (a) => a.length,
      ) ??
      [],
    date: overrides.date ?? dated?.date ?? today.toISOString().slice(0, 10),
    language: overrides.language ?? best(sorted, (r) => r.language) ?? detectLanguage(`${title}\n${summary}`),
    venue: overrides.venue !== undefined ? overrides.venue : best(sorted, (r) => r.venue),
    doi: overrides.doi !== undefined ? overrides.doi : best(sorted, (r) => r.doi),
    pdfUrl: overrides.pdfUrl !== undefined ? overrides.pdfUrl : best(sorted, (r) => r.pdfUrl),
    external: overrides.external ?? sorted.some((r) => r.external),
    topics,
  });
  // An event's times belong together: they come from the record that gave the start, unless the admin set them.
  const timed = best(sorted, (r) => (r.startsAt ? r : null));
  const pick = <K extends 'endDate' | 'startsAt' | 'endsAt' | 'location'>(key: K, from: ItemRecord | null = null): string | null => {
    if (overrides[key] !== undefined) return overrides[key] ?? null;
    return (from ? from[key] : best(sorted, (r) => r[key] ?? null)) ?? null;
  };
  const location = pick('location');
  return {
    ...fitted,
    normalizedTitle: normalizeTitle(fitted.title),
    endDate: pick('endDate'),
    startsAt: pick('startsAt', timed),
    endsAt: timed ? pick('endsAt', timed) : pick('endsAt'),
    location: location === null ? null : clipText(location, ITEM_LIMITS.location),
  };
}
