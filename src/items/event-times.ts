// Plain Intl instead of a date library: the runtime carries the IANA zone database, and these are the only
// two conversions events need (a wall-clock time in the lab's zone to an instant, and an instant to its day there).

/** A date or date-time as sites and forms write it: "2030-06-01", "2030-06-01T13:00", "2030-06-01 13:00:00+02:00", "…Z". */
const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What a written event time means: its day in the lab's zone, and the instant when a time was given. */
export interface EventTime {
  /** YYYY-MM-DD in the lab's time zone. */
  day: string;
  /** ISO instant (UTC), or null when only a day was written. */
  instant: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The offset of a zone from UTC at an instant, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(ms / 1000) * 1000;
}

/** The calendar day of an instant in a time zone (YYYY-MM-DD). */
export function dayIn(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone));
  return shifted.toISOString().slice(0, 10);
}

/**
 * Reads a date or date-time; a time without a zone is a wall-clock time in `timeZone` (the lab's). Null when the
 * text is not a real date or time.
 */
export function parseEventTime(text: string, timeZone: string): EventTime | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s, zone] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]];
  const wall = Date.UTC(y, mo - 1, d, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (h === undefined) return { day: `${y}-${pad(mo)}-${pad(d)}`, instant: null };
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  let ms: number;
  if (zone) {
    const z = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
    ms = wall - z;
  } else {
    // Two passes: the offset at the first guess may differ from the offset at the answer around a DST change.
    ms = wall - offsetAt(wall, timeZone);
    ms = wall - offsetAt(ms, timeZone);
  }
  const instant = new Date(ms);
  return { day: dayIn(instant, timeZone), instant: instant.toISOString() };
}

/** An instant as the wall-clock time of a zone, as a datetime-local field shows it ("2030-06-01T18:30"). */
export function wallTimeIn(instant: string | Date, timeZone: string): string {
  const ms = new Date(instant).getTime();
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16);
}
