import { packFor, type Language } from '../i18n/languages.js';
import type { CandidateItem, TeamMember } from '../jobs/digest-jobs.js';
import { ITEM_SUMMARY_CHARS, MAX_ITEMS_PER_EMAIL, TEXT_LIMITS } from './limits.js';
import { truncateAtWord } from './plain-text.js';

export interface ComposedItem {
  id: number;
  summary: string;
  line: string;
}

const time = (date: string): number => {
  const t = Date.parse(date);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/** Orders candidates by how many of the profile's topics they share (most first), then newest, then id. */
export function rankCandidates(candidates: CandidateItem[], topicSlugs: readonly string[]): CandidateItem[] {
  const wanted = new Set(topicSlugs);
  const overlap = (item: CandidateItem) => new Set(item.topics.filter((t) => wanted.has(t))).size;
  return [...candidates]
    .map((item) => ({ item, overlap: overlap(item), time: time(item.date) }))
    .sort((a, b) => b.overlap - a.overlap || b.time - a.time || a.item.id - b.item.id)
    .map((r) => r.item);
}

/** An item's own summary, shortened for an email line. */
export function ownSummary(item: CandidateItem): string {
  return truncateAtWord(item.summary, ITEM_SUMMARY_CHARS);
}

/** The fixed-phrase intro for a profile (`teamOnly`: it carries no item, only new team members). */
export function fallbackIntro(language: Language, count: number, topics: Array<{ slug: string; label: string }>, teamOnly = false): string {
  if (teamOnly && count === 0) return packFor(language).fallback.teamOnlyIntro;
  const labels = topics.map((t) => t.label);
  // A reader may follow dozens of topics; the intro names a few, the lines say which ones matched.
  return packFor(language).fallback.intro(count, labels.length > 5 ? [...labels.slice(0, 5), '…'] : labels);
}

/** The fixed-phrase welcome of a new team member, from their name and role only (nothing to check). */
export function fallbackWelcome(language: Language, person: Pick<TeamMember, 'name' | 'role'>): string {
  return truncateAtWord(packFor(language).fallback.welcome(person.name, person.role), TEXT_LIMITS.welcome);
}

/**
 * Composes a profile's email without a model: deterministic ranking, the items' own summaries, a fixed
 * intro. No per-item line: the email already shows which of the reader's topics each item matches and
 * its kind, and a made-up "why" would pretend to a judgement nobody made.
 */
export function composeFallback(input: {
  language: Language;
  topics: Array<{ slug: string; label: string }>;
  candidates: CandidateItem[];
  people?: readonly TeamMember[];
}): {
  intro: string;
  items: ComposedItem[];
  welcome: Array<{ id: number; line: string }>;
} {
  const chosen = rankCandidates(
    input.candidates,
    input.topics.map((t) => t.slug),
  ).slice(0, MAX_ITEMS_PER_EMAIL);
  return {
    intro: fallbackIntro(input.language, chosen.length, input.topics, (input.people?.length ?? 0) > 0),
    items: chosen.map((item) => ({ id: item.id, summary: ownSummary(item), line: '' })),
    welcome: (input.people ?? []).map((person) => ({ id: person.id, line: fallbackWelcome(input.language, person) })),
  };
}
