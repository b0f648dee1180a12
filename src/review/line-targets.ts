import type { LineTarget } from './review-schema.js';

/** A line's name in events, provenance and forms: `intro`, `item:<id>:line`, `item:<id>:summary` or `person:<id>`. */
export function targetName(target: LineTarget): string {
  if (target === 'intro') return 'intro';
  return 'personId' in target ? `person:${target.personId}` : `item:${target.itemId}:${target.field}`;
}

/** Reads a line's name back (from a form field or a stored event); null for anything else. */
export function parseTargetName(value: unknown): LineTarget | null {
  if (value === 'intro') return 'intro';
  const person = typeof value === 'string' ? /^person:(\d{1,9})$/.exec(value) : null;
  if (person) return { personId: Number(person[1]) };
  const m = typeof value === 'string' ? /^item:(\d{1,9}):(line|summary)$/.exec(value) : null;
  return m ? { itemId: Number(m[1]), field: m[2] as 'line' | 'summary' } : null;
}
