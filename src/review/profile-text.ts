import type { LineOrigin } from '../domain/statuses.js';

/**
 * What a profile's email says, as kept on its row (digest_profiles.text) for review and provenance.
 * Nothing here imports anything: the compose workers build it without the database.
 */

/** One word or phrase in a line that the grounding check could not find in the data the model was given. */
export interface GroundingFinding {
  /** `figure`: a number, percentage, year or amount; `name`: a person, organisation or place. */
  kind: 'figure' | 'name';
  /** The words as they appear in the line. */
  text: string;
}

/** One line of text in the email (the intro, or an item's summary or "why it matters" line). */
export interface ProfileLine {
  text: string;
  origin: LineOrigin;
  /** What the checks found; empty when the line passed (or is the item's own text). */
  findings: GroundingFinding[];
  /** An editor kept the line on purpose despite its findings: approval does not replace it. */
  kept: boolean;
  /** When this line stands in for a flagged one (replaced without review, or at approval): what the checks found in that one. */
  replacedFindings?: GroundingFinding[];
}

export interface ProfileTextItem {
  id: number;
  summary: ProfileLine;
  /** Why it matters to these readers; empty text when the fallback wrote the profile. */
  line: ProfileLine;
}

/** The welcome line of a team member who joined since the last digest ("New in the team"). */
export interface ProfileTextPerson {
  /** The person's id. */
  id: number;
  line: ProfileLine;
}

export interface ProfileText {
  intro: ProfileLine;
  items: ProfileTextItem[];
  /** Absent on profiles composed before team members were announced. */
  people?: ProfileTextPerson[];
}

/** Every line of a profile's text, in the order of the email: intro, items' summaries and lines, welcomes. */
export function allLines(text: ProfileText): ProfileLine[] {
  return [text.intro, ...text.items.flatMap((i) => [i.summary, i.line]), ...(text.people ?? []).map((p) => p.line)];
}

/** A line is flagged when the checks found something and nobody kept it on purpose. */
export function isFlagged(line: ProfileLine): boolean {
  return line.findings.length > 0 && !line.kept;
}

/**
 * A line approval replaces by the item's own text: flagged, and neither kept nor written by an editor.
 * An editor's line keeps its findings on show, but it is their word, checked and seen, that goes out.
 */
export function isReplacedAtApproval(line: ProfileLine): boolean {
  return isFlagged(line) && line.origin !== 'editor';
}
