import type { Language } from '../i18n/languages.js';
import { TailoringRejectedError, type TailoringRejection } from './llm-errors.js';
import { looksLikeLanguage } from './language-check.js';
import { cleanPlainText, containsLink, containsMarkup } from './plain-text.js';
import { tailoringAnswerSchema } from './tailoring-schema.js';

/** A model answer that passed every check: plain text, offered ids only, each once, in the right language. */
export interface ValidTailoring {
  intro: string;
  items: Array<{ id: number; summary?: string; why: string }>;
  /** One welcome line per new team member the model wrote for (those it left out get the fallback line). */
  welcome?: Array<{ id: number; line: string }>;
}

const reject = (reason: TailoringRejection, message: string): never => {
  throw new TailoringRejectedError(reason, message);
};

/**
 * Checks the model's raw answer, which is untrusted input. A link or markup anywhere rejects the whole
 * answer rather than being stripped: a model that writes links was probably steered by item text, and
 * the deterministic fallback is a safer email than a patched answer. Control characters are stripped.
 */
export function validateTailoring(
  raw: string,
  expected: {
    language: Language;
    offeredIds: readonly number[];
    /** The offered items' titles and venues: quoting them in another language is not writing in it. */
    quotable?: readonly string[];
    /** The new team members offered (by person id): a welcome line for anyone else rejects the answer. */
    peopleIds?: readonly number[];
  },
): ValidTailoring {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return reject('invalid-json', `answer is not valid JSON (${raw.length} characters)`);
  }
  const parsed = tailoringAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || 'answer';
    if (issue.path.length === 1 && issue.path[0] === 'items' && issue.code === 'too_big')
      reject('too-many-items', `answer names more than ${issue.maximum} items`);
    if (issue.code === 'too_big') reject('too-long', `${where} is longer than ${issue.maximum} characters`);
    return reject('schema', `${where}: ${issue.message}`);
  }

  // No items is an answer only for a profile that was offered none (it carries only new team members).
  if (parsed.data.items.length === 0 && expected.offeredIds.length > 0) reject('no-items', 'answer names no items');
  const offered = new Set(expected.offeredIds);
  const seen = new Set<number>();
  const texts: string[] = [];
  const text = (value: string, where: string, required: boolean): string | undefined => {
    const clean = cleanPlainText(value);
    if (!clean) return required ? reject('empty-text', `${where} is empty`) : undefined;
    if (containsLink(clean)) reject('link', `${where} contains a link`);
    if (containsMarkup(clean)) reject('markup', `${where} contains markup`);
    texts.push(clean);
    return clean;
  };

  const intro = text(parsed.data.intro, 'intro', true)!;
  const items = parsed.data.items.map((item, index) => {
    if (!offered.has(item.id)) reject('unknown-id', `item ${index} names id ${item.id}, which was not offered`);
    if (seen.has(item.id)) reject('duplicate-id', `id ${item.id} appears more than once`);
    seen.add(item.id);
    const why = text(item.why, `items.${index}.why`, true)!;
    const summary = item.summary === undefined ? undefined : text(item.summary, `items.${index}.summary`, false);
    return summary === undefined ? { id: item.id, why } : { id: item.id, summary, why };
  });

  const people = new Set(expected.peopleIds ?? []);
  const welcomed = new Set<number>();
  const welcome = (parsed.data.welcome ?? []).map((entry, index) => {
    if (!people.has(entry.id)) reject('unknown-id', `welcome ${index} names person ${entry.id}, who was not offered`);
    if (welcomed.has(entry.id)) reject('duplicate-id', `person ${entry.id} is welcomed more than once`);
    welcomed.add(entry.id);
    return { id: entry.id, line: text(entry.line, `welcome.${index}.line`, true)! };
  });

  const quotable = expected.quotable ?? [];
  if (!looksLikeLanguage(texts.join(' '), expected.language, quotable) || !looksLikeLanguage(intro, expected.language, quotable)) {
    reject('wrong-language', `answer is not in the requested language (${expected.language})`);
  }
  return welcome.length ? { intro, items, welcome } : { intro, items };
}
