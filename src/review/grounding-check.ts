import type { Language } from '../i18n/languages.js';
import type { CandidateItem } from '../jobs/digest-jobs.js';
import type { GroundingFinding } from './profile-text.js';

/**
 * The grounding check: every figure (numbers, percentages, years, amounts) and every name of a person,
 * organisation or place in a line the model wrote must appear in the data it was given. Pure; the
 * compose workers run it without a database.
 *
 * STUB: the grounding work fills these in (signatures are the contract).
 */

/** What the model was given for a profile: its items, the readers' topic labels, and the lab's name. */
export interface GroundingData {
  orgName: string;
  topicLabels: readonly string[];
  items: readonly CandidateItem[];
}

/** The texts one item's line may draw on: its title, summary, authors, venue, topic labels, and the lab's name. */
export function itemSources(item: CandidateItem, data: Pick<GroundingData, 'orgName' | 'topicLabels'>): string[] {
  return [item.title, item.summary, ...item.authors, item.venue ?? '', ...data.topicLabels, data.orgName];
}

/** The texts the intro may draw on: every item's sources. */
export function profileSources(data: GroundingData): string[] {
  return data.items.flatMap((item) => itemSources(item, data));
}

/** The figures and names in `line` that do not appear in `sources` (after normalising case, accents and number formats). */
export function checkLine(_line: string, _sources: readonly string[], _language: Language): GroundingFinding[] {
  return [];
}
