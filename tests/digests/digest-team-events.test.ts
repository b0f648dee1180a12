import { afterEach, describe, expect, it } from 'vitest';
import type { DigestView } from '../../src/digests/digest-schema.js';
import type { ProfileReview } from '../../src/review/review-schema.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';
import { INVENTED } from '../helpers/ollama-stand-in-answers.js';
import type { ReceivedMessage } from '../helpers/smtp-server.js';
import { DECEMBER, NEWCOMER, NOVEMBER, occurrences, seedTeamEventsLab, TITLES } from '../helpers/team-events-lab.js';

const ZONE = { TIME_ZONE: 'Europe/Madrid' };

/** The visible text of an HTML email: tags dropped, entities of the few kinds the renderer writes decoded. */
function visible(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&middot;/g, '·')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** What comes after a heading in the text part, up to the next heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}`);
  if (start < 0) return '';
  const next = text.indexOf('\n## ', start + 3);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('a digest with events and a new team member', () => {
  let rig: DigestRig;
  afterEach(() => rig.close());

  async function sent(period: { period: string; windowEnd: string }): Promise<{ id: number; done: DigestView; mail: Map<string, ReceivedMessage> }> {
    const before = rig.smtp.messages.length;
    const { id } = await rig.trigger(period);
    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');
    const mail = new Map(rig.smtp.messages.slice(before).map((m) => [m.envelope.to[0]!, m]));
    return { id, done, mail };
  }

  it('shows each reader the past and coming events and the newcomer once, in their language, and the next digest repeats neither', async () => {
    rig = await startDigestRig('digest-team-events', { env: ZONE });
    await seedTeamEventsLab(rig);

    const november = await sent(NOVEMBER);
    // Four profiles (es/education, en/education, en/everything, en/health with only the newcomer): one model call each.
    expect(november.done.counts).toMatchObject({ planned: 4, skipped: 0, profiles: 4, sent: 4, composedWithLlm: 4 });
    expect(rig.ollama.calls('/api/chat')).toHaveLength(4);
    expect(november.done.counts.llmCalls).toBe(4);
    expect([...november.mail.keys()].sort()).toEqual(['ana@example.org', 'ben@example.org', 'dan@example.org', 'eve@example.org']);

    // The prompt offers the upcoming event (after the window end) with local times and place, and the newcomer.
    const prompt = JSON.stringify(rig.ollama.calls('/api/chat')[0]!.body.messages);
    expect(prompt).toContain('team_members');
    expect(prompt).toContain('Lucía Fernández');
    expect(prompt).not.toContain('Marta Gil');
    expect(prompt).not.toContain('Pedro Soto');

    const ben = november.mail.get('ben@example.org')!;
    const benText = ben.parsed.text;
    const benHtml = visible(ben.parsed.html);
    expect(ben.parsed.subject).toBe('November 2026 at Example Research Lab: 1 publication, 1 news, 2 events, 1 new team member');
    // Past event with the news, with its local time and place; the coming one under "Coming up".
    expect(section(benText, 'News')).toContain(TITLES.workshop);
    expect(section(benText, 'News')).toContain('Thursday, November 12, 2026');
    expect(section(benText, 'News')).toContain('17:00');
    expect(section(benText, 'News')).toContain('Where: Sala 3, Facultad de Economía');
    const coming = section(benText, 'Coming up');
    expect(coming).toContain(TITLES.seminar);
    expect(coming).toContain('Thursday, December 3, 2026');
    expect(coming).toMatch(/18:00\s*–\s*19:30 GMT\+1/);
    expect(coming).toContain('Where: Aula Magna');
    expect(section(benText, 'News')).not.toContain(TITLES.seminar);
    expect(benText).not.toContain(TITLES.far);
    // New in the team: name, role, the photo only as a link, the model's welcome line.
    const team = section(benText, 'New in the team');
    expect(team).toContain(NEWCOMER.name);
    expect(team).toContain(NEWCOMER.role);
    expect(team).toContain(`Photo: ${NEWCOMER.photoUrl}`);
    expect(team).toContain('We are glad to welcome Lucía Fernández to the team this month.');
    expect(ben.parsed.html).toContain(`<a href="${NEWCOMER.photoUrl}">Photo</a>`);
    expect(ben.parsed.html).not.toMatch(/<img[^>]+lab\.example\.org/);
    for (const title of [TITLES.school, TITLES.brecha, TITLES.workshop, TITLES.seminar, NEWCOMER.name]) {
      expect(occurrences(benText, `* ${title}`), title).toBe(1);
    }
    expect(benHtml).toContain('Coming up');
    expect(benHtml).toContain('New in the team');

    const ana = november.mail.get('ana@example.org')!;
    const anaText = ana.parsed.text;
    expect(ana.parsed.subject).toBe('Noviembre de 2026 en Example Research Lab: 1 publicación, 1 noticia, 2 eventos, 1 persona nueva en el equipo');
    expect(section(anaText, 'Próximamente')).toContain('jueves, 3 de diciembre de 2026');
    expect(section(anaText, 'Próximamente')).toContain('Lugar: Aula Magna');
    expect(section(anaText, 'Noticias')).toContain('jueves, 12 de noviembre de 2026');
    const equipo = section(anaText, 'Nuevas personas en el equipo');
    expect(equipo).toContain('Este mes damos la bienvenida a Lucía Fernández a nuestro equipo.');
    expect(equipo).toContain(`Foto: ${NEWCOMER.photoUrl}`);
    expect(anaText).not.toContain('New in the team');

    // A reader whose topics had nothing this month still hears about the newcomer, and only that.
    const eve = november.mail.get('eve@example.org')!;
    expect(section(eve.parsed.text, 'New in the team')).toContain(NEWCOMER.name);
    for (const title of Object.values(TITLES)) expect(eve.parsed.text).not.toContain(title);
    expect(eve.parsed.subject).toBe('November 2026 at Example Research Lab: 1 new team member');

    // December: the seminar has happened (news, once); the workshop and the newcomer are not repeated.
    const december = await sent(DECEMBER);
    const danDec = december.mail.get('dan@example.org')!.parsed.text;
    expect(section(danDec, 'News')).toContain(TITLES.seminar);
    expect(danDec).not.toContain('## Coming up');
    for (const gone of [TITLES.workshop, TITLES.school, TITLES.brecha, NEWCOMER.name]) expect(danDec).not.toContain(gone);
    expect(danDec).not.toContain('New in the team');
    // Eve has nothing new in December: no email.
    expect(december.mail.has('eve@example.org')).toBe(false);
    expect(december.done.counts).toMatchObject({ planned: 3, skipped: 1, sent: 3 });
    expect(section(december.mail.get('ana@example.org')!.parsed.text, 'Noticias')).toContain(TITLES.seminar);
  });

  it('replaces a welcome line with an invented fact by the fixed phrase when nobody reviews', async () => {
    rig = await startDigestRig('digest-team-invent', { env: ZONE, ollamaMode: 'invent' });
    await seedTeamEventsLab(rig);
    const november = await sent(NOVEMBER);
    expect(november.done.groundingReplaced).toBeGreaterThan(0);
    for (const [to, message] of november.mail) {
      expect(message.parsed.text, to).not.toContain(INVENTED.person);
      expect(message.parsed.text, to).not.toContain(INVENTED.figure);
    }
    expect(section(november.mail.get('ben@example.org')!.parsed.text, 'New in the team')).toContain(
      'Welcome to Lucía Fernández, who joins the lab as PhD student.',
    );
    expect(section(november.mail.get('ana@example.org')!.parsed.text, 'Nuevas personas en el equipo')).toContain(
      'Damos la bienvenida a Lucía Fernández, que se incorpora al laboratorio como PhD student.',
    );
    const provenance = (await rig.t.app.inject({ url: `/api/admin/digests/${november.id}/provenance`, headers: rig.t.admin })).json();
    const personFindings = provenance.profiles.flatMap((p: { findings: Array<{ target: string; text: string; replaced: boolean }> }) =>
      p.findings.filter((f) => f.target.startsWith('person:')),
    );
    expect(personFindings.length).toBeGreaterThan(0);
    expect(personFindings.every((f: { replaced: boolean }) => f.replaced)).toBe(true);
    expect(personFindings.map((f: { text: string }) => f.text).join(' ')).toContain('Helena Vukovic');
  });

  it('flags an invented welcome in review, where an editor edits, keeps or puts back the fixed phrase, and provenance records it', async () => {
    rig = await startDigestRig('digest-team-review', { env: { ...ZONE, REVIEW_REQUIRED: 'true' }, ollamaMode: 'invent' });
    const ids = await seedTeamEventsLab(rig);
    const { id } = await rig.trigger(NOVEMBER);
    await rig.waitStatus(id, 'review');
    const api = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
      rig.t.app.inject({ method, url: `/api/admin/digests/${id}${url}`, headers: rig.t.admin, ...(payload ? { payload } : {}) });
    const profiles: ProfileReview[] = (await api('GET', '/profiles')).json().profiles;
    const ben = profiles.find((p) => p.language === 'en' && p.topics.map((t) => t.slug).join() === 'education')!;
    const welcome = (ben.people ?? []).find((p) => p.id === ids.lucia)!;
    expect(welcome).toMatchObject({ name: NEWCOMER.name, role: NEWCOMER.role, line: { origin: 'model', kept: false } });
    expect(welcome.line.findings.map((f) => f.text).join(' ')).toContain('Helena Vukovic');
    const target = { personId: ids.lucia };

    const link = await api('PATCH', `/profiles/${ben.id}`, { action: 'edit', target, text: 'Welcome Lucía, see lab.example.org' });
    expect(link.statusCode).toBe(400);
    const edited = await api('PATCH', `/profiles/${ben.id}`, { action: 'edit', target, text: 'A warm welcome to Lucía Fernández, our new PhD student.' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().people[0].line).toMatchObject({ text: 'A warm welcome to Lucía Fernández, our new PhD student.', origin: 'editor', findings: [] });
    const spanish = profiles.find((p) => p.language === 'es')!;
    const back = await api('PATCH', `/profiles/${spanish.id}`, { action: 'fallback', target });
    expect(back.json().people[0].line).toMatchObject({
      origin: 'fallback',
      text: 'Damos la bienvenida a Lucía Fernández, que se incorpora al laboratorio como PhD student.',
    });

    expect((await api('POST', '/approve')).statusCode).toBe(200);
    await rig.waitFinished(id);
    const benMail = rig.smtp.messages.find((m) => m.envelope.to[0] === 'ben@example.org')!;
    expect(section(benMail.parsed.text, 'New in the team')).toContain('A warm welcome to Lucía Fernández, our new PhD student.');
    // The other English profiles' flagged welcomes nobody touched were replaced at approval.
    const danMail = rig.smtp.messages.find((m) => m.envelope.to[0] === 'dan@example.org')!;
    expect(section(danMail.parsed.text, 'New in the team')).toContain('Welcome to Lucía Fernández, who joins the lab as PhD student.');
    type ProfileEvents = { id: number; language: string; events: Array<{ action: string; target: string | null }> };
    const provenance: { profiles: ProfileEvents[] } = (await api('GET', '/provenance')).json();
    const benEvents = provenance.profiles.find((p) => p.id === ben.id)!.events;
    expect(benEvents).toContainEqual(
      expect.objectContaining({ action: 'edit', target: `person:${ids.lucia}`, after: 'A warm welcome to Lucía Fernández, our new PhD student.' }),
    );
    const danProfile = provenance.profiles.find((p) => p.language === 'en' && p.id !== ben.id && p.events.some((e) => e.target === `person:${ids.lucia}`))!;
    expect(danProfile.events).toContainEqual(expect.objectContaining({ action: 'replace-flagged', target: `person:${ids.lucia}` }));
  });
});
