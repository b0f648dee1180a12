import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFromPath } from '../../src/import/import-sources.js';
import { listItems } from '../../src/items/item-repository.js';
import { getPerson, listPeople } from '../../src/people/person-repository.js';
import { createPerson } from '../../src/people/person-service.js';
import { type ConsoleSession, consoleSession } from '../helpers/console-session.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { LIMITS, SITES } from '../import/helpers.js';
import { tableRow, tableRows } from './console-seed.js';

describe('console: people and events in the content section', () => {
  let t: TestApp;
  let editor: ConsoleSession;
  beforeAll(async () => {
    t = await createTestApp('console-people-events', { TIME_ZONE: 'America/Santiago' });
    editor = await consoleSession(t, 'editor');
    await importFromPath(t.ctx.db, { ...LIMITS, TIME_ZONE: 'America/Santiago' }, join(SITES, 'hugo-blox'));
  });
  afterAll(() => t.close());

  it('lists the imported team in both languages, current members first, and filters alumni', async () => {
    const en = await editor.get('/admin/content/people?lang=en');
    expect(en.statusCode).toBe(200);
    expect(tableRow(en.body, 'Ana Rojas')).toBe('Ana Rojas|PhD Student|Sep 1, 2024|No|Hugo author profile|Edit Ana Rojas Delete Ana Rojas|');
    expect(
      tableRows(en.body)
        .slice(1)
        .map((r) => r.split('|')[0]),
    ).toEqual(['Ana Rojas', 'Camila Valdés', 'Tomás Vidal']);
    const es = await editor.get('/admin/content/people?lang=es&status=alumni');
    expect(es.body).toContain('<html lang="es"');
    expect(tableRows(es.body).slice(1)).toEqual(['Tomás Vidal|Research Assistant|—|Sí|Perfil de autor de Hugo|Editar Tomás Vidal Eliminar Tomás Vidal|']);
    const content = await editor.get('/admin/content?lang=en');
    expect(content.body).toContain('href="/admin/content/people"');
    expect(content.body).toContain('href="/admin/content/events"');
  });

  it('adds a person through the form, shows field errors without saving, edits and deletes', async () => {
    const before = listPeople(t.ctx.db, { limit: 100, offset: 0 }).total;
    const bad = await editor.post('/admin/content/people?lang=en', { name: '', photoUrl: 'not a url', startDate: '2025-13-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Name: This field is required.');
    expect(bad.body).toContain('Photo address (URL): Enter an address that starts with http:// or https://.');
    expect(bad.body).toContain('Joined: Enter a real date as YYYY-MM-DD.');
    expect(listPeople(t.ctx.db, { limit: 100, offset: 0 }).total).toBe(before);

    const made = await editor.post('/admin/content/people?lang=en', {
      name: 'Lucía Méndez',
      role: 'Lab manager',
      startDate: '2026-02-01',
      links: 'Website | https://lucia.example.edu/\nhttps://orcid.org/0000-0001',
      alumni: 'yes',
    });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/admin/content/people?done=created');
    const lucia = listPeople(t.ctx.db, { q: 'lucía', limit: 5, offset: 0 }).people[0]!;
    expect(lucia).toMatchObject({
      role: 'Lab manager',
      startDate: '2026-02-01',
      alumni: true,
      source: 'admin',
      links: [
        { label: 'Website', url: 'https://lucia.example.edu/' },
        { label: 'orcid.org', url: 'https://orcid.org/0000-0001' },
      ],
    });
    const form = await editor.get(`/admin/content/people/${lucia.id}/edit?lang=es`);
    expect(form.body).toContain('Website | https://lucia.example.edu/');
    expect(form.body).toContain('<label for="role">Cargo</label>');
    const saved = await editor.post(`/admin/content/people/${lucia.id}`, { name: 'Lucía Méndez', role: 'Lab director', links: '' });
    expect(saved.headers.location).toBe('/admin/content/people?done=saved');
    expect(getPerson(t.ctx.db, lucia.id)).toMatchObject({ role: 'Lab director', alumni: false, links: [], startDate: null });
    const confirm = await editor.get(`/admin/content/people/${lucia.id}/delete?lang=en`);
    expect(confirm.body).toContain('Delete the person');
    const gone = await editor.post(`/admin/content/people/${lucia.id}/delete`, { confirm: 'yes' });
    expect(gone.headers.location).toBe('/admin/content/people?done=deleted');
    expect(listPeople(t.ctx.db, { q: 'lucía', limit: 5, offset: 0 }).total).toBe(0);
  });

  it('refuses a forged form (no CSRF token) and changes nothing', async () => {
    const person = createPerson(t.ctx.db, { name: 'Kept', role: null, photoUrl: null, bio: '', startDate: null, links: [], alumni: false });
    const forged = await editor.post(`/admin/content/people/${person.id}/delete`, { _csrf: 'forged', confirm: 'yes' });
    expect(forged.statusCode).toBe(403);
    expect(getPerson(t.ctx.db, person.id).name).toBe('Kept');
  });

  it('shows events coming up and past at the lab’s times, in both languages', async () => {
    const en = await editor.get('/admin/content/events?lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('America/Santiago');
    const upcoming = en.body.slice(en.body.indexOf('id="upcoming"'), en.body.indexOf('id="past"'));
    const past = en.body.slice(en.body.indexOf('id="past"'));
    expect(
      tableRows(upcoming)
        .slice(1)
        .map((r) => r.split('|').slice(0, 4).join('|')),
    ).toEqual([
      'Lab retreat|Nov 20, 2030|Nov 21, 2030|Casablanca Valley',
      'Urban Data Summer School|Jan 12, 2031, 9:00 AM|Jan 16, 2031, 5:30 PM|Faculty of Economics, Valparaíso, Chile',
    ]);
    // 16:00 in London is 11:00 in Santiago (UTC-4 in May).
    expect(
      tableRows(past)
        .slice(1)
        .map((r) => r.split('|').slice(0, 4).join('|')),
    ).toEqual(['Commuting and Wages (invited talk)|May 4, 2023, 11:00 AM|May 4, 2023, 12:00 PM|London School of Economics']);
    const es = await editor.get('/admin/content/events?lang=es');
    expect(es.body).toContain('Próximamente');
    expect(es.body).toContain('Eventos pasados');
  });

  it('adds an event through the item form with times in the lab’s zone, and shows them again as typed', async () => {
    const form = await editor.get('/admin/content/new?lang=en&kind=event');
    expect(form.body).toMatch(/<option value="event" selected>Event<\/option>/);
    expect(form.body).toContain('Times in America/Santiago');
    const bad = await editor.post('/admin/content?lang=en', {
      kind: 'event',
      title: 'Backwards',
      date: '2030-05-01',
      startsAt: '2030-05-01T10:00',
      endsAt: '2030-05-01T09:00',
      language: 'en',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ends: An event cannot end before it starts');
    const news = await editor.post('/admin/content?lang=en', { kind: 'news', title: 'Placed news', date: '2030-05-01', location: 'Somewhere', language: 'en' });
    expect(news.statusCode).toBe(422);
    expect(news.body).toContain('Place: Only events have this field');

    const res = await editor.post('/admin/content?lang=en', {
      kind: 'event',
      title: 'Data clinic',
      date: '2030-01-01',
      startsAt: '2030-05-01T18:30',
      endsAt: '2030-05-01T20:00',
      location: 'Room 4',
      language: 'en',
    });
    expect(res.statusCode).toBe(303);
    const clinic = listItems(t.ctx.db, { kind: 'event', limit: 50, offset: 0 }).items.find((i) => i.title === 'Data clinic')!;
    // The date box said January: an event's date is the day it starts.
    expect(clinic).toMatchObject({ date: '2030-05-01', startsAt: '2030-05-01T22:30:00.000Z', endsAt: '2030-05-02T00:00:00.000Z', location: 'Room 4' });
    const edit = await editor.get(`/admin/content/${clinic.id}/edit?lang=en`);
    expect(edit.body).toContain('value="2030-05-01T18:30"');
    expect(edit.body).toContain('value="2030-05-01T20:00"');
  });
});
