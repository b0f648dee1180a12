import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { fillDigest, renderDigestProfile } from '../../src/mail/digest-email.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { renderTransactional } from '../../src/mail/transactional-email.js';
import { signToken } from '../../src/tokens/tokens.js';
import { accessibilityViolations, freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { item, model } from '../mail/fixtures.js';
import { seedTopics } from '../routes/public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

/**
 * Every public page and every email as a person sees them, in every language: a screenshot in
 * test-artifacts/screenshots/ and no WCAG A/AA violation that axe-core can find.
 */
describe('pages and emails in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let templates: TemplateCache;
  const token = (purpose: 'confirm' | 'preferences' | 'unsubscribe', id: number) => signToken(t.config.SECRET_KEY, purpose, subjectOf(t, id));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp('browser-pages', { PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
    await t.app.listen({ host: '127.0.0.1', port });
    // Scripts on, for axe-core only: labdigest's pages carry none of their own.
    browser = await launchBrowser({ javaScriptEnabled: true });
    templates = await createTemplateCache(t.config);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens a page (or an email's HTML), screenshots it, and returns its accessibility violations. */
  async function look(name: string, open: (page: Page) => Promise<unknown>, kind: 'page' | 'email' = 'page'): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.browser.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await open(page);
    await saveScreenshot(page, name);
    // An email is not a web page: landmarks and a level-one heading are a page's best practices, not a message's.
    return { page, violations: await accessibilityViolations(page, { bestPractices: kind === 'page' }) };
  }

  describe.each(LANGUAGES)('in %s', (lang: Language) => {
    it('shows the public pages with a heading, and nothing axe-core objects to', async () => {
      const pending = seedSubscriber(t.ctx.db, { email: `pending-${lang}@example.org`, language: lang, status: 'pending', topics: ['networks'] });
      const active = seedSubscriber(t.ctx.db, { email: `active-${lang}@example.org`, language: lang, topics: ['elections'] });
      const pages: Array<[string, string]> = [
        ['subscribe', `/subscribe?lang=${lang}`],
        ['manage', `/manage?lang=${lang}`],
        ['confirm', `/confirm/${token('confirm', pending)}`],
        ['preferences', `/preferences/${token('preferences', active)}`],
        ['unsubscribe', `/unsubscribe/${token('unsubscribe', active)}`],
        ['not-found', `/preferences/not-a-token?lang=${lang}`],
      ];
      for (const [name, path] of pages) {
        const { page, violations } = await look(`page-${name}-${lang}`, (p) => p.goto(`${base}${path}`));
        expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
        expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), name).toBeTruthy();
        expect(violations, name).toEqual([]);
        await page.close();
      }
    });

    it('shows a form with its errors, announced and linked to their fields', async () => {
      const { page, violations } = await look(`page-subscribe-errors-${lang}`, async (p) => {
        await p.goto(`${base}/subscribe?lang=${lang}`);
        // The browser takes an address without a dot in the domain; the server does not.
        await p.locator('#email').fill('not-an-address@localhost');
        await p.locator('input[name=consent]').check();
        await p.locator('button[type=submit]').click();
        await p.getByRole('alert').waitFor();
      });
      expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
      expect(violations).toEqual([]);
      await page.close();
    });

    it('renders every email readably', async () => {
      const reader = { name: 'Ana', preferencesUrl: `${base}/preferences/x`, unsubscribeUrl: `${base}/unsubscribe/x` };
      const items = [
        item(1, { kind: 'publication', title: 'Public transport and residential segregation', venue: 'Urban Studies', doi: '10.1000/xyz' }),
        item(2, { kind: 'project', title: 'Open survey microdata platform' }),
        item(3, { kind: 'news', title: 'New lab members', authors: [] }),
      ];
      // The model's text in the profile's language, as a good answer would be.
      const written =
        lang === 'es'
          ? { intro: 'Un mes de redes y elecciones.', line: 'Te interesa porque sigues las elecciones.' }
          : { intro: 'A month of networks and elections.', line: 'It matters to you because you follow elections.' };
      const digest = fillDigest(
        renderDigestProfile(templates, model({ language: lang, intro: written.intro, items: items.map((i) => ({ ...i, line: written.line })) })),
        reader,
      );
      const emails: Array<[string, string]> = [
        ['digest', digest.html],
        [
          'confirm',
          renderTransactional(templates, { template: 'confirm', to: 'a@example.org', name: null, language: lang, confirmUrl: `${base}/confirm/x` }).html,
        ],
        [
          'manage',
          renderTransactional(templates, {
            template: 'manage',
            to: 'a@example.org',
            name: null,
            language: lang,
            preferencesUrl: `${base}/preferences/x`,
            unsubscribeUrl: `${base}/unsubscribe/x`,
          }).html,
        ],
        [
          'data-export',
          renderTransactional(templates, { template: 'data-export', to: 'a@example.org', name: null, language: lang, exportUrl: `${base}/data/x` }).html,
        ],
      ];
      for (const [name, html] of emails) {
        const { page, violations } = await look(`email-${name}-${lang}`, (p) => p.setContent(html), 'email');
        expect(await page.getAttribute('html', 'lang'), name).toBe(lang);
        expect(violations, name).toEqual([]);
        await page.close();
      }
    });
  });
});
