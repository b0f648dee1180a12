import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, subscribers } from '../../src/db/schema.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import { importFromPath } from '../../src/import/import-sources.js';
import { getProfileReview } from '../../src/review/review-service.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { createConsoleUser, signInInBrowser } from '../helpers/console-browser.js';
import { waitUntil } from '../helpers/digest-fixtures.js';
import { INVENTED } from '../helpers/ollama-stand-in-answers.js';
import { LAB_SITE } from '../import/helpers.js';
import { EDITED_LINE, type Lab, look, profilesOf, READERS, REVIEWED, seedReaders, startLab, tabTo } from './console-review-lab.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const ADMIN = { email: 'head@lab.example.org', password: 'a long admin password' };
const WINDOW = { windowStart: '2026-09-01T00:00:00Z', windowEnd: '2026-12-01T00:00:00Z' };
const occurrences = (text: string, word: string) => text.split(word).length - 1;

/** A new tab of this browser, wide enough for the side-by-side review. */
async function tab(browser: Browser): Promise<Page> {
  const page = await browser.browser.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  return page;
}

/** Without scripts the digest's page does not refresh itself: press its Refresh link until the status shows. */
async function refreshUntil(page: Page, status: string): Promise<void> {
  await waitUntil(
    async () => {
      if (await page.locator(`#digest-figures .badge.status-${status}`).count()) return true;
      await page.getByRole('link', { name: 'Refresh the figures' }).click();
      return false;
    },
    30_000,
    `the digest page to show ${status}`,
  );
}

/** Waits until a regeneration asked for has arrived: the profile's intro no longer carries the invented person. */
async function regenerated(lab: Lab, digestId: number, profileId: number): Promise<void> {
  await waitUntil(() => !getProfileReview(lab.rig.t.ctx, digestId, profileId).intro?.text.includes(INVENTED.person), 20_000, 'the new text');
}

/**
 * What the readers received once the digest is sent: one email each; profile A's readers hold the edited
 * line and the intro kept on purpose (the only invented words left), every other flagged line was replaced
 * by the item's own text, and every footer says the lab reviewed it.
 */
async function expectSentAsReviewed(lab: Lab, digestId: number, ids: { a: number; c: number }): Promise<void> {
  await lab.rig.waitQueuesIdle();
  const readers = [...READERS.a, ...READERS.b, ...READERS.c];
  const received = lab.rig.smtp.messages.filter((m) => readers.includes(m.envelope.to[0] as never));
  expect(received.map((m) => m.envelope.to[0]).sort()).toEqual([...readers].sort());
  for (const to of READERS.a) {
    const mail = received.find((m) => m.envelope.to[0] === to)!.parsed;
    expect(mail.text).toContain(EDITED_LINE);
    expect(mail.html).toContain(EDITED_LINE);
    // The intro was kept on purpose: its invented words went out, once; the other items' invented lines did not.
    expect(occurrences(mail.text, INVENTED.person)).toBe(1);
    expect(mail.text).toContain(REVIEWED.en);
    expect(mail.html).toContain(REVIEWED.en);
  }
  for (const to of [...READERS.b, ...READERS.c]) {
    const mail = received.find((m) => m.envelope.to[0] === to)!.parsed;
    for (const word of [INVENTED.person, INVENTED.institution, INVENTED.figure]) expect(mail.text, to).not.toContain(word);
    expect(mail.text).toContain(REVIEWED.es);
  }
  const a = getProfileReview(lab.rig.t.ctx, digestId, ids.a);
  expect(a.intro).toMatchObject({ origin: 'model', kept: true });
  expect(a.items.filter((i) => i.line.origin === 'editor').map((i) => i.line.text)).toEqual([EDITED_LINE]);
  // Nobody touched profile C: each flagged line was replaced by the item's own text (the intro by the fixed one).
  const c = getProfileReview(lab.rig.t.ctx, digestId, ids.c);
  expect(c.intro?.origin).toBe('fallback');
  expect(c.intro?.replacedFindings?.length).toBeGreaterThan(0);
  expect(c.items.length).toBeGreaterThan(0);
  const diego = received.find((m) => m.envelope.to[0] === READERS.c[0])!.parsed;
  for (const item of c.items) {
    expect(item.line).toMatchObject({ origin: 'item', text: '' });
    expect(diego.text).toContain(item.title);
  }
  expect(getDigest(lab.rig.t.ctx.db, digestId).groundingReplacedCount).toBeGreaterThan(0);
}

describe('a new lab reviews and sends its first digest in Chromium', () => {
  let scripted: Browser;
  let plain: Browser;
  let lab: Lab | undefined;

  // Fresh browsers for each test, closed before the lab: the server then has no open connection left to wait for.
  beforeEach(async () => {
    scripted = await launchBrowser({ javaScriptEnabled: true });
    plain = await launchBrowser({ javaScriptEnabled: false });
  });
  afterEach(async () => {
    await scripted?.close();
    await plain?.close();
    await lab?.close();
    lab = undefined;
  }, 30_000);

  it('sets up, imports by upload, creates a digest and reviews it without scripts; the key pages pass axe-core with scripts on', async () => {
    lab = await startLab('browser-review-flow');
    const { base, rig } = lab;
    const { db } = rig.t.ctx;

    // A fresh install: the first admin, with ADMIN_TOKEN (scripts on).
    const page = await tab(scripted);
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await page.getByRole('link', { name: 'Set up the first admin' }).click();
    await look(page, '01-setup', page);
    await page.locator('#adminToken').fill(rig.t.config.ADMIN_TOKEN);
    await page.locator('#email').fill(ADMIN.email);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('#repeat').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await page.getByText(`Signed in as ${ADMIN.email} (admin)`).waitFor();
    await look(page, '02-dashboard-empty', page);

    // The lab's site, uploaded as a folder through the import form.
    await page.goto(`${base}/admin/content/imports`);
    await look(page, '03-imports', page);
    await page.locator('#folder').setInputFiles(LAB_SITE);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.waitForURL(/\/admin\/content\/imports\/[A-Za-z0-9_-]{16}/);
    expect(await page.locator('main').textContent()).toContain('Files read: 14.');
    await look(page, '04-import-summary', page);
    const cli = await importFromPath(db, rig.t.config, LAB_SITE);
    expect(cli.added).toBe(0);
    expect(cli.unchanged).toBe(12);

    seedReaders(lab);

    // A digest for November, over a window that holds the site's autumn items.
    await page.goto(`${base}/admin/digests`);
    await look(page, '05-digests', page);
    await page.locator('#period').fill('2026-11');
    await page.locator('#windowStart').fill('2026-09-01');
    await page.locator('#windowEnd').fill('2026-11-30');
    await page.getByRole('button', { name: 'Create digest' }).click();
    await page.waitForURL(/\/admin\/digests\/\d+\?done=created/);
    const id = Number(/\/admin\/digests\/(\d+)/.exec(page.url())![1]);
    await saveScreenshot(page, 'console-review-06-digest-composing');
    // The live figures reach `review` by themselves (console.js), and nothing was sent.
    await page.locator('#digest-figures .badge.status-review').waitFor({ timeout: 30_000 });
    // Once the figures settle the page reloads itself, so the approval and the review state show without a click.
    await page.getByRole('button', { name: 'Approve and send' }).waitFor();
    expect(page.url()).toBe(`${base}/admin/digests/${id}`);
    expect(await page.getByRole('link', { name: 'Refresh the figures' }).count()).toBe(0);
    await look(page, '07-digest-in-review', page);
    expect(rig.smtp.messages).toHaveLength(0);
    const profiles = profilesOf(lab, id);
    expect(profiles.a.readerCount).toBe(2);
    expect(profiles.a.flagged).toBeGreaterThan(1);
    await page.getByRole('link', { name: 'Review the profiles' }).click();
    await look(page, '08-review-list', page);
    await page.getByRole('link', { name: `Open profile ${profiles.a.id}` }).click();
    await page.locator('iframe.email').waitFor();
    await look(page, '09-profile-flagged', page);

    // The review itself, without scripts; each page is checked by axe-core in the scripted tab.
    const noJs = await tab(plain);
    await signInInBrowser(noJs, base, ADMIN, `/admin/digests/${id}`);
    await noJs.getByRole('link', { name: 'Review the profiles' }).click();
    await noJs.getByRole('link', { name: `Open profile ${profiles.b.id}` }).click();
    rig.ollama.mode = 'good';
    await noJs.getByRole('button', { name: 'Ask the model again' }).click();
    await noJs.getByRole('status').filter({ hasText: 'writing this profile again' }).waitFor();
    await regenerated(lab, id, profiles.b.id);
    await noJs.reload();
    expect(await noJs.locator('#line-intro-text').inputValue()).not.toContain(INVENTED.person);
    await look(noJs, '10-profile-regenerated', page);

    await noJs.goto(`${base}/admin/digests/${id}/profiles/${profiles.a.id}`);
    const line = noJs.locator('.line[id$="-line"]').first();
    await line.locator('textarea').fill(EDITED_LINE);
    await line.locator('button[value=edit]').click();
    // On a loaded machine the answer can take a while; if it never comes, say what the page shows instead.
    await noJs
      .getByRole('status')
      .filter({ hasText: 'The line is saved' })
      .waitFor({ timeout: 60_000 })
      .catch(async (err: Error) => {
        const shown = await noJs
          .locator('main')
          .textContent()
          .then((text) => text ?? '')
          .catch(() => '(no page)');
        throw new Error(`${err.message}\nAt ${noJs.url()} the page shows: ${shown.slice(0, 1500)}`);
      });
    await look(noJs, '11-profile-edited', page);
    await noJs.locator('#line-intro button[value=keep]').click();
    await noJs.locator('#line-intro').getByText('Kept on purpose').waitFor();
    await look(noJs, '12-profile-kept', page);

    await noJs.locator('#test-send-to').fill('proofs@lab.example.org');
    await noJs.getByRole('button', { name: 'Send a test' }).click();
    const [proof] = await rig.smtp.waitFor(1);
    expect(proof!.envelope.to).toEqual(['proofs@lab.example.org']);
    expect(proof!.parsed.subject).toMatch(/^\[Test\] /);
    expect(proof!.parsed.text).toContain(EDITED_LINE);
    expect(db.select().from(deliveries).where(eq(deliveries.status, 'sent')).all()).toHaveLength(0);
    expect(getDigest(db, id).status).toBe('review');
    await look(noJs, '13-profile-test-sent', page);

    await noJs.getByRole('link', { name: 'Back to all profiles' }).click();
    await look(noJs, '14-review-list-before-approval', page);
    await noJs.getByRole('button', { name: 'Approve and send' }).click();
    await noJs.waitForURL(/\/admin\/digests\/\d+\?done=approved/);
    await refreshUntil(noJs, 'sent');
    expect(await noJs.locator('main').textContent()).toContain(`Approved by ${ADMIN.email}`);
    await look(noJs, '15-digest-sent', page);

    await expectSentAsReviewed(lab, id, { a: profiles.a.id, c: profiles.c.id });
    expect(lab.rig.smtp.messages.filter((m) => m.parsed.subject.startsWith('[Test]'))).toHaveLength(1);
    await page.close();
    await noJs.close();
  }, 120_000);

  /** A lab whose site is imported and whose digest waits in review (set up directly: these tests are about the review). */
  async function labInReview(label: string): Promise<{ lab: Lab; id: number }> {
    const started = await startLab(label);
    await importFromPath(started.rig.t.ctx.db, started.rig.t.config, LAB_SITE);
    seedReaders(started);
    const { id } = await started.rig.trigger({ period: '2026-11', ...WINDOW });
    await started.rig.waitStatus(id, 'review', 30_000);
    return { lab: started, id };
  }

  it('does the whole review with the keyboard alone, up to approval', async () => {
    const ready = await labInReview('browser-review-keys');
    lab = ready.lab;
    const { id } = ready;
    const { base, rig } = lab;
    await createConsoleUser(rig.t.ctx.db, { email: ADMIN.email, role: 'admin', password: ADMIN.password });
    const profiles = profilesOf(lab, id);
    const page = await tab(scripted);
    const typeInto = async (selector: string, text: string) => {
      await tabTo(page, selector);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text);
    };

    await page.goto(`${base}/admin/sign-in?next=${encodeURIComponent(`/admin/digests/${id}`)}`);
    await typeInto('#email', ADMIN.email);
    await typeInto('#password', ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/digests/${id}`);

    await tabTo(page, `a[href="/admin/digests/${id}/review"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/digests/${id}/review`);
    await tabTo(page, `a[href="/admin/digests/${id}/profiles/${profiles.b.id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/digests/${id}/profiles/${profiles.b.id}`);
    rig.ollama.mode = 'good';
    await tabTo(page, `form[action$="/regenerate"] button`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=regenerated/);
    await regenerated(lab, id, profiles.b.id);

    // Back to the list with Shift+Tab (its link is at the top), then profile A.
    await tabTo(page, `a[href="/admin/digests/${id}/review"]`, { back: true });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/digests/${id}/review`);
    await tabTo(page, `a[href="/admin/digests/${id}/profiles/${profiles.a.id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/digests/${id}/profiles/${profiles.a.id}`);
    const lineId = await page.locator('.line[id$="-line"]').first().getAttribute('id');
    await typeInto(`#${lineId}-text`, EDITED_LINE);
    await tabTo(page, `#${lineId} button[value=edit]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=edited/);
    await tabTo(page, '#line-intro button[value=keep]');
    await page.keyboard.press('Space');
    await page.waitForURL(/done=kept/);
    await typeInto('#test-send-to', 'proofs@lab.example.org');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=test-sent/);
    const [proof] = await rig.smtp.waitFor(1);
    expect(proof!.parsed.subject).toMatch(/^\[Test\] /);
    await saveScreenshot(page, 'console-review-keyboard-before-approval');
    await tabTo(page, `form[action="/admin/digests/${id}/approve"] button`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=approved/);
    // Scripts on: the figures follow the sending by themselves.
    await page.locator('#digest-figures .badge.status-sent').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'console-review-keyboard-sent');
    await expectSentAsReviewed(lab, id, { a: profiles.a.id, c: profiles.c.id });
    await page.close();
  }, 90_000);

  // One retry (a new lab): on 1 December 2026 the editor's first edit, run after the two tests above,
  // intermittently never came back as a page (3 of about 20 runs, none in the 12 runs after); the cause is
  // not found yet (see the stop-15 note). Every assertion still has to pass on the run that counts.
  it('lets an editor review and edit, but not approve, erase a reader or manage users', { timeout: 60_000, retry: 1 }, async () => {
    const ready = await labInReview('browser-review-editor');
    lab = ready.lab;
    const { id } = ready;
    const { base, rig } = lab;
    const { db } = rig.t.ctx;
    const editor = await createConsoleUser(db, { email: 'editor@lab.example.org', role: 'editor' });
    const profiles = profilesOf(lab, id);
    const page = await tab(plain);
    await signInInBrowser(page, base, editor, `/admin/digests/${id}/review`);
    expect(await page.getByRole('button', { name: 'Approve and send' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Only an admin can approve a digest.');
    await look(page, 'editor-review-list');
    await page.getByRole('link', { name: `Open profile ${profiles.c.id}` }).click();
    const line = page.locator('.line[id$="-line"]').first();
    await line.locator('textarea').fill(EDITED_LINE);
    // Without scripts the form posts and the answer is a new page: wait for it, then for its message.
    await Promise.all([page.waitForURL(/[?&]done=edited/), line.locator('button[value=edit]').click()]);
    await page.getByRole('status').filter({ hasText: 'The line is saved' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve and send' }).count()).toBe(0);
    await look(page, 'editor-profile-edited');
    expect(getProfileReview(rig.t.ctx, id, profiles.c.id).items.some((i) => i.line.text === EDITED_LINE)).toBe(true);

    // The forms are not there; posting anyway, with the editor's own session and CSRF token, is refused.
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const approve = await page.request.post(`${base}/admin/digests/${id}/approve`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(approve.status()).toBe(403);
    expect(getDigest(db, id).status).toBe('review');
    const reader = db.select().from(subscribers).where(eq(subscribers.email, READERS.c[0])).get()!;
    const erase = await page.request.post(`${base}/admin/subscribers/${reader.id}/erase`, { form: { _csrf: csrf, confirm: 'yes' }, maxRedirects: 0 });
    expect(erase.status()).toBe(403);
    expect(db.select().from(subscribers).where(eq(subscribers.id, reader.id)).get()?.email).toBe(READERS.c[0]);
    const users = await page.goto(`${base}/admin/users`);
    expect(users?.status()).toBe(403);
    await look(page, 'editor-users-refused');
    await page.close();
  });
});
