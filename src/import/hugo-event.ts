import { parseEventTime } from '../items/event-times.js';
import type { ItemRecord } from '../items/item-record.js';
import { map, str } from './field-values.js';
import { inlineMarkdownToText } from './text-cleanup.js';

/** What an event page adds to its record. */
export type EventFields = Pick<ItemRecord, 'date' | 'endDate' | 'startsAt' | 'endsAt' | 'location' | 'venue'>;

/** The place: `location` and the city and country of `address`, each once. */
function place(d: Record<string, unknown>): string | null {
  const address = map(d.address);
  const parts = [str(d.location), str(address?.city), str(address?.country)].filter((p): p is string => !!p);
  const unique = parts.filter((p, i) => !parts.slice(0, i).some((q) => q.toLowerCase().includes(p.toLowerCase())));
  return unique.length ? inlineMarkdownToText(unique.join(', ')) || null : null;
}

/**
 * A Hugo (Blox/Academic) event's time and place: `date` and `date_end` (a time without a zone is the lab's
 * `timeZone`; `all_day` keeps only the days), `location` and `address`, and the hosting `event` as the venue.
 * The item's date is the day it starts in the lab's zone. A string says why the page cannot be an event.
 */
export function hugoEventFields(d: Record<string, unknown>, timeZone: string): EventFields | string {
  const startText = str(d.date) ?? str(d.publishDate);
  if (!startText) return 'event without a date';
  const start = parseEventTime(startText, timeZone);
  if (!start) return `date "${startText}" is not a date or time`;
  const endText = str(d.date_end);
  const end = endText ? parseEventTime(endText, timeZone) : null;
  if (endText && !end) return `date_end "${endText}" is not a date or time`;
  const allDay = d.all_day === true || str(d.all_day) === 'true';
  if (end && end.day < start.day) return 'date_end is before date';
  return {
    date: start.day,
    endDate: end && end.day !== start.day ? end.day : null,
    startsAt: allDay ? null : start.instant,
    endsAt: allDay ? null : (end?.instant ?? null),
    location: place(d),
    venue: str(d.event) ? inlineMarkdownToText(str(d.event)!) || null : null,
  };
}
