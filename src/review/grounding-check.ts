import type { Language } from '../i18n/languages.js';
import type { CandidateItem, TeamMember } from '../jobs/digest-jobs.js';
import { formatEventWhen } from '../items/event-when.js';
import { wallTimeIn } from '../items/event-times.js';
import { emptyFigureIndex, figureGrounded, findFigures, type FigureIndex, indexFigures, mergeFigureIndex } from './grounding-figures.js';
import { emptyNameIndex, findNames, indexNames, mergeNameIndex, type NameIndex, ungroundedSpan } from './grounding-names.js';
import { MAX_CHECKED_CHARS } from './grounding-text.js';
import type { GroundingFinding } from './profile-text.js';

/**
 * The grounding check: every figure (numbers, percentages, years, amounts) and every name of a person,
 * organisation or place in a line the model wrote must appear in the data it was given. Pure; the
 * compose workers run it without a database.
 *
 * Hand-written: no maintained named-entity recogniser on npm covers both English and Spanish offline
 * (compromise is English; es-compromise is a 0.x experiment), and the check needs recall, not entity types.
 */

/** What the model was given for a profile: its items, the readers' topic labels, and the lab's name. */
export interface GroundingData {
  orgName: string;
  topicLabels: readonly string[];
  items: readonly CandidateItem[];
  /** The readers' language and the lab's time zone: an event's time is given to the model (and written) in them. */
  language?: Language;
  timeZone?: string;
  /** New team members: the intro may welcome them too. */
  people?: readonly TeamMember[];
}

/** An event's when and where as the model was given them (local wall times) and as the email writes them. */
function eventSources(item: CandidateItem, data: Pick<GroundingData, 'language' | 'timeZone'>): string[] {
  const event = item.event;
  if (!event) return [];
  const zone = data.timeZone ?? 'UTC';
  const wall = [event.startsAt, event.endsAt].flatMap((t) => (t ? [wallTimeIn(t, zone).replace('T', ' ')] : []));
  const when = formatEventWhen({ date: item.date, endDate: event.endDate, startsAt: event.startsAt, endsAt: event.endsAt }, data.language ?? 'en', zone);
  return [...wall, event.endDate ?? '', when, event.location ?? ''];
}

/** The texts a new team member's welcome line may draw on: their name, role, bio and start date, and the lab's name. */
export function personSources(person: TeamMember, orgName: string): string[] {
  return [person.name, person.role ?? '', person.bio, person.startDate ?? '', orgName];
}

/**
 * The texts one item's line may draw on: its title, summary, authors, venue and date (the prompt gives
 * the model the date), the topic labels, and the lab's name.
 */
export function itemSources(item: CandidateItem, data: Pick<GroundingData, 'orgName' | 'topicLabels' | 'language' | 'timeZone'>): string[] {
  return [item.title, item.summary, ...item.authors, item.venue ?? '', item.date, ...eventSources(item, data), ...data.topicLabels, data.orgName];
}

/** The texts the intro may draw on: every item's sources, and how many items the model was given. */
export function profileSources(data: GroundingData): string[] {
  const people = (data.people ?? []).flatMap((person) => personSources(person, data.orgName));
  return [...data.items.flatMap((item) => itemSources(item, data)), ...people, String(data.items.length)];
}

/** The sources read once, so that many lines can be checked against them (the intro, then each item). */
export interface GroundingIndex {
  figures: FigureIndex;
  names: NameIndex;
}

/** Reads the sources once: their figures and their words. Linear in their length; a text read before is not read again. */
export function indexSources(sources: readonly string[]): GroundingIndex {
  const index: GroundingIndex = { figures: emptyFigureIndex(), names: emptyNameIndex() };
  for (const source of sources) {
    const part = indexOfText(source.normalize('NFC'));
    mergeFigureIndex(index.figures, part.figures);
    mergeNameIndex(index.names, part.names);
  }
  return index;
}

/**
 * Texts already read, most recent last. The same item texts, topic labels and lab name come back in every
 * profile of a digest (hundreds of profiles, one worker), so each is tokenised once; bounded, oldest out first.
 */
const TEXT_INDEXES = new Map<string, GroundingIndex>();
const TEXT_INDEXES_MAX = 512;

function indexOfText(text: string): GroundingIndex {
  const known = TEXT_INDEXES.get(text);
  if (known !== undefined) {
    TEXT_INDEXES.delete(text);
    TEXT_INDEXES.set(text, known);
    return known;
  }
  const index = { figures: indexFigures([text]), names: indexNames([text]) };
  if (TEXT_INDEXES.size >= TEXT_INDEXES_MAX) TEXT_INDEXES.delete(TEXT_INDEXES.keys().next().value as string);
  TEXT_INDEXES.set(text, index);
  return index;
}

/** The figures and names in `line` that the indexed sources do not hold, in the order they appear, each once. */
export function checkLineAgainst(line: string, index: GroundingIndex, language: Language): GroundingFinding[] {
  const text = line.normalize('NFC').slice(0, MAX_CHECKED_CHARS);
  const found: Array<GroundingFinding & { at: number }> = [];
  for (const figure of findFigures(text, language)) {
    if (!figureGrounded(figure, index.figures)) found.push({ kind: 'figure', text: text.slice(figure.start, figure.end), at: figure.start });
  }
  for (const name of findNames(text)) {
    const span = ungroundedSpan(name, index.names);
    if (span !== null) found.push({ kind: 'name', text: text.slice(span.start, span.end), at: span.start });
  }
  const findings = new Map<string, GroundingFinding>();
  for (const { kind, text: words } of found.sort((a, b) => a.at - b.at)) {
    if (!findings.has(`${kind}:${words}`)) findings.set(`${kind}:${words}`, { kind, text: words });
  }
  return [...findings.values()];
}

/** The figures and names in `line` that do not appear in `sources` (after normalising case, accents and number formats). */
export function checkLine(line: string, sources: readonly string[], language: Language): GroundingFinding[] {
  return checkLineAgainst(line, indexSources(sources), language);
}
