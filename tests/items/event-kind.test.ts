import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseSettings } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('events, the fourth kind of item, in the lab’s time zone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('event-kind', { TIME_ZONE: 'Europe/Madrid' });
  });
  afterAll(() => t.close());

  const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/admin/items', headers: t.admin, payload });

  it('creates an event whose times carry no zone: read in TIME_ZONE, the date is the day it starts there', async () => {
    const res = await create({
      kind: 'event',
      title: 'Open lab evening',
      startsAt: '2030-06-01T23:30',
      endsAt: '2030-06-02T01:00',
      location: 'Lab 3, Faculty of Economics',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'event',
      date: '2030-06-01',
      endDate: '2030-06-02',
      startsAt: '2030-06-01T21:30:00.000Z',
      endsAt: '2030-06-01T23:00:00.000Z',
      location: 'Lab 3, Faculty of Economics',
    });
    const list = (await t.app.inject({ url: '/api/admin/items?kind=event', headers: t.admin })).json();
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Open lab evening']);
  });

  it('keeps a written offset, and an all-day event has days without times', async () => {
    const timed = (await create({ kind: 'event', title: 'Talk', startsAt: '2030-06-01T23:30:00Z' })).json();
    expect(timed).toMatchObject({ date: '2030-06-02', startsAt: '2030-06-01T23:30:00.000Z', endsAt: null });
    const days = (await create({ kind: 'event', title: 'Retreat', date: '2030-07-01', endDate: '2030-07-03' })).json();
    expect(days).toMatchObject({ date: '2030-07-01', endDate: '2030-07-03', startsAt: null, location: null });
  });

  it.each([
    [{ kind: 'event', title: 'E', startsAt: '2030-06-01T10:00', endsAt: '2030-06-01T09:00' }, 'endsAt'],
    [{ kind: 'event', title: 'E', date: '2030-06-02', endDate: '2030-06-01' }, 'endDate'],
    [{ kind: 'event', title: 'E', date: '2030-06-05', startsAt: '2030-06-01T10:00' }, 'date'],
    [{ kind: 'event', title: 'E', startsAt: 'tomorrow at ten' }, 'startsAt'],
    [{ kind: 'event', title: 'E' }, 'date'],
    [{ kind: 'news', title: 'N', date: '2030-06-01', location: 'Here' }, 'location'],
  ])('refuses %j with a 400 naming %s', async (payload, field) => {
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it('edits an event’s time and place, and a kind change drops what only events have', async () => {
    const { id } = (await create({ kind: 'event', title: 'Workshop', startsAt: '2030-09-10T09:00', location: 'Room 1' })).json();
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/items/${id}`,
      headers: t.admin,
      payload: { startsAt: '2030-09-11T15:00', location: 'Room 2' },
    });
    expect(moved.json()).toMatchObject({ date: '2030-09-11', startsAt: '2030-09-11T13:00:00.000Z', location: 'Room 2' });
    const news = await t.app.inject({ method: 'PATCH', url: `/api/admin/items/${id}`, headers: t.admin, payload: { kind: 'news' } });
    expect(news.json()).toMatchObject({ kind: 'news', date: '2030-09-11', startsAt: null, location: null });
  });
});

describe('the TIME_ZONE setting', () => {
  it('defaults to UTC, takes an IANA name, and names itself when it is not one', () => {
    expect(parseSettings({}).TIME_ZONE).toBe('UTC');
    expect(parseSettings({ TIME_ZONE: 'America/Santiago' }).TIME_ZONE).toBe('America/Santiago');
    expect(() => parseSettings({ TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(ConfigError);
    expect(() => parseSettings({ TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/TIME_ZONE: must be an IANA time zone name/);
  });
});
