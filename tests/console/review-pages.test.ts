import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/console/console-view.js';
import type { DigestPageData } from '../../src/console/pages/digest-page-data.js';
import { parseTargetName as parseTarget, targetName as targetKey } from '../../src/review/line-targets.js';
import { reviewListBody } from '../../src/console/pages/review-list-page.js';
import { profileReviewBody, profileTitle } from '../../src/console/pages/review-profile-page.js';
import { digestProfiles } from '../../src/db/schema.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import type { DigestStatus } from '../../src/domain/statuses.js';
import { en } from '../../src/i18n/en/index.js';
import type { ProfileReview, Provenance } from '../../src/review/review-schema.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedItem, seedSubscriber, seedTopics, waitUntil } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

const words = en.console.review;

function viewAs(role: 'admin' | 'editor', lang: 'en' | 'es' = 'en'): ConsoleView {
  return { user: { id: 1, email: `${role}@example.org`, name: null, role }, lang, csrfToken: 'token-123', path: '/admin/digests/7/profiles/3' };
}

function digest(status: DigestStatus): DigestPageData {
  const counts = {
    items: 2,
    planned: 12,
    skipped: 0,
    profiles: 1,
    profilesWithLlm: 1,
    profilesWithoutLlm: 0,
    llmCalls: 1,
    composedWithLlm: 1,
    composedWithoutLlm: 0,
    sent: 0,
    failed: 0,
    cancelled: 0,
    waiting: 12,
    hardBounces: 0,
    softBounces: 0,
    complaints: 0,
  };
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
    reviewRequired: true,
    approvedBy: null,
    approvedAt: null,
    groundingReplaced: 0,
    pausedReason: null,
    counts,
    review: { required: true, approvedBy: null, approvedAt: null, groundingReplaced: 0, pausedReason: null, modelDigest: 'sha256:abc' },
  };
}

function profile(): ProfileReview {
  return {
    id: 3,
    key: 'en|education',
    language: 'en',
    topics: [{ slug: 'education', label: 'Education' }],
    readerCount: 12,
    composedWith: 'llm',
    llmError: null,
    composedAt: '2026-11-01T09:01:00.000Z',
    flagged: 1,
    intro: { text: 'A month of <script>alert(1)</script> schools', origin: 'model', findings: [], kept: false },
    items: [
      {
        id: 11,
        kind: 'publication',
        title: 'School choice & segregation',
        url: 'https://lab.example.org/school-choice',
        authors: ['Ana Pérez', 'John Smith'],
        venue: 'Urban Studies',
        ownSummary: 'We study how school choice shapes segregation in Santiago.',
        summary: { text: 'We study how school choice shapes segregation in Santiago.', origin: 'item', findings: [], kept: false },
        line: {
          text: 'Cuts segregation by 42%, says Dr Smith.',
          origin: 'model',
          findings: [
            { kind: 'figure', text: '42%' },
            { kind: 'name', text: 'Dr Smith' },
          ],
          kept: false,
        },
      },
      {
        id: 12,
        kind: 'project',
        title: 'Open survey microdata',
        url: null,
        authors: [],
        venue: null,
        ownSummary: 'Survey microdata for everyone.',
        summary: { text: 'Survey microdata for everyone.', origin: 'item', findings: [], kept: false },
        line: { text: 'Used in 2025 by the ministry.', origin: 'editor', findings: [{ kind: 'figure', text: '2025' }], kept: true },
      },
    ],
  };
}

function provenance(): Provenance {
  return {
    digestId: 7,
    model: 'qwen2.5:3b',
    modelDigest: 'sha256:abc',
    reviewRequired: true,
    approvedBy: null,
    approvedAt: null,
    groundingReplaced: 0,
    profiles: [
      {
        id: 3,
        key: 'en|education',
        language: 'en',
        composedWith: 'llm',
        fallback: false,
        promptVersion: 'v3',
        items: [
          { id: 11, hash: 'h-11' },
          { id: 12, hash: 'h-12' },
        ],
        rawAnswer: '{"intro":"<img src=x onerror=alert(1)>"}',
        findings: [{ target: 'item:11:line', kind: 'figure', text: '42%', replaced: false }],
        events: [
          {
            action: 'edit',
            target: 'item:12:line',
            before: 'Used widely.',
            after: 'Used in 2025 by the ministry.',
            actor: 'eve@example.org',
            at: '2026-11-01T10:00:00.000Z',
          },
        ],
      },
    ],
  };
}

const forms = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>(.*?)<\/form>/gs)].map((m) => ({ action: m[1]!, body: m[2]! }));
const bodyOf = (role: 'admin' | 'editor', status: DigestStatus) => {
  const prov = provenance();
  return profileReviewBody(viewAs(role), digest(status), profile(), { digest: prov, profile: prov.profiles[0]! }, { subject: 'November <news>' }).value;
};

describe('review page bodies', () => {
  it('names lines the same way in forms and in provenance', () => {
    expect(targetKey('intro')).toBe('intro');
    expect(targetKey({ itemId: 11, field: 'line' })).toBe('item:11:line');
    expect(parseTarget('item:11:summary')).toEqual({ itemId: 11, field: 'summary' });
    expect(parseTarget('intro')).toBe('intro');
    for (const bad of ['item:x:line', 'item:1:title', 'intro ', '', 3, null]) expect(parseTarget(bad)).toBeNull();
  });

  it('shows what the model wrote as text, never as markup', () => {
    const body = bodyOf('editor', 'review');
    expect(body).toContain('A month of &lt;script&gt;alert(1)&lt;/script&gt; schools');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('School choice &amp; segregation');
    expect(body).toContain('<td>November &lt;news&gt;</td>');
  });

  it('names the words that failed, in text and not only in colour, and links them to the line', () => {
    const body = bodyOf('editor', 'review');
    expect(body).toContain(
      '<p class="flag" id="line-item-11-line-findings"><span aria-hidden="true">⚠ </span>Flagged: these words are not in what the model was given: “<span class="finding">42%</span>” (figure), “<span class="finding">Dr Smith</span>” (name)</p>',
    );
    expect(body).toContain('aria-describedby="line-item-11-line-findings line-item-11-line-hint"');
    expect(body).toContain('Kept on purpose, despite: “<span class="finding">2025</span>” (figure)');
  });

  it('gives each line one form (edit, keep when flagged, fallback) with its CSRF field and a label naming the line', () => {
    const lineForms = forms(bodyOf('editor', 'review')).filter((f) => f.action === '/admin/digests/7/profiles/3/change');
    expect(lineForms).toHaveLength(5);
    for (const f of lineForms) {
      expect(f.body).toContain('<input type="hidden" name="_csrf" value="token-123">');
      expect(f.body).toContain('name="action" value="edit"');
      expect(f.body).toContain('name="action" value="fallback"');
    }
    const withKeep = lineForms.filter((f) => f.body.includes('value="keep"'));
    expect(withKeep).toHaveLength(1);
    expect(withKeep[0]!.body).toContain('name="target" value="item:11:line"');
    expect(withKeep[0]!.body).toContain('<label for="line-item-11-line-text">Edit “Why it matters” of “School choice &amp; segregation”</label>');
    expect(lineForms[0]!.body).toContain('<label for="line-intro-text">Edit the intro</label>');
  });

  it('offers the profile actions, the email in a sandboxed frame, and the provenance', () => {
    const body = bodyOf('editor', 'review');
    const actions = forms(body).map((f) => f.action);
    expect(actions).toContain('/admin/digests/7/profiles/3/regenerate');
    expect(actions).toContain('/admin/digests/7/profiles/3/test-send');
    expect(body).toContain('<input type="email" id="test-send-to" name="to" value="editor@example.org"');
    expect(body).toContain(
      '<iframe class="email" sandbox title="The email of this profile, as its readers get it" src="/admin/digests/7/profiles/3/email"></iframe>',
    );
    expect(body).toContain('<details><summary>The model’s raw answer</summary>');
    expect(body).toContain('{&quot;intro&quot;:&quot;&lt;img src=x onerror=alert(1)&gt;&quot;}');
    expect(body).toContain('<code>h-11</code>');
    expect(body).toContain('<td>eve@example.org</td>');
    expect(body).toContain('<del>Used widely.</del> <ins>Used in 2025 by the ministry.</ins>');
  });

  it('lets admins approve, and tells editors why they cannot', () => {
    expect(forms(bodyOf('admin', 'review')).map((f) => f.action)).toContain('/admin/digests/7/approve');
    const editor = bodyOf('editor', 'review');
    expect(forms(editor).map((f) => f.action)).not.toContain('/admin/digests/7/approve');
    expect(editor).toContain(en.console.digests.actions.approveEditor);
  });

  it('shows the text without forms once the digest has left review', () => {
    const body = bodyOf('admin', 'sending');
    const actions = forms(body).map((f) => f.action);
    expect(actions).toEqual(['/admin/digests/7/profiles/3/test-send']);
    expect(body).toContain('This digest is not in review (it is sending)');
    expect(body).toContain('Cuts segregation by 42%, says Dr Smith.');
  });

  it('lists the profiles with language, topics, readers and flags, and the total flagged before approval', () => {
    const body = reviewListBody(viewAs('admin'), digest('review'), [profile(), { ...profile(), id: 4, language: 'es', topics: [], flagged: 2 }]).value;
    expect(body).toContain('<a href="/admin/digests/7/profiles/3">Open profile 3</a>');
    expect(body).toContain('<td lang="es">Español</td>');
    expect(body).toContain('<td>no topics</td>');
    expect(body).toContain('<td class="num">12</td>');
    expect(body).toContain('3 lines are still flagged: approving replaces each one with the item’s own text.');
    expect(forms(body).map((f) => f.action)).toEqual(['/admin/digests/7/approve']);
    expect(profileTitle(viewAs('admin'), profile())).toBe('Profile 3: English, Education');
  });
});

// The routes below call the review and control use cases; they pass once those are merged.
const TOPICS = { education: { en: 'Education', es: 'Educación' } };

describe('reviewing a digest in the console', () => {
  let rig: DigestRig;
  let id: number;
  let pid: number;
  beforeAll(async () => {
    rig = await startDigestRig('console-review', { env: { REVIEW_REQUIRED: 'true' } });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    seedItem(db, { title: 'Teacher survey', date: '2026-10-07', topics: ['education'] });
    for (let i = 0; i < 3; i++) seedSubscriber(db, { email: `r${i}@example.org`, topics: ['education'] });
    ({ id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' }));
    await waitUntil(() => getDigest(db, id).status === 'review', 20_000, 'the digest to wait for review');
    pid = db.select().from(digestProfiles).where(eq(digestProfiles.digestId, id)).get()!.id;
    // A flagged intro, as the grounding check leaves one, so there is something to keep.
    const row = db.select().from(digestProfiles).where(eq(digestProfiles.id, pid)).get()!;
    const text = row.text!;
    text.intro.findings = [{ kind: 'figure', text: '42%' }];
    db.update(digestProfiles).set({ text }).where(eq(digestProfiles.id, pid)).run();
  }, 30_000);
  afterAll(() => rig.close());

  it('lists the profiles and shows one with its email in a frame', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const list = await editor.get(`/admin/digests/${id}/review`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/digests/${id}/profiles/${pid}"`);
    const page = await editor.get(`/admin/digests/${id}/profiles/${pid}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`src="/admin/digests/${id}/profiles/${pid}/email"`);
    expect(page.body).toContain('name="action" value="keep"');
    const email = await editor.get(`/admin/digests/${id}/profiles/${pid}/email`);
    expect(email.statusCode).toBe(200);
    expect(email.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    expect(email.body).toContain('School choice simulator');
    // Filled for a stand-in reader: no reader's signed links reach the review frame.
    expect(email.body).toContain('http://labdigest.test/manage');
    expect(email.body).not.toMatch(/\/(preferences|unsubscribe)\/[A-Za-z0-9._-]{10,}/);
  });

  it('edits, keeps and falls back, each back on the profile with a notice', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const base = `/admin/digests/${id}/profiles/${pid}`;
    const kept = await editor.post(`${base}/change`, { action: 'keep', target: 'intro', text: '' });
    expect(kept.statusCode).toBe(303);
    expect(kept.headers.location).toBe(`${base}?done=kept#line-intro`);
    const row = () => rig.t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.id, pid)).get()!.text!;
    expect(row().intro.kept).toBe(true);

    const itemId = row().items[0]!.id;
    const edited = await editor.post(`${base}/change`, { action: 'edit', target: `item:${itemId}:line`, text: 'Worth a look for anyone who follows schools.' });
    expect(edited.headers.location).toBe(`${base}?done=edited#line-item-${itemId}-line`);
    expect(row().items[0]!.line).toMatchObject({ text: 'Worth a look for anyone who follows schools.', origin: 'editor' });
    const page = await editor.get(edited.headers.location as string);
    expect(page.body).toContain(words.notices.edited);

    const fallback = await editor.post(`${base}/change`, { action: 'fallback', target: `item:${itemId}:summary` });
    expect(fallback.headers.location).toBe(`${base}?done=fallback#line-item-${itemId}-summary`);
  });

  it('refuses a bad change on the page, keeping what was typed, and changes nothing', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const base = `/admin/digests/${id}/profiles/${pid}`;
    const before = rig.t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.id, pid)).get()!.text;
    const unknown = await editor.post(`${base}/change`, { action: 'edit', target: 'item:999999:line', text: 'x' });
    expect([400, 404, 409]).toContain(unknown.statusCode);
    const link = await editor.post(`${base}/change`, { action: 'edit', target: 'intro', text: 'Read it at https://evil.example.com now' });
    expect(link.statusCode).toBe(400);
    expect(link.body).toContain('role="alert"');
    expect(link.body).toContain('Read it at https://evil.example.com now</textarea>');
    const nonsense = await editor.post(`${base}/change`, { action: 'delete', target: 'intro' });
    expect(nonsense.statusCode).toBe(400);
    expect(rig.t.ctx.db.select().from(digestProfiles).where(eq(digestProfiles.id, pid)).get()!.text).toEqual(before);
  });

  it('sends a test of the profile to an address, and refuses a bad one', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const base = `/admin/digests/${id}/profiles/${pid}`;
    const bad = await editor.post(`${base}/test-send`, { to: 'not an address' });
    expect(bad.statusCode).toBe(400);
    const before = rig.smtp.messages.length;
    const sent = await editor.post(`${base}/test-send`, { to: 'checker@example.org' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${base}?done=test-sent`);
    await rig.smtp.waitFor(before + 1, 10_000);
    expect(rig.smtp.messages.at(-1)!.envelope.to).toEqual(['checker@example.org']);
  });

  it('asks the model again for a profile', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const calls = rig.ollama.calls('/api/chat').length;
    const res = await editor.post(`/admin/digests/${id}/profiles/${pid}/regenerate`);
    expect(res.statusCode).toBe(303);
    await waitUntil(() => rig.ollama.calls('/api/chat').length > calls, 10_000, 'the model to be asked again');
    await waitUntil(() => getDigest(rig.t.ctx.db, id).status === 'review', 10_000, 'the digest to stay in review');
  });

  it('lets an editor review but not approve; an admin approves and it goes out', async () => {
    const editor = await consoleSession(rig.t, 'editor');
    const refused = await editor.post(`/admin/digests/${id}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(getDigest(rig.t.ctx.db, id).status).toBe('review');

    const admin = await consoleSession(rig.t, 'admin');
    const approved = await admin.post(`/admin/digests/${id}/approve`, { back: 'review' });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/admin/digests/${id}?done=approved`);
    const done = await rig.waitFinished(id);
    expect(done.status).toBe('sent');
    const detail = await admin.get(`/admin/digests/${id}`);
    expect(detail.body).toContain(`Approved by ${admin.email}`);
    const twice = await admin.post(`/admin/digests/${id}/approve`, { back: 'review' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('role="alert"');
  }, 30_000);
});

describe('pausing, resuming and retrying in the console', () => {
  let rig: DigestRig;
  beforeAll(async () => {
    rig = await startDigestRig('console-controls', { env: { SEND_RATE_PER_SEC: '1', SMTP_POOL_SIZE: '1' } });
    const { db } = rig.t.ctx;
    seedTopics(db, TOPICS);
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'] });
    for (let i = 0; i < 6; i++) seedSubscriber(db, { email: `p${i}@example.org`, topics: ['education'] });
  });
  afterAll(() => rig.close());

  it('pauses a digest that is sending and resumes it; editors may not', async () => {
    const admin = await consoleSession(rig.t, 'admin');
    const editor = await consoleSession(rig.t, 'editor');
    const { id } = await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' });
    await waitUntil(() => getDigest(rig.t.ctx.db, id).status === 'sending', 10_000, 'sending');
    expect((await editor.post(`/admin/digests/${id}/pause`)).statusCode).toBe(403);
    const paused = await admin.post(`/admin/digests/${id}/pause`, { reason: 'Typo in the intro' });
    expect(paused.headers.location).toBe(`/admin/digests/${id}?done=paused`);
    expect(getDigest(rig.t.ctx.db, id)).toMatchObject({ status: 'paused', pausedReason: 'Typo in the intro' });
    const page = await admin.get(`/admin/digests/${id}`);
    expect(page.body).toContain('Typo in the intro');
    expect(page.body).toContain(`action="/admin/digests/${id}/resume"`);
    const again = await admin.post(`/admin/digests/${id}/pause`);
    expect(again.statusCode).toBe(409);
    const resumed = await admin.post(`/admin/digests/${id}/resume`);
    expect(resumed.headers.location).toBe(`/admin/digests/${id}?done=resumed`);
    expect((await rig.waitFinished(id, 30_000)).status).toBe('sent');
    const retry = await admin.post(`/admin/digests/${id}/retry`);
    expect(retry.statusCode).toBe(303);
  }, 60_000);
});
