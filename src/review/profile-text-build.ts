import type { Language } from '../i18n/languages.js';
import type { CandidateItem, TeamMember } from '../jobs/digest-jobs.js';
import { fallbackIntro, fallbackWelcome, ownSummary } from '../llm/fallback-composer.js';
import type { Tailoring } from '../llm/tailor-profile.js';
import { checkLineAgainst, type GroundingIndex, indexSources, itemSources, personSources, profileSources } from './grounding-check.js';
import { allLines, isReplacedAtApproval, type ProfileLine, type ProfileText } from './profile-text.js';
import type { LineTarget } from './review-schema.js';

/**
 * Builds and repairs a profile's ProfileText. Pure and database-free: the compose workers run it after
 * tailoring, and the owner runs it again when an editor changes a line or the digest is approved.
 */

/** What a profile's lines may draw on: its readers' language and topics, the items offered, and the lab's name. */
export interface ProfileGrounds {
  language: Language;
  topics: ReadonlyArray<{ slug: string; label: string }>;
  /** The items the text may draw on (offered to the model); every item the text shows must be among them. */
  candidates: readonly CandidateItem[];
  orgName: string;
  /** The digest's new team members: what each welcome line may draw on. */
  people?: readonly TeamMember[];
  /** The lab's time zone: event times were given to the model in it. */
  timeZone?: string;
}

/** The part of a profile a line belongs to, for its grounding sources. */
export type LineScope = 'intro' | { itemId: number } | { personId: number };

const line = (text: string, origin: ProfileLine['origin'], findings: ProfileLine['findings'] = []): ProfileLine => ({ text, origin, findings, kept: false });

function groundingData(grounds: ProfileGrounds) {
  return {
    orgName: grounds.orgName,
    topicLabels: grounds.topics.map((t) => t.label),
    items: grounds.candidates,
    language: grounds.language,
    timeZone: grounds.timeZone,
    people: grounds.people,
  };
}

/** The scope of a review target: the intro, an item, or a person. */
export function scopeOf(target: LineTarget): LineScope {
  if (target === 'intro') return 'intro';
  return 'personId' in target ? { personId: target.personId } : { itemId: target.itemId };
}

/** The sources one line may draw on: the intro draws on every item and person, an item's lines on that item, a welcome on that person. */
export function sourcesFor(grounds: ProfileGrounds, target: LineScope): string[] {
  const data = groundingData(grounds);
  if (target === 'intro') return profileSources(data);
  if ('personId' in target) {
    const person = grounds.people?.find((p) => p.id === target.personId);
    return person ? personSources(person, grounds.orgName) : [grounds.orgName];
  }
  const item = grounds.candidates.find((c) => c.id === target.itemId);
  return item ? itemSources(item, data) : [data.orgName, ...data.topicLabels];
}

/**
 * The text of a tailoring, each line with its origin and the grounding check's findings. Only what the
 * model wrote is checked: the fallback's fixed phrases and the items' own summaries are their sources.
 */
export function buildProfileText(tailored: Tailoring, grounds: ProfileGrounds): ProfileText {
  const byModel = tailored.composedWith === 'llm';
  const indexes = new Map<string, GroundingIndex>();
  const indexFor = (target: LineScope): GroundingIndex => {
    const key = JSON.stringify(target);
    const index = indexes.get(key) ?? indexSources(sourcesFor(grounds, target));
    indexes.set(key, index);
    return index;
  };
  const check = (text: string, target: LineScope) => (text ? checkLineAgainst(text, indexFor(target), grounds.language) : []);
  const people = (tailored.welcome ?? []).map((w) =>
    byModel && (w.from ?? 'model') === 'model'
      ? { id: w.id, line: line(w.line, 'model', check(w.line, { personId: w.id })) }
      : { id: w.id, line: line(w.line, 'fallback') },
  );
  return {
    ...(people.length ? { people } : {}),
    intro: byModel ? line(tailored.intro, 'model', check(tailored.intro, 'intro')) : line(tailored.intro, 'fallback'),
    items: tailored.items.map((item) => {
      const summaryByModel = byModel && (item.summaryFrom ?? 'model') === 'model';
      return {
        id: item.id,
        summary: summaryByModel ? line(item.summary, 'model', check(item.summary, { itemId: item.id })) : line(item.summary, 'item'),
        line: byModel && item.line ? line(item.line, 'model', check(item.line, { itemId: item.id })) : line(item.line, byModel ? 'model' : 'fallback'),
      };
    }),
  };
}

/** What stands in for a line that cannot stay: the fixed intro, the item's own summary, or no line at all. */
export function fallbackText(text: ProfileText, grounds: ProfileGrounds, target: LineTarget): ProfileLine {
  if (target === 'intro') return line(fallbackIntro(grounds.language, text.items.length, [...grounds.topics], (text.people?.length ?? 0) > 0), 'fallback');
  if ('personId' in target) {
    const person = grounds.people?.find((p) => p.id === target.personId);
    const current = text.people?.find((p) => p.id === target.personId);
    return line(person ? fallbackWelcome(grounds.language, person) : (current?.line.text ?? ''), 'fallback');
  }
  if (target.field === 'line') return line('', 'item');
  const item = grounds.candidates.find((c) => c.id === target.itemId);
  return line(item ? ownSummary(item) : '', 'item');
}

/** Replaces every flagged line (findings, neither kept nor an editor's) by its fallback text; returns the new text and how many lines it replaced. */
export function replaceFlaggedLines(text: ProfileText, grounds: ProfileGrounds): { text: ProfileText; replaced: number; targets: string[] } {
  const targets: string[] = [];
  const replace = (current: ProfileLine, target: string, by: () => ProfileLine): ProfileLine => {
    if (!isReplacedAtApproval(current)) return current;
    targets.push(target);
    return { ...by(), replacedFindings: current.findings };
  };
  const intro = replace(text.intro, 'intro', () => fallbackText(text, grounds, 'intro'));
  const items = text.items.map((item) => ({
    id: item.id,
    summary: replace(item.summary, `item:${item.id}:summary`, () => fallbackText(text, grounds, { itemId: item.id, field: 'summary' })),
    line: replace(item.line, `item:${item.id}:line`, () => fallbackText(text, grounds, { itemId: item.id, field: 'line' })),
  }));
  const people = text.people?.map((p) => ({ id: p.id, line: replace(p.line, `person:${p.id}`, () => fallbackText(text, grounds, { personId: p.id })) }));
  return { text: { intro, items, ...(people ? { people } : {}) }, replaced: targets.length, targets };
}

/** Lines still flagged in a profile's text: those approval would replace. */
export function flaggedCount(text: ProfileText | null): number {
  if (!text) return 0;
  return allLines(text).filter(isReplacedAtApproval).length;
}
