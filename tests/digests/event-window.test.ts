import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, people } from '../../src/db/schema.js';
import { upcomingHorizon } from '../../src/digests/event-window.js';
import { candidatesFor, MAX_UPCOMING, windowItems } from '../../src/digests/window-items.js';
import { newTeamMembers } from '../../src/people/new-people.js';
import { xmlEscape } from '../../src/archive/atom-feed.js';
import { seedItem, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const eqId = (id: number) => eq(items.id, id);

describe('which events and people a digest carries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('event-window');
    seedTopics(t.ctx.db, { education: { en: 'Education', es: 'Educación' }, urban: { en: 'Urban', es: 'Urbano' } });
  });
  afterAll(() => t.close());

  it('ends "coming up" one calendar month after the window end, on the last day of a shorter month', () => {
    expect(upcomingHorizon(new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-12-22T12:00:00.000Z');
    expect(upcomingHorizon(new Date('2026-01-31T09:30:00Z')).toISOString()).toBe('2026-02-28T09:30:00.000Z');
    expect(upcomingHorizon(new Date('2026-12-15T00:00:00Z')).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('takes an event as past when it started inside the window, as coming up when it starts within a month after, and not otherwise', () => {
    const { db } = t.ctx;
    const event = (title: string, date: string, startsAt: string | null, topics = ['education']) => {
      const id = seedItem(db, { title, kind: 'event', date, topics });
      if (startsAt)
        db.update(items)
          .set({ startsAt: new Date(startsAt) })
          .where(eqId(id))
          .run();
      return id;
    };
    const window = { start: new Date('2030-03-01T00:00:00Z'), end: new Date('2030-03-20T12:00:00Z'), inclusiveStart: false };
    const news = seedItem(db, { title: 'A March paper', kind: 'publication', date: '2030-03-10', topics: ['education'] });
    const future = seedItem(db, { title: 'A paper dated in April', kind: 'publication', date: '2030-04-02', topics: ['education'] });
    const past = event('Talk on the 5th', '2030-03-05', '2030-03-05T16:00:00Z');
    // Same day as the window end, but in the evening: still to come.
    const tonight = event('Talk tonight', '2030-03-20', '2030-03-20T18:00:00Z');
    const dayOnly = event('Workshop in April', '2030-04-15', null);
    const tooFar = event('Conference in May', '2030-05-02', null);
    const before = event('Talk in February', '2030-02-20', '2030-02-20T10:00:00Z');
    const other = event('Urban walk', '2030-03-25', null, ['urban']);

    const windowed = windowItems(db, window);
    const byId = new Map(windowed.map((w) => [w.id, w]));
    expect(byId.get(news)?.upcoming).toBe(false);
    expect(byId.has(future)).toBe(false);
    expect(byId.get(past)?.upcoming).toBe(false);
    expect(byId.get(tonight)?.upcoming).toBe(true);
    expect(byId.get(dayOnly)?.upcoming).toBe(true);
    expect(byId.has(tooFar)).toBe(false);
    expect(byId.has(before)).toBe(false);
    // Recent first (newest first), then coming up (soonest first); topics filter both.
    expect(windowed.map((w) => w.id)).toEqual([news, past, tonight, other, dayOnly]);
    expect(candidatesFor(['education'], windowed).map((w) => w.id)).toEqual([news, past, tonight, dayOnly]);
    expect(candidatesFor([], windowed).map((w) => w.id)).toEqual([news, past, tonight, other, dayOnly]);
    expect(MAX_UPCOMING).toBeGreaterThan(0);
  });

  it('welcomes people who joined inside the window (start date, or when added without one), never alumni, once per window', () => {
    const { db } = t.ctx;
    const add = (name: string, fields: { startDate?: string; createdAt?: string; alumni?: boolean; photoUrl?: string }) =>
      db
        .insert(people)
        .values({
          name,
          role: 'Researcher',
          startDate: fields.startDate ? new Date(`${fields.startDate}T00:00:00Z`) : null,
          alumni: fields.alumni ?? false,
          photoUrl: fields.photoUrl ?? null,
          ...(fields.createdAt ? { createdAt: new Date(fields.createdAt) } : {}),
        })
        .returning({ id: people.id })
        .get().id;
    const first = add('Ana First', { startDate: '2031-01-01', photoUrl: 'http://insecure.example.org/a.jpg' });
    const imported = add('Ivo Imported', { createdAt: '2031-01-10T09:00:00Z', photoUrl: 'https://lab.example.org/ivo.jpg' });
    add('Alma Alumna', { startDate: '2031-01-05', alumni: true });
    const later = add('Leo Later', { startDate: '2031-02-05' });
    const january = { start: new Date('2031-01-01T00:00:00Z'), end: new Date('2031-01-31T12:00:00Z'), inclusiveStart: true };
    const got = newTeamMembers(db, january);
    expect(got.map((p) => p.id)).toEqual([first, imported]);
    // Only an https photo travels; anything else is dropped rather than linked.
    expect(got.map((p) => p.photoUrl)).toEqual([null, 'https://lab.example.org/ivo.jpg']);
    // The next window starts where January's ended: nobody twice.
    const february = { start: january.end, end: new Date('2031-02-28T12:00:00Z'), inclusiveStart: false };
    expect(newTeamMembers(db, february).map((p) => p.id)).toEqual([later]);
    // An exclusive start leaves out who joined exactly at it.
    expect(newTeamMembers(db, { ...january, inclusiveStart: false }).map((p) => p.id)).toEqual([imported]);
  });

  it('escapes feed text and drops what XML 1.0 forbids', () => {
    expect(xmlEscape(`a & b < c > "d" 'e'\u0000\u0008\uFFFF`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
  });
});
