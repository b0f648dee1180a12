import type { ItemKind } from '../domain/item-kinds.js';
import { InvalidInputError } from '../errors.js';
import { parseEventTime } from './event-times.js';

/** The fields of an admin's item input or edit that concern an event's time and place. */
export interface EventInput {
  kind?: ItemKind | null;
  date?: string | null;
  endDate?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  location?: string | null;
}

/** The event fields an item has now (for an edit, which may send only some of them). */
export interface StoredEvent {
  kind: ItemKind;
  date: string;
  endDate: string | null;
  startsAt: string | null;
  endsAt: string | null;
}

const EVENT_ONLY = ['endDate', 'startsAt', 'endsAt', 'location'] as const;

/**
 * Checks an admin's event fields and writes times as instants: a time without a zone is read in the lab's
 * zone, an event's date becomes the day it starts there, and it may not end before it starts. Other kinds
 * may not carry event fields. Throws InvalidInputError naming the field.
 */
export function resolveEventInput<T extends EventInput>(input: T, timeZone: string, stored?: StoredEvent): T {
  const out: T = { ...input };
  const kind = input.kind ?? stored?.kind ?? null;
  const bad = (field: string, message: string): never => {
    throw new InvalidInputError(`${field}: ${message}`, { fields: { [field]: message } });
  };
  if (kind !== 'event') {
    for (const f of EVENT_ONLY) if (input[f] !== undefined && input[f] !== null) bad(f, 'only events have this field');
    // An item that stops being an event drops what only events have.
    if (stored?.kind === 'event') for (const f of EVENT_ONLY) out[f] = null as T[typeof f];
    return out;
  }
  for (const f of ['startsAt', 'endsAt'] as const) {
    const v = input[f];
    if (!v) continue;
    const t = parseEventTime(v, timeZone);
    if (!t?.instant) bad(f, 'must be a date and time');
    out[f] = t!.instant as T[typeof f];
    if (f === 'startsAt') {
      if (input.date && input.date !== t!.day) bad('date', `must be the day the event starts (${t!.day} in ${timeZone})`);
      out.date = t!.day;
    }
  }
  const date = out.date ?? stored?.date;
  const endDate = out.endDate !== undefined ? out.endDate : stored?.endDate;
  const startsAt = out.startsAt !== undefined ? out.startsAt : stored?.startsAt;
  const endsAt = out.endsAt !== undefined ? out.endsAt : stored?.endsAt;
  if (date && endDate && endDate < date) bad('endDate', 'must not be before the day the event starts');
  if (startsAt && endsAt && endsAt < startsAt) bad('endsAt', 'must not be before the event starts');
  if (endsAt && out.endDate === undefined && input.endsAt) out.endDate = parseEventTime(input.endsAt, timeZone)!.day as T['endDate'];
  return out;
}
