import { seedItem, seedSubscriber, seedTopics } from './digest-fixtures.js';
import type { DigestRig } from './digest-rig.js';

/** The November digest's window end (the lab's clock is Europe/Madrid, UTC+1 in winter). */
export const NOVEMBER = { period: '2026-11', windowEnd: '2026-11-22T12:00:00Z' };
/** The next digest, a month later: its window starts where November's ended. */
export const DECEMBER = { period: '2026-12', windowEnd: '2026-12-22T12:00:00Z' };

export const TITLES = {
  school: 'School choice simulator',
  brecha: 'La brecha digital en la escuela',
  workshop: 'Workshop on school segregation',
  seminar: 'Seminar on skills and labour markets',
  far: 'Summer school on computational methods',
} as const;

export const NEWCOMER = { name: 'Lucía Fernández', role: 'PhD student', photoUrl: 'https://lab.example.org/photos/lucia.jpg' };

/**
 * A lab with items in both languages, an event that took place in November, one coming up in early
 * December, one too far away, a team member who joined in November (and one long ago, and a new alumna),
 * and four readers: Spanish and English on education, English on everything, English on a topic with no items.
 */
export async function seedTeamEventsLab(rig: DigestRig): Promise<Record<string, number>> {
  const { db } = rig.t.ctx;
  const ids: Record<string, number> = {};
  seedTopics(db, {
    education: { en: 'Education', es: 'Educación' },
    labour: { en: 'Labour markets', es: 'Mercados laborales' },
    health: { en: 'Health', es: 'Salud' },
  });
  ids.school = seedItem(db, { title: TITLES.school, kind: 'publication', venue: 'Data in Brief', date: '2026-11-05', topics: ['education'] });
  ids.brecha = seedItem(db, { title: TITLES.brecha, kind: 'news', date: '2026-11-10', topics: ['education'], language: 'es' });
  const api = async (url: string, payload: Record<string, unknown>): Promise<number> => {
    const res = await rig.t.app.inject({ method: 'POST', url, headers: rig.t.admin, payload });
    if (res.statusCode !== 201) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
    return res.json().id;
  };
  const event = (title: string, fields: Record<string, unknown>) =>
    api('/api/admin/items', { kind: 'event', title, summary: `${title}: talks and discussion.`, topics: ['education', 'labour'], ...fields });
  ids.workshop = await event(TITLES.workshop, { startsAt: '2026-11-12T17:00', endsAt: '2026-11-12T19:00', location: 'Sala 3, Facultad de Economía' });
  ids.seminar = await event(TITLES.seminar, { startsAt: '2026-12-03T18:00', endsAt: '2026-12-03T19:30', location: 'Aula Magna' });
  ids.far = await event(TITLES.far, { date: '2027-02-01', location: 'Valparaíso' });
  ids.lucia = await api('/api/admin/people', { ...NEWCOMER, bio: 'Lucía studies school segregation with administrative data.', startDate: '2026-11-02' });
  ids.old = await api('/api/admin/people', { name: 'Pedro Soto', role: 'Professor', startDate: '2019-03-01' });
  ids.alumna = await api('/api/admin/people', { name: 'Marta Gil', role: 'Research assistant', startDate: '2026-11-03', alumni: true });
  ids.ana = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education'] });
  ids.ben = seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: ['education'] });
  ids.dan = seedSubscriber(db, { email: 'dan@example.org', name: 'Dan', language: 'en', topics: [] });
  ids.eve = seedSubscriber(db, { email: 'eve@example.org', name: 'Eve', language: 'en', topics: ['health'] });
  return ids;
}

/** How many times `needle` appears in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
