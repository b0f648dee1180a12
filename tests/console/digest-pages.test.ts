import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/console/console-view.js';
import { readCreateForm } from '../../src/console/pages/digest-create-form.js';
import { digestCancelBody, digestDetailBody } from '../../src/console/pages/digest-detail-page.js';
import { digestListBody, emptyCreateForm } from '../../src/console/pages/digest-list-page.js';
import type { DigestPageData } from '../../src/console/pages/digest-page-data.js';
import { actionsForStatus, allowedActions } from '../../src/console/pages/digest-parts.js';
import { digestProgressFragment } from '../../src/console/pages/digest-progress.js';
import { getDigest, listDigests } from '../../src/digests/digest-repository.js';
import type { DigestStatus } from '../../src/domain/statuses.js';
import { en } from '../../src/i18n/en/index.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

const words = en.console.digests;

function viewAs(role: 'admin' | 'editor', lang: 'en' | 'es' = 'en'): ConsoleView {
  return { user: { id: 1, email: `${role}@example.org`, name: null, role }, lang, csrfToken: 'token-123', path: '/admin/digests/7' };
}

function sample(status: DigestStatus, counts: Partial<DigestPageData['counts']> = {}): DigestPageData {
  return {
    id: 7,
    period: '2026-11',
    status,
    dryRun: false,
    windowStart: '2026-10-01T00:00:00.000Z',
    windowEnd: '2026-11-01T00:00:00.000Z',
    model: 'qwen2.5:3b',
    error: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    reviewRequired: false,
    approvedBy: null,
    approvedAt: null,
    groundingReplaced: 0,
    pausedReason: null,
    counts: {
      items: 4,
      planned: 10,
      skipped: 0,
      profiles: 2,
      profilesWithLlm: 1,
      profilesWithoutLlm: 0,
      llmCalls: 2,
      composedWithLlm: 1,
      composedWithoutLlm: 0,
      sent: 3,
      failed: 0,
      cancelled: 0,
      waiting: 7,
      hardBounces: 0,
      softBounces: 0,
      complaints: 0,
      ...counts,
    },
    review: { required: true, approvedBy: null, approvedAt: null, groundingReplaced: 0, pausedReason: null, modelDigest: null },
  };
}

const noDeliveries = { deliveries: [], total: 0, page: 1, limit: 50 };
const forms = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>(.*?)<\/form>/gs)].map((m) => ({ action: m[1]!, body: m[2]! }));

describe('digest page bodies', () => {
  it('offers each action only in the statuses that allow it', () => {
    expect(actionsForStatus(sample('review'))).toEqual(['approve', 'cancel']);
    expect(actionsForStatus(sample('sending'))).toEqual(['pause', 'cancel']);
    expect(actionsForStatus(sample('sending', { failed: 2 }))).toEqual(['pause', 'retry', 'cancel']);
    expect(actionsForStatus(sample('paused'))).toEqual(['resume', 'cancel']);
    expect(actionsForStatus(sample('sent', { failed: 1 }))).toEqual(['retry']);
    expect(actionsForStatus(sample('sent'))).toEqual([]);
    expect(actionsForStatus(sample('cancelled'))).toEqual([]);
    expect(actionsForStatus(sample('planned'))).toEqual(['cancel']);
  });

  it('gives editors none of the admin actions, and says why', () => {
    expect(allowedActions(sample('sending', { failed: 2 }), viewAs('editor').user)).toEqual([]);
    const body = digestDetailBody(viewAs('editor'), sample('sending', { failed: 2 }), noDeliveries).value;
    expect(forms(body).map((f) => f.action)).toEqual([]);
    expect(body).toContain(words.detail.adminOnly);
    const review = digestDetailBody(viewAs('editor'), sample('review'), noDeliveries).value;
    expect(review).toContain(words.actions.approveEditor);
    expect(forms(review)).toEqual([]);
  });

  it('shows an admin the forms of the current status, each with its CSRF field', () => {
    const sending = forms(digestDetailBody(viewAs('admin'), sample('sending', { failed: 2 }), noDeliveries).value);
    expect(sending.map((f) => f.action)).toEqual(['/admin/digests/7/pause', '/admin/digests/7/retry']);
    for (const f of sending) expect(f.body).toContain('<input type="hidden" name="_csrf" value="token-123">');
    const review = digestDetailBody(viewAs('admin'), sample('review'), noDeliveries).value;
    expect(forms(review).map((f) => f.action)).toEqual(['/admin/digests/7/approve']);
    expect(review).toContain('href="/admin/digests/7/cancel"');
    expect(forms(digestDetailBody(viewAs('admin'), sample('paused'), noDeliveries).value).map((f) => f.action)).toEqual(['/admin/digests/7/resume']);
  });

  it('asks before cancelling, with a form that carries the CSRF field', () => {
    const body = digestCancelBody(viewAs('admin'), sample('sending')).value;
    expect(forms(body)).toEqual([{ action: '/admin/digests/7/cancel', body: expect.stringContaining('name="_csrf" value="token-123"') }]);
    expect(body).toContain('(7)');
    expect(body).toContain('href="/admin/digests/7"');
  });

  it('shows progress with its words and marks the figures final once nothing moves', () => {
    const sending = digestProgressFragment(viewAs('admin'), sample('sending')).value;
    expect(sending).toContain('<progress id="digest-progress" max="10" value="3"');
    expect(sending).toContain('3 of 10 emails sent');
    expect(sending).not.toContain('data-final');
    const composing = digestProgressFragment(viewAs('admin'), sample('composing')).value;
    expect(composing).toContain('1 of 10 emails composed');
    for (const status of ['sent', 'cancelled', 'failed', 'review'] as const) {
      expect(digestProgressFragment(viewAs('admin'), sample(status)).value, status).toContain('data-final');
    }
    const page = digestDetailBody(viewAs('admin'), sample('sending'), noDeliveries).value;
    expect(page).toContain('data-refresh-url="/admin/digests/7/progress"');
    expect(page).toContain('href="/admin/digests/7">Refresh the figures</a>');
    expect(digestDetailBody(viewAs('admin'), sample('sent'), noDeliveries).value).not.toContain('data-refresh-url');
  });

  it('shows who approved the digest, and escapes what it shows', () => {
    const d = sample('sending');
    d.review.approvedBy = '<b>boss</b>@example.org';
    d.review.approvedAt = '2026-11-02T10:30:00.000Z';
    d.error = '<script>alert(1)</script>';
    const body = digestDetailBody(viewAs('admin'), d, noDeliveries).value;
    expect(body).toContain('Approved by &lt;b&gt;boss&lt;/b&gt;@example.org on <time datetime="2026-11-02T10:30:00.000Z">2026-11-02 10:30 UTC</time>.');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
  });

  it('links each delivered reader to their email, and pages the deliveries by status', () => {
    const delivery = {
      id: 1,
      subscriberId: 42,
      email: 'ana@example.org',
      status: 'sent' as const,
      composedWith: 'llm' as const,
      subject: 'November',
      messageId: '<m@x>',
      attempts: 1,
      error: null,
      itemIds: [1],
      sentAt: '2026-11-02T10:00:00.000Z',
    };
    const page = { deliveries: [delivery], total: 120, page: 2, limit: 50, status: 'sent' as const };
    const body = digestDetailBody(viewAs('admin'), sample('sent'), page).value;
    expect(body).toContain('href="/admin/digests/7/preview?subscriber=42"');
    // An editor sees neither the address nor the email (it carries the reader's signed links).
    const forEditor = digestDetailBody(viewAs('editor'), sample('sent'), page).value;
    expect(forEditor).not.toContain('ana@example.org');
    expect(forEditor).not.toContain('/preview?subscriber=');
    expect(forEditor).toContain('a…@example.org');
    expect(body).toContain('Deliveries 51–100 of 120');
    expect(body).toContain('href="/admin/digests/7?status=sent#deliveries" rel="prev"');
    expect(body).toContain('href="/admin/digests/7?status=sent&amp;page=3#deliveries" rel="next"');
    expect(body).toContain('<option value="sent" selected>');
  });

  it('lists digests and the create form, for this month, in Spanish too', () => {
    const es = digestListBody(viewAs('admin', 'es'), [sample('sent')], emptyCreateForm('2026-12')).value;
    expect(es).toContain('<a href="/admin/digests/7">Noviembre 2026</a>');
    expect(es).toContain('enviado');
    expect(es).toContain('<input type="month" id="period" name="period" value="2026-12"');
    expect(forms(es)[0]!.body).toContain('name="_csrf"');
  });

  it('reads the create form: a month, a window of whole days, dry run; refuses what is not', () => {
    const now = new Date('2026-12-15T12:00:00Z');
    const ok = readCreateForm({ period: '2026-11', windowStart: '2026-10-01', windowEnd: '2026-10-31', dryRun: 'on' }, words.create, now);
    expect(ok.request).toEqual({
      period: '2026-11',
      windowStart: new Date('2026-10-01T00:00:00.000Z'),
      windowEnd: new Date('2026-10-31T23:59:59.999Z'),
      dryRun: true,
    });
    expect(readCreateForm({}, words.create, now).request).toEqual({ period: '2026-12', windowStart: undefined, windowEnd: undefined, dryRun: false });
    const bad = readCreateForm({ period: '2026-13', windowStart: '2026-02-30', windowEnd: 'soon' }, words.create, now);
    expect(bad.request).toBeNull();
    expect(bad.form.errors).toEqual({ period: words.create.invalidPeriod, windowStart: words.create.invalidDate, windowEnd: words.create.invalidDate });
    const backwards = readCreateForm({ windowStart: '2026-10-31', windowEnd: '2026-10-01' }, words.create, now);
    expect(backwards.form.errors).toEqual({ windowEnd: words.create.windowOrder });
    const html = digestListBody(viewAs('admin'), [], bad.form).value;
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="period-hint period-error"');
  });
});

const TOPICS = { education: { en: 'Education', es: 'Educación' } };
const WINDOW = { windowStart: '2026-10-01', windowEnd: '2026-10-31' };

describe('digest pages of a digest that waits (no workers)', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('console-digests-idle', { workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (let i = 0; i < 3; i++) seedSubscriber(db, { email: `r${i}@example.org`, topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('creates a digest from the form and shows it, then cancels it after asking', async () => {
    const admin = await consoleSession(rig.t, 'admin');
    const list = await admin.get('/admin/digests');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(words.list.empty);

    const created = await admin.post('/admin/digests', { period: '2026-11', ...WINDOW });
    expect(created.statusCode).toBe(303);
    const [digest] = listDigests(rig.t.ctx.db);
    expect(created.headers.location).toBe(`/admin/digests/${digest!.id}?done=created`);
    expect(digest).toMatchObject({ period: '2026-11', dryRun: false, plannedCount: 3 });

    const detail = await admin.get(created.headers.location as string);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(detail.body).toContain(words.notices.created);
    expect(detail.body).toContain('<h1>Digest November 2026</h1>');
    expect(detail.body).toContain(`data-refresh-url="/admin/digests/${digest!.id}/progress"`);
    expect(detail.body).toContain('r0@example.org');

    const again = await admin.post('/admin/digests', { period: '2026-11', ...WINDOW });
    expect(again.headers.location).toBe(`/admin/digests/${digest!.id}?done=existing`);

    const progress = await admin.get(`/admin/digests/${digest!.id}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.body).not.toContain('<html');
    expect(progress.body).toContain(`${words.detail.counts.planned}</th><td class="num">3</td>`);
    expect(progress.body).not.toContain('data-final');

    const listed = await admin.get('/admin/digests?lang=es');
    expect(listed.body).toContain(`<a href="/admin/digests/${digest!.id}">Noviembre 2026</a>`);
    // ?lang= is the user's choice from then on (the console remembers it): back to English.
    expect((await admin.get('/admin/digests?lang=en')).body).toContain('<html lang="en">');

    const ask = await admin.get(`/admin/digests/${digest!.id}/cancel`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain(`action="/admin/digests/${digest!.id}/cancel"`);
    expect(ask.body).toContain('name="_csrf"');
    expect(['planned', 'composing']).toContain(getDigest(rig.t.ctx.db, digest!.id).status);

    const cancelled = await admin.post(`/admin/digests/${digest!.id}/cancel`);
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/admin/digests/${digest!.id}?done=cancelled`);
    expect(getDigest(rig.t.ctx.db, digest!.id).status).toBe('cancelled');
    const after = await admin.get(cancelled.headers.location as string);
    expect(after.body).toContain(words.notices.cancelled);
    expect((await admin.get(`/admin/digests/${digest!.id}/progress`)).body).toContain('data-final');

    // Twice is refused on the page itself, with the reason, and nothing changes.
    const twice = await admin.post(`/admin/digests/${digest!.id}/cancel`);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('role="alert"');
    expect(twice.body).toContain('only a digest in progress can be cancelled');
    const ask2 = await admin.get(`/admin/digests/${digest!.id}/cancel`);
    expect(ask2.statusCode).toBe(303);
  });

  it('refuses a bad create form with its errors and creates nothing', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const before = listDigests(rig.t.ctx.db).length;
    const res = await editor.post('/admin/digests?lang=es', { period: '11/2026', windowStart: '2026-10-40', dryRun: 'on' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Indique el periodo como un mes, por ejemplo 2026-11.');
    expect(res.body).toContain('value="11/2026"');
    expect(res.body).toContain('name="dryRun" value="on" aria-describedby="dry-run-hint" checked');
    expect(listDigests(rig.t.ctx.db)).toHaveLength(before);
  });

  it("lets only admins create a real digest when review is off (it would go straight out); a dry run is anyone's", async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const before = listDigests(rig.t.ctx.db).length;
    const real = await editor.post('/admin/digests', { period: '2026-09' });
    expect(real.statusCode).toBe(403);
    expect(listDigests(rig.t.ctx.db)).toHaveLength(before);
    const dry = await editor.post('/admin/digests', { period: '2026-09', dryRun: 'on' });
    expect(dry.statusCode).toBe(303);
    expect(listDigests(rig.t.ctx.db)).toHaveLength(before + 1);
  });

  it('answers 404 for a digest that does not exist, and 400 for an id that is not one', async () => {
    const admin = await consoleSession(rig.t, 'admin');
    expect((await admin.get('/admin/digests/99999')).statusCode).toBe(404);
    expect((await admin.get('/admin/digests/abc')).statusCode).toBe(400);
    expect((await admin.get('/admin/digests/99999/progress')).statusCode).toBe(404);
  });
});

describe('a sent digest in the console', () => {
  let rig: DigestRig;
  let reader: number;
  beforeAll(async () => {
    rig = await startDigestRig('console-digests-sent');
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    reader = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', topics: ['education'] });
    seedSubscriber(db, { email: 'ben@example.org', language: 'es', topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('previews a reader’s email exactly as sent, in a sandboxed frame with its own CSP; editors may not', async () => {
    const admin = await consoleSession(rig.t, 'admin');
    const editor = await consoleSession(rig.t, 'editor');
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');

    const detail = await admin.get(`/admin/digests/${id}?status=sent`);
    expect(detail.body).toContain(`href="/admin/digests/${id}/preview?subscriber=${reader}"`);
    expect(detail.body).not.toContain('data-refresh-url');
    expect(detail.body).toContain('data-final');

    expect((await editor.get(`/admin/digests/${id}/preview?subscriber=${reader}`)).statusCode).toBe(403);
    expect((await editor.get(`/admin/digests/${id}/preview/email?subscriber=${reader}`)).statusCode).toBe(403);
    const page = await admin.get(`/admin/digests/${id}/preview?subscriber=${reader}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Email to ana@example.org</h1>');
    expect(page.body).toContain(
      `<iframe class="email" sandbox title="The email as the reader gets it" src="/admin/digests/${id}/preview/email?subscriber=${reader}"></iframe>`,
    );
    expect(page.body).toContain(`href="/admin/digests/${id}/preview/email?subscriber=${reader}&amp;format=text"`);

    const sent = rig.smtp.messages.find((m) => m.envelope.to[0] === 'ana@example.org')!;
    const raw = await admin.get(`/admin/digests/${id}/preview/email?subscriber=${reader}`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    expect(raw.headers['content-type']).toBe('text/html; charset=utf-8');
    // The SMTP parser keeps the line end that closes the message body.
    expect(sent.parsed.html.trimEnd()).toBe(raw.body.trimEnd());
    const text = await admin.get(`/admin/digests/${id}/preview/email?subscriber=${reader}&format=text`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toContain('School choice simulator');

    expect((await admin.get(`/admin/digests/${id}/preview?subscriber=99999`)).statusCode).toBe(404);
    expect((await admin.get(`/admin/digests/${id}/preview`)).statusCode).toBe(400);
  }, 30_000);
});
