import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { listTopics } from '../../src/topics/topic-repository.js';
import { seedConsent, seedConsoleTopics, seedDigest } from '../console/console-seed.js';
import { freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { type ConsoleCredentials, createConsoleUser, signInInBrowser } from '../helpers/console-browser.js';
import { seedItem, seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { LAB_SITE } from '../import/helpers.js';

/** The records the visited pages show. */
interface ConsoleFixtures {
  subscriberId: number;
  topicId: number;
  itemId: number;
}

/** What the visit reports after each page it reaches: a short name for the screenshot and the assertions. */
type Checkpoint = (name: string) => Promise<void>;

/**
 * Visits every page of the dashboard, subscribers, topics, content and settings areas in one language, as
 * a person with a browser does (links and forms, no script needed), calling `check` on each. It needs a
 * Page whose browser has signed in as an admin (signInInBrowser).
 */
async function visitConsolePages(page: Page, base: string, lang: Language, ids: ConsoleFixtures, check: Checkpoint): Promise<void> {
  const go = async (path: string, name: string) => {
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    await check(name);
  };
  await go('/admin', 'dashboard');
  await page.locator('details summary').first().click();
  await check('dashboard-chart-table');

  await go('/admin/subscribers', 'subscribers');
  await page.locator('#q').fill('ada');
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForURL(/q=ada/);
  await check('subscribers-search');
  await go(`/admin/subscribers/${ids.subscriberId}`, 'subscriber-detail');
  await go(`/admin/subscribers/${ids.subscriberId}/erase`, 'subscriber-erase');

  await go('/admin/topics', 'topics');
  await go(`/admin/topics/${ids.topicId}/edit`, 'topic-edit');
  await go(`/admin/topics/${ids.topicId}/delete`, 'topic-delete');

  await go('/admin/content', 'content');
  await go('/admin/content/new', 'content-new');
  // An invalid item: the form comes back with its errors.
  await page.locator('#title').fill(' ');
  await page.locator('#url').evaluate((el) => el.removeAttribute('type'));
  await page.locator('#url').fill('not a url');
  await page.locator('#title').evaluate((el) => el.removeAttribute('required'));
  await page.locator('main form button[type=submit]').click();
  await page.locator('#form-errors').waitFor();
  await check('content-new-errors');
  await go(`/admin/content/${ids.itemId}/edit`, 'content-edit');
  await go(`/admin/content/${ids.itemId}/delete`, 'content-delete');
  await go('/admin/content/imports', 'imports');
  await page.locator('#file').setInputFiles(join(LAB_SITE, 'publications.bib'));
  await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
  await page.waitForURL(/\/admin\/content\/imports\/[A-Za-z0-9_-]{16}/);
  await check('import-summary');

  await go('/admin/settings', 'settings');
  // Reached by its link, as a person does.
  await page.locator('a[href="/admin/settings/preflight"]').click();
  await page.waitForURL(/\/admin\/settings\/preflight/);
  await check('preflight');
}

/** Serious and critical accessibility violations (WCAG 2.x A/AA and best practices), as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

describe('console pages in a real browser, without JavaScript', () => {
  let t: TestApp;
  let base: string;
  let ids: ConsoleFixtures;
  let admin: ConsoleCredentials;
  let noScript: Awaited<ReturnType<typeof launchBrowser>>;
  let withScript: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp('browser-console-pages', { PUBLIC_URL: base, OLLAMA_HOST: `http://127.0.0.1:${await freePort()}` });
    const db = t.ctx.db;
    seedConsoleTopics(db);
    const subscriberId = seedSubscriber(db, { email: 'ada@uni.example', name: 'Ada Lovelace', topics: ['networks', 'elections'] });
    seedSubscriber(db, { email: 'bruno@example.org', name: 'Bruno Díaz', language: 'es', topics: ['housing'] });
    seedSubscriber(db, { email: 'carla@example.org', status: 'pending', topics: ['networks'] });
    const now = new Date();
    for (let m = 0; m < 12; m++) {
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 3));
      for (let i = 0; i < ((m * 7) % 5) + 1; i++)
        seedConsent(db, t.config.SECRET_KEY, { subscriberId: null, email: `r${m}-${i}@example.org`, event: 'confirm', at });
      if (m % 3 === 0) seedConsent(db, t.config.SECRET_KEY, { subscriberId: null, email: `r${m}@example.org`, event: 'unsubscribe', at });
    }
    seedConsent(db, t.config.SECRET_KEY, {
      subscriberId,
      email: 'ada@uni.example',
      event: 'signup',
      at: new Date('2026-03-04T09:15:00Z'),
      form: 'lab-website',
    });
    const digestId = seedDigest(db, { period: '2026-10', status: 'sent', sent: 41, failed: 2, profiles: 3, llm: 2, fallback: 1 });
    seedDigest(db, { period: '2026-11', status: 'review', profiles: 3, llm: 3 });
    db.insert(deliveries)
      .values({
        digestId,
        subscriberId,
        email: 'ada@uni.example',
        status: 'sent',
        messageId: '<d1@labdigest.test>',
        attempts: 1,
        sentAt: new Date('2026-10-02T08:00:00Z'),
      })
      .run();
    const itemId = seedItem(db, { title: 'Rent prices in the old town', date: '2026-05-02', topics: ['housing'], venue: 'Urban Studies' });
    seedItem(db, { title: 'Elecciones y redes', kind: 'news', date: '2026-06-10', topics: ['elections'], language: 'es' });
    ids = { subscriberId, topicId: listTopics(db)[0]!.id, itemId };
    admin = await createConsoleUser(db, { email: 'pages.admin@example.org', role: 'admin' });
    await t.app.listen({ host: '127.0.0.1', port });
    noScript = await launchBrowser({ javaScriptEnabled: false });
    withScript = await launchBrowser({ javaScriptEnabled: true });
    // Each browser keeps its own session cookie: sign in once in each, with the form.
    for (const b of [noScript, withScript]) {
      const page = await b.browser.newPage();
      await signInInBrowser(page, base, admin);
      await page.close();
    }
  }, 60_000);
  afterAll(async () => {
    await noScript?.close();
    await withScript?.close();
    await t?.close();
  });

  describe.each(LANGUAGES)('in %s', (lang: Language) => {
    it('shows every page with its heading and nothing serious axe-core objects to', async () => {
      const page = await noScript.browser.newPage();
      await page.setViewportSize({ width: 1100, height: 800 });
      // A person who reads this language: forms post without ?lang=, and the answer follows the browser's language.
      await page.setExtraHTTPHeaders({ 'accept-language': lang });
      // axe-core is a script: it checks each page again in a browser that runs scripts.
      const audit = await withScript.browser.newPage();
      const seen: string[] = [];
      await visitConsolePages(page, base, lang, ids, async (name) => {
        seen.push(name);
        expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
        expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), name).toBeTruthy();
        await saveScreenshot(page, `console-${name}-${lang}`);
        await audit.goto(page.url());
        expect(await seriousViolations(audit), name).toEqual([]);
      });
      expect(seen).toHaveLength(18);
      await page.close();
      await audit.close();
    }, 180_000);
  });
});
