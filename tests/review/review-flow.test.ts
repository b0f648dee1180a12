import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, digestProfiles, users } from '../../src/db/schema.js';
import { previewDelivery, triggerDigest } from '../../src/digests/digest-service.js';
import { createLogger } from '../../src/logger.js';
import { resumeUnfinishedDigests } from '../../src/owner/digest-resumption.js';
import { type ProfileReview, profileReviewSchema, provenanceSchema } from '../../src/review/review-schema.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';
import { INVENTED } from '../helpers/ollama-stand-in-answers.js';

const WINDOW = { windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-22T12:00:00Z' };
const REVIEWED_EN = 'reviewed and approved by the people of';
const REVIEWED_ES = 'revisaron y aprobaron este boletín';

/**
 * Review before sending, through the JSON API, on the whole digest path (owner, workers, SMTP, the
 * Ollama stand-in): two profiles, one Spanish reader and two English readers sharing one.
 */
describe('a digest that needs review', () => {
  let rig: DigestRig;
  let ids: Record<string, number>;

  beforeEach(async () => {
    rig = await startDigestRig('review-flow', { env: { REVIEW_REQUIRED: 'true' } });
    ids = {};
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' }, labour: { en: 'Labour markets', es: 'Mercados laborales' } });
    ids.school = seedItem(db, {
      title: 'School choice simulator',
      date: '2026-10-05',
      topics: ['education'],
      summary: 'A simulator of school choice in Santiago.',
    });
    ids.jobs = seedItem(db, {
      title: 'Skills in online job advertisements',
      kind: 'publication',
      venue: 'Data in Brief',
      date: '2026-10-12',
      topics: ['labour'],
    });
    ids.ana = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education', 'labour'] });
    ids.ben = seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: ['education'] });
    ids.cai = seedSubscriber(db, { email: 'cai@example.org', name: null, language: 'en', topics: ['education'] });
  });
  afterEach(() => rig.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    rig.t.app.inject({ method, url: `/api/admin/digests${url}`, headers: rig.t.admin, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function inReview(): Promise<number> {
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    await rig.waitStatus(id, 'review');
    return id;
  }

  async function profiles(id: number): Promise<ProfileReview[]> {
    const res = await api('GET', `/${id}/profiles`);
    expect(res.statusCode).toBe(200);
    return res.json().profiles;
  }

  const english = (list: ProfileReview[]) => list.find((p) => p.language === 'en')!;
  const spanish = (list: ProfileReview[]) => list.find((p) => p.language === 'es')!;
  const copiesOf = (digestId: number) => rig.t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, digestId)).all();
  /** The email this delivery's reader gets, as the preview (and the send worker) fills it. */
  const readerHtml = (digestId: number, delivery: { subscriberId: number | null }) => previewDelivery(rig.t.ctx, digestId, delivery.subscriberId!).html;

  it('stops composed in review with nothing sent, and lists each profile with its readers, text, items and flags', async () => {
    const id = await inReview();
    await rig.waitQueuesIdle();
    expect(rig.smtp.messages).toHaveLength(0);
    expect(copiesOf(id).map((d) => d.status)).toEqual(['composed', 'composed', 'composed']);
    const view = (await api('GET', `/${id}`)).json();
    expect(view).toMatchObject({ status: 'review', reviewRequired: true, approvedBy: null, approvedAt: null, counts: { sent: 0, composedWithLlm: 3 } });

    const list = await profiles(id);
    expect(list).toHaveLength(2);
    for (const p of list) profileReviewSchema.parse(p);
    const en = english(list);
    expect(en).toMatchObject({ language: 'en', readerCount: 2, composedWith: 'llm', topics: [{ slug: 'education', label: 'Education' }] });
    expect(en.intro?.origin).toBe('model');
    expect(en.items.map((i) => i.id)).toEqual([ids.school]);
    expect(en.items[0]).toMatchObject({ title: 'School choice simulator', ownSummary: 'A simulator of school choice in Santiago.' });
    expect(en.items[0]!.line.origin).toBe('model');
    // The stand-in's honest lines pass the check: nothing is flagged.
    expect(en.items[0]!.line.findings).toEqual([]);
    expect(en.flagged).toBe(0);
    expect(spanish(list)).toMatchObject({ readerCount: 1, topics: [{ label: 'Educación' }, { label: 'Mercados laborales' }] });
    expect(view.groundingReplaced).toBe(0);

    // A restart (the owner's resumption) queues nothing for a digest in review.
    await resumeUnfinishedDigests(rig.t.ctx, createLogger('silent'));
    expect(await rig.t.ctx.queues.send.getJobCounts('waiting', 'delayed', 'active', 'prioritized')).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
      prioritized: 0,
    });
    expect((await api('GET', `/${id}`)).json().status).toBe('review');
  });

  it('re-checks an edited line, refuses a link without changing anything, keeps a line on purpose and puts the fallback back', async () => {
    const id = await inReview();
    const en = english(await profiles(id));
    const line = { itemId: ids.school!, field: 'line' as const };

    const invented = await api('PATCH', `/${id}/profiles/${en.id}`, {
      action: 'edit',
      target: line,
      text: 'Dr. Helena Vukovic of Oxford calls it a milestone.',
    });
    expect(invented.statusCode).toBe(200);
    const afterEdit: ProfileReview = invented.json();
    expect(afterEdit.items[0]!.line).toMatchObject({ text: 'Dr. Helena Vukovic of Oxford calls it a milestone.', origin: 'editor', kept: false });
    expect(afterEdit.items[0]!.line.findings.map((f) => f.text).join(' ')).toMatch(/Helena Vukovic/);

    const link = await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'edit', target: line, text: 'More at lab.example.org/school' });
    expect(link.statusCode).toBe(400);
    expect(english(await profiles(id))).toEqual(afterEdit);

    const honest = await api('PATCH', `/${id}/profiles/${en.id}`, {
      action: 'edit',
      target: line,
      text: 'A simulator of school choice for families in Santiago.',
    });
    expect(honest.json().items[0].line).toMatchObject({ origin: 'editor', findings: [] });
    // Every reader of the profile gets the edited text now.
    for (const copy of copiesOf(id).filter((d) => d.profileKey === en.key))
      expect(readerHtml(id, copy)).toContain('A simulator of school choice for families in Santiago.');

    const kept = await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'keep', target: 'intro' });
    expect(kept.json().intro).toMatchObject({ kept: true, origin: 'model' });

    const summary = { itemId: ids.school!, field: 'summary' as const };
    const fallback = await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'fallback', target: summary });
    expect(fallback.json().items[0].summary).toEqual({ text: 'A simulator of school choice in Santiago.', origin: 'item', findings: [], kept: false });

    const unknown = await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'keep', target: { itemId: 999_999, field: 'line' } });
    expect(unknown.statusCode).toBe(400);
    expect((await api('PATCH', `/${id}/profiles/999999`, { action: 'keep', target: 'intro' })).statusCode).toBe(404);

    const provenance = provenanceSchema.parse((await api('GET', `/${id}/provenance`)).json());
    const events = provenance.profiles.find((p) => p.id === en.id)!.events;
    expect(events.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['edit', `item:${ids.school}:line`, 'api'],
      ['edit', `item:${ids.school}:line`, 'api'],
      ['keep', 'intro', 'api'],
      ['fallback', `item:${ids.school}:summary`, 'api'],
    ]);
    expect(events[1]).toMatchObject({
      before: 'Dr. Helena Vukovic of Oxford calls it a milestone.',
      after: 'A simulator of school choice for families in Santiago.',
    });
  });

  it('asks the model again for one profile: its text changes and the digest stays in review', async () => {
    const id = await inReview();
    const en = english(await profiles(id));
    const calls = rig.ollama.calls('/api/chat').length;
    rig.ollama.mode = 'invent';
    const res = await api('POST', `/${id}/profiles/${en.id}/regenerate`);
    expect(res.statusCode).toBe(202);
    const changed = await waitUntil(async () => {
      const now = english(await profiles(id));
      return now.intro?.text.includes(INVENTED.person) ? now : null;
    });
    expect(rig.ollama.calls('/api/chat')).toHaveLength(calls + 1);
    expect(changed.intro!.findings.map((f) => f.text).join(' ')).toMatch(/87%/);
    expect(spanish(await profiles(id)).intro!.text).not.toContain(INVENTED.person);
    for (const copy of copiesOf(id).filter((d) => d.profileKey === en.key)) expect(readerHtml(id, copy)).toContain(INVENTED.person);
    await rig.waitQueuesIdle();
    expect((await api('GET', `/${id}`)).json().status).toBe('review');
    expect(rig.smtp.messages).toHaveLength(0);
  });

  it('test-sends a profile to an address, marked as a test and never counted as a delivery', async () => {
    const id = await inReview();
    const list = await profiles(id);
    const before = copiesOf(id);
    const en = await api('POST', `/${id}/profiles/${english(list).id}/test-send`, { to: 'editor@example.org' });
    expect(en.statusCode).toBe(202);
    const es = await api('POST', `/${id}/profiles/${spanish(list).id}/test-send`, { to: 'editora@example.org' });
    expect(es.statusCode).toBe(202);
    const [first, second] = await rig.smtp.waitFor(2);
    const byTo = new Map([first!, second!].map((m) => [m.envelope.to[0], m]));
    expect(byTo.get('editor@example.org')!.parsed.subject).toMatch(/^\[Test\] November 2026/);
    expect(byTo.get('editor@example.org')!.parsed.messageId).toBe(en.json().messageId);
    expect(byTo.get('editor@example.org')!.parsed.html).toContain('School choice simulator');
    expect(byTo.get('editora@example.org')!.parsed.subject).toMatch(/^\[Prueba\] Noviembre/i);
    expect(copiesOf(id)).toEqual(before);
    expect((await api('GET', `/${id}`)).json()).toMatchObject({ status: 'review', counts: { sent: 0 } });
    expect((await api('POST', `/${id}/profiles/${english(list).id}/test-send`, { to: 'not an address' })).statusCode).toBe(400);
  });

  it("approves once: flagged lines nobody edited or kept are replaced (an editor's own line stays), every reader gets one email with the edits and the reviewed footer", async () => {
    rig.ollama.mode = 'invent';
    const id = await inReview();
    const list = await profiles(id);
    const en = english(list);
    // With review on, the editor sees the invented words flagged.
    const flagged = [en.intro!, ...en.items.map((i) => i.line)].flatMap((l) => l.findings.map((f) => f.text)).join(' | ');
    expect(flagged).toContain(INVENTED.figure);
    expect(flagged).toContain(INVENTED.person);
    expect(flagged).toContain(INVENTED.institution);

    const edited = 'A simulator of school choice for families in Santiago.';
    await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'edit', target: { itemId: ids.school!, field: 'line' }, text: edited });
    await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'keep', target: 'intro' });
    // An editor's own line keeps its findings on show, but approval leaves it as written.
    const editorsWord = 'La doctora Marta Quiroga presenta el trabajo del laboratorio.';
    const esEdit = await api('PATCH', `/${id}/profiles/${spanish(list).id}`, { action: 'edit', target: 'intro', text: editorsWord });
    expect((esEdit.json() as ProfileReview).intro!.findings.map((f) => f.text).join(' ')).toContain('Marta Quiroga');
    const stillFlagged = (await profiles(id)).reduce((n, p) => n + p.flagged, 0);
    expect(stillFlagged).toBeGreaterThan(0);

    const [approve, again] = await Promise.all([api('POST', `/${id}/approve`), api('POST', `/${id}/approve`)]);
    expect([approve.statusCode, again.statusCode].sort()).toEqual([200, 409]);
    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', approvedBy: 'api', groundingReplaced: stillFlagged, counts: { sent: 3, failed: 0 } });
    expect(done.approvedAt).not.toBeNull();
    expect((await api('PATCH', `/${id}/profiles/${en.id}`, { action: 'keep', target: 'intro' })).statusCode).toBe(409);
    expect((await api('POST', `/${id}/profiles/${en.id}/regenerate`)).statusCode).toBe(409);

    await rig.waitQueuesIdle();
    const received = rig.smtp.messages;
    expect(received.map((m) => m.envelope.to[0]).sort()).toEqual(['ana@example.org', 'ben@example.org', 'cai@example.org']);
    for (const to of ['ben@example.org', 'cai@example.org']) {
      const mail = received.find((m) => m.envelope.to[0] === to)!;
      expect(mail.parsed.html).toContain(edited);
      expect(mail.parsed.text).toContain(edited);
      expect(mail.parsed.text).toContain(REVIEWED_EN);
      expect(mail.parsed.html).toContain(REVIEWED_EN);
      // The intro was kept on purpose: it goes out as it was.
      expect(mail.parsed.text).toContain(INVENTED.person);
    }
    const ana = received.find((m) => m.envelope.to[0] === 'ana@example.org')!;
    expect(ana.parsed.text).toContain(REVIEWED_ES);
    expect(ana.parsed.text).toContain(editorsWord);
    expect(ana.parsed.text).not.toContain(INVENTED.person);
    expect(ana.parsed.text).not.toContain(INVENTED.figure);
    expect(ana.parsed.html).not.toContain(INVENTED.person);

    const provenance = provenanceSchema.parse((await api('GET', `/${id}/provenance`)).json());
    expect(provenance).toMatchObject({ digestId: id, model: 'llama3', reviewRequired: true, approvedBy: 'api', groundingReplaced: stillFlagged });
    expect(provenance.modelDigest).toMatch(/^[0-9a-f]{64}$/);
    const es = provenance.profiles.find((p) => p.language === 'es')!;
    expect(es.promptVersion).toMatch(/^tailoring-/);
    expect(es.fallback).toBe(false);
    expect(es.rawAnswer).toContain(INVENTED.person);
    expect(es.items.map((i) => i.id).sort()).toEqual([ids.school, ids.jobs].sort());
    expect(es.items.every((i) => /^[0-9a-f]{64}$/.test(i.hash))).toBe(true);
    expect(es.findings.some((f) => f.text.includes(INVENTED.person) && f.replaced)).toBe(true);
    expect(es.events.map((e) => e.action)).toContain('replace-flagged');
    expect(es.events.at(-1)).toMatchObject({ action: 'approve', actor: 'api' });
    const stored = rig.t.ctx.db
      .select()
      .from(digestProfiles)
      .where(and(eq(digestProfiles.digestId, id), eq(digestProfiles.language, 'es')))
      .get()!;
    expect(stored.text!.intro).toMatchObject({ origin: 'editor', text: editorsWord });
    expect(stored.text!.items.map((i) => i.line.origin)).toEqual(['item', 'item']);
  });

  it('emails the console users when a scheduled digest is ready for review', async () => {
    rig.t.ctx.db.insert(users).values({ email: 'editor@example.org', role: 'editor', passwordHash: 'x', language: 'es' }).run();
    const { digest } = await triggerDigest(
      rig.t.ctx,
      { period: '2026-11', windowStart: new Date(WINDOW.windowStart), windowEnd: new Date(WINDOW.windowEnd) },
      { scheduled: true },
    );
    await rig.waitStatus(digest.id, 'review');
    const [notice] = await rig.smtp.waitFor(1);
    expect(notice!.envelope.to).toEqual(['editor@example.org']);
    expect(notice!.parsed.subject).toContain('listo para revisar');
    expect(notice!.parsed.text).toContain(`http://labdigest.test/admin/digests/${digest.id}`);
  });
});

describe('a model that invents, without review', () => {
  let rig: DigestRig;
  beforeEach(async () => {
    rig = await startDigestRig('review-off', { ollamaMode: 'invent' });
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', language: 'es', topics: ['education'] });
    seedSubscriber(db, { email: 'ben@example.org', name: 'Ben', language: 'en', topics: ['education'] });
  });
  afterEach(() => rig.close());

  it('sends no reader the invented figure or person, and counts the lines it replaced', async () => {
    const { id } = await rig.trigger({ period: '2026-11', ...WINDOW });
    const done = await rig.waitFinished(id);
    expect(done).toMatchObject({ status: 'sent', reviewRequired: false, approvedBy: null, counts: { sent: 2 } });
    expect(done.groundingReplaced).toBeGreaterThanOrEqual(4);
    expect(rig.smtp.messages).toHaveLength(2);
    for (const mail of rig.smtp.messages) {
      for (const word of [INVENTED.person, INVENTED.institution, INVENTED.figure]) {
        expect(mail.parsed.html).not.toContain(word);
        expect(mail.parsed.text).not.toContain(word);
      }
      expect(mail.parsed.text).not.toContain(REVIEWED_EN);
      expect(mail.parsed.text).toContain('School choice simulator');
    }
    // Provenance keeps what the checks found in the lines that were replaced.
    const provenance = (await rig.t.app.inject({ url: `/api/admin/digests/${id}/provenance`, headers: rig.t.admin })).json();
    const findings = provenance.profiles.flatMap((p: { findings: Array<{ text: string; replaced: boolean }> }) => p.findings);
    expect(findings.filter((f: { text: string; replaced: boolean }) => f.replaced && f.text.includes(INVENTED.person)).length).toBeGreaterThan(0);
  });
});
