import type { Language } from '../i18n/languages.js';

/** What is needed to say when an event happens: its day, and its instants when a time is known. */
export interface EventWhen {
  /** The day it starts (YYYY-MM-DD, the lab's day). */
  date: string;
  /** The last day (YYYY-MM-DD) of an event over several days. */
  endDate: string | null;
  /** ISO instants. */
  startsAt: string | null;
  endsAt: string | null;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };

/**
 * When an event happens, in words of the reader's language and in the lab's time zone (Intl: the runtime
 * carries both the locale data and the zone database): "Thursday, 3 December 2026, 18:00 – 19:30 CET",
 * "jueves, 3 de diciembre de 2026". A day-only event is a calendar day and needs no zone.
 */
export function formatEventWhen(event: EventWhen, language: Language, timeZone: string): string {
  if (event.startsAt) {
    const fmt = new Intl.DateTimeFormat(language, { ...DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' });
    const start = new Date(event.startsAt);
    const end = event.endsAt ? new Date(event.endsAt) : null;
    return end && end.getTime() > start.getTime() ? fmt.formatRange(start, end) : fmt.format(start);
  }
  const fmt = new Intl.DateTimeFormat(language, { ...DAY, timeZone: 'UTC' });
  const start = new Date(`${event.date}T00:00:00Z`);
  const last = event.endDate && event.endDate > event.date ? new Date(`${event.endDate}T00:00:00Z`) : null;
  return last ? fmt.formatRange(start, last) : fmt.format(start);
}
