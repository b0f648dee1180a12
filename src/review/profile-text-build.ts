import type { Language } from '../i18n/languages.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';
import { fallbackIntro, ownSummary } from '../llm/fallback-composer.js';
import type { Tailoring } from '../llm/tailor-profile.js';
import { checkLine, itemSources, profileSources } from './grounding-check.js';
import { isReplacedAtApproval, type ProfileLine, type ProfileText } from './profile-text.js';

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
}

const line = (text: string, origin: ProfileLine['origin'], findings: ProfileLine['findings'] = []): ProfileLine => ({ text, origin, findings, kept: false });

function groundingData(grounds: ProfileGrounds) {
  return { orgName: grounds.orgName, topicLabels: grounds.topics.map((t) => t.label), items: grounds.candidates };
}

/** The sources one line may draw on: the intro draws on every item, an item's lines on that item. */
export function sourcesFor(grounds: ProfileGrounds, target: { itemId: number } | 'intro'): string[] {
  const data = groundingData(grounds);
  if (target === 'intro') return profileSources(data);
  const item = grounds.candidates.find((c) => c.id === target.itemId);
  return item ? itemSources(item, data) : [data.orgName, ...data.topicLabels];
}

/**
 * The text of a tailoring, each line with its origin and the grounding check's findings. Only what the
 * model wrote is checked: the fallback's fixed phrases and the items' own summaries are their sources.
 */
export function buildProfileText(tailored: Tailoring, grounds: ProfileGrounds): ProfileText {
  const byModel = tailored.composedWith === 'llm';
  const check = (text: string, target: { itemId: number } | 'intro') => (text ? checkLine(text, sourcesFor(grounds, target), grounds.language) : []);
  return {
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
export function fallbackText(text: ProfileText, grounds: ProfileGrounds, target: 'intro' | { itemId: number; field: 'line' | 'summary' }): ProfileLine {
  if (target === 'intro') return line(fallbackIntro(grounds.language, text.items.length, [...grounds.topics]), 'fallback');
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
  return { text: { intro, items }, replaced: targets.length, targets };
}

/** Lines still flagged in a profile's text: those approval would replace. */
export function flaggedCount(text: ProfileText | null): number {
  if (!text) return 0;
  return [text.intro, ...text.items.flatMap((i) => [i.summary, i.line])].filter(isReplacedAtApproval).length;
}
