import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDigest } from '../../src/digests/digest-repository.js';
import { isLiveDigest } from '../../src/digests/digest-statuses.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { createLogger } from '../../src/logger.js';
import { startWorkers } from '../../workers/start.js';
import { freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';

/**
 * axe-core's WCAG A/AA rules and best practices on the console page, without going into the email's
 * sandboxed frame: scripts cannot run there (that is the point), and the emails have their own checks.
 */
async function consoleViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .exclude('iframe.email')
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** What one visit found: the screenshot's name and what axe-core objected to. */
export interface VisitedPage {
  name: string;
  violations: string[];
}

/**
 * Visits the console's digest pages with a signed-in page (list, a digest's detail, the cancel step of a
 * live one, a reader's preview), in one language; screenshots each and, on a page with scripts on (axe-core
 * runs in the page), checks accessibility. Takes the Page so the same visit works after any sign-in.
 */
export async function visitDigestPages(
  page: Page,
  base: string,
  opts: { lang: Language; sentDigest: number; liveDigest: number; subscriber: number; emailText: string; axe: boolean; suffix?: string },
): Promise<VisitedPage[]> {
  const { lang } = opts;
  const visited: VisitedPage[] = [];
  const look = async (name: string, path: string) => {
    const res = await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    expect(res?.status(), name).toBe(200);
    expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), name).toBeTruthy();
    await saveScreenshot(page, `console-${name}-${lang}${opts.suffix ?? ''}`);
    visited.push({ name, violations: opts.axe ? await consoleViolations(page) : [] });
  };
  await look('digests', '/admin/digests');
  await look('digest-sent', `/admin/digests/${opts.sentDigest}`);
  await look('digest-live', `/admin/digests/${opts.liveDigest}`);
  await look('digest-cancel', `/admin/digests/${opts.liveDigest}/cancel`);
  await look('digest-preview', `/admin/digests/${opts.sentDigest}/preview?subscriber=${opts.subscriber}`);
  // The sandboxed frame really shows the email (framing allowed, its CSP lets its inline styles apply).
  const frame = page.frames().find((f) => f.url().includes('/preview/email'));
  expect(frame, 'the email frame').toBeDefined();
  const emailHtml = await frame!.content();
  expect(emailHtml).toContain(opts.emailText);
  return visited;
}

describe('the console’s digest pages in a real browser, without JavaScript', () => {
  let rig: DigestRig;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let scripted: Awaited<ReturnType<typeof launchBrowser>>;
  let sentDigest: number;
  let liveDigest: number;
  let subscriber: number;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rig = await startDigestRig('browser-console-digests', { env: { PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '1000' }, workers: false });
    const { db } = rig.t.ctx;
    seedTopics(db, { education: { en: 'Education', es: 'Educación' }, health: { en: 'Health', es: 'Salud' } });
    seedItem(db, { title: 'School choice simulator', date: '2026-10-05', topics: ['education'], kind: 'project' });
    seedItem(db, { title: 'Hospital waiting times', date: '2026-10-09', topics: ['health'], kind: 'publication', venue: 'The Lancet' });
    subscriber = seedSubscriber(db, { email: 'ana@example.org', name: 'Ana', topics: ['education', 'health'] });
    seedSubscriber(db, { email: 'beatriz@example.org', language: 'es', topics: ['health'] });
    seedSubscriber(db, { email: 'carl@example.org', topics: [] });
    // Workers for the first digest only: it is sent; the second stays at work for the cancel step.
    const workers = await startWorkers(rig.t.config, createLogger('silent'));
    sentDigest = (await rig.trigger({ period: '2026-10', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z' })).id;
    expect((await rig.waitFinished(sentDigest)).status).toBe('sent');
    await workers.close();
    liveDigest = (await rig.trigger({ period: '2026-11', windowStart: '2026-10-01T00:00:00Z', windowEnd: '2026-11-01T00:00:00Z', dryRun: true })).id;
    expect(isLiveDigest(getDigest(rig.t.ctx.db, liveDigest).status)).toBe(true);
    await rig.t.app.listen({ host: '127.0.0.1', port });
    browser = await launchBrowser({ javaScriptEnabled: false });
    // Scripts on for axe-core, which runs inside the page (and console.js then refreshes live figures).
    scripted = await launchBrowser({ javaScriptEnabled: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await scripted?.close();
    await rig?.close();
  });

  it.each(LANGUAGES)(
    'shows every digest page in %s without scripts, with nothing axe-core objects to',
    async (lang) => {
      const opts = { lang, sentDigest, liveDigest, subscriber, emailText: 'School choice simulator' };
      const page = await browser.browser.newPage();
      await page.setViewportSize({ width: 1100, height: 800 });
      const plain = await visitDigestPages(page, base, { ...opts, axe: false });
      expect(plain.map((v) => v.name)).toEqual(['digests', 'digest-sent', 'digest-live', 'digest-cancel', 'digest-preview']);
      await page.close();

      const checked = await scripted.browser.newPage();
      await checked.setViewportSize({ width: 1100, height: 800 });
      for (const v of await visitDigestPages(checked, base, { ...opts, axe: true, suffix: '-js' })) expect(v.violations, v.name).toEqual([]);
      await checked.close();
    },
    90_000,
  );
});
