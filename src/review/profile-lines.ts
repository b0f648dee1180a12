import { InvalidInputError } from '../errors.js';
import { TEXT_LIMITS } from '../llm/limits.js';
import { cleanPlainText, containsLink, containsMarkup } from '../llm/plain-text.js';
import { checkLine } from './grounding-check.js';
import type { ProfileLine, ProfileText } from './profile-text.js';
import { type ProfileGrounds, scopeOf, sourcesFor } from './profile-text-build.js';
import type { LineTarget } from './review-schema.js';

/** The line a review target names; InvalidInputError when the profile's email has no such line. */
export function lineAt(text: ProfileText, target: LineTarget): ProfileLine {
  if (target === 'intro') return text.intro;
  if ('personId' in target) {
    const person = text.people?.find((p) => p.id === target.personId);
    if (!person) throw new InvalidInputError(`Person ${target.personId} is not in this profile's email`);
    return person.line;
  }
  const item = text.items.find((i) => i.id === target.itemId);
  if (!item) throw new InvalidInputError(`Item ${target.itemId} is not in this profile's email`);
  return item[target.field];
}

/** The profile's text with one line replaced. */
export function withLine(text: ProfileText, target: LineTarget, line: ProfileLine): ProfileText {
  if (target === 'intro') return { ...text, intro: line };
  if ('personId' in target) return { ...text, people: text.people?.map((p) => (p.id === target.personId ? { ...p, line } : p)) };
  return { ...text, items: text.items.map((i) => (i.id === target.itemId ? { ...i, [target.field]: line } : i)) };
}

function maxLength(target: LineTarget): number {
  if (target === 'intro') return TEXT_LIMITS.intro;
  if ('personId' in target) return TEXT_LIMITS.welcome;
  return target.field === 'line' ? TEXT_LIMITS.why : TEXT_LIMITS.summary;
}

/** An editor's text, held to what model output must be: plain, no links or markup, within the length of its field, checked for grounding. */
export function editedLine(text: string, target: LineTarget, grounds: ProfileGrounds): ProfileLine {
  const clean = cleanPlainText(text);
  const max = maxLength(target);
  if (clean.length > max) throw new InvalidInputError(`The text is longer than ${max} characters`);
  if (containsLink(clean)) throw new InvalidInputError('The text may not contain a link or a domain name');
  if (containsMarkup(clean)) throw new InvalidInputError('The text may not contain markup');
  if (!clean && (target === 'intro' || !('field' in target) || target.field === 'summary')) throw new InvalidInputError('The text may not be empty');
  const findings = clean ? checkLine(clean, sourcesFor(grounds, scopeOf(target)), grounds.language) : [];
  return { text: clean, origin: 'editor', findings, kept: false };
}
