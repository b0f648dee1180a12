import { str } from './field-values.js';

/** A calendar date as written ("2026-10-03", "2026-10-03T10:00:00+02:00" → 2026-10-03), or null. */
export function calendarDate(v: unknown): string | null {
  const s = str(v);
  const m = s ? /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) : null;
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}
