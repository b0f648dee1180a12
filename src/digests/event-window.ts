/**
 * Which events a digest shows, and how: an event "happens" at its start (the instant when a time is known,
 * else the start of its day as stored). One that started inside the digest's window is past (shown once,
 * as news: the windows of real digests never overlap); one that starts after the window's end and at most
 * one calendar month later is "coming up". The next digest is normally about a month away, so an event is
 * announced at least once before it happens, and a digest sent early may announce it again.
 */

/** When an event happens, for the digest's purposes: its start instant, or its day. */
export function eventStart(event: { startsAt: Date | null; date: Date }): Date {
  return event.startsAt ?? event.date;
}

/** The end of a digest's "coming up" horizon: the window's end plus one calendar month (clamped to the month's last day). */
export function upcomingHorizon(windowEnd: Date): Date {
  const y = windowEnd.getUTCFullYear();
  const m = windowEnd.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(windowEnd.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, windowEnd.getUTCHours(), windowEnd.getUTCMinutes(), windowEnd.getUTCSeconds(), windowEnd.getUTCMilliseconds()));
}

/** Whether an event is still to come at the digest's window end (it is then shown under "Coming up"). */
export function isUpcoming(event: { startsAt: Date | null; date: Date }, windowEnd: Date): boolean {
  return eventStart(event).getTime() > windowEnd.getTime();
}
