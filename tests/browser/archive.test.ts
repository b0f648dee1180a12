import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { accessibilityViolations, freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';
import { NEWCOMER, NOVEMBER, seedTeamEventsLab, TITLES } from '../helpers/team-events-lab.js';

const HEADINGS: Record<Language, { list: string; issue: string; upcoming: string; team: string }> = {
  en: { list: 'Digest archive', issue: 'November 2026', upcoming: 'Coming up', team: 'New in the team' },
  es: { list: 'Archivo del boletín', issue: 'Noviembre de 2026', upcoming: 'Próximamente', team: 'Nuevas personas en el equipo' },
};

/**
 * The public archive in a real browser, in every language: the list and an issue (with events and a new
 * team member), screenshots in test-artifacts/screenshots/, no WCAG A/AA violation axe-core can find on
 * the page nor in the email it frames.
 */
describe('the archive in a real browser', () => {
  let rig: DigestRig;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rig = await startDigestRig('browser-archive', { env: { PUBLIC_URL: base, TIME_ZONE: 'Europe/Madrid' } });
    await seedTeamEventsLab(rig);
    const { id } = await rig.trigger(NOVEMBER);
    expect((await rig.waitFinished(id)).status).toBe('sent');
    await rig.t.app.listen({ host: '127.0.0.1', port });
    // Scripts on, for axe-core only: the archive carries none of its own.
    browser = await launchBrowser({ javaScriptEnabled: true });
  });
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  });

  async function open(name: string, path: string): Promise<Page> {
    const page = await browser.browser.newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${base}${path}`);
    await saveScreenshot(page, name);
    return page;
  }

  describe.each(LANGUAGES)('in %s', (lang: Language) => {
    it('lists the sent digests, each a link, with nothing axe-core objects to', async () => {
      const page = await open(`archive-list-${lang}`, `/archive?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(HEADINGS[lang].list);
      await page.getByRole('link', { name: HEADINGS[lang].issue }).click();
      await page.waitForURL(`${base}/archive/2026-11?lang=${lang}`);
      expect(await accessibilityViolations(page, { exclude: ['iframe.email-frame'] })).toEqual([]);
      await page.goto(`${base}/archive?lang=${lang}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.close();
    });

    it('shows an issue: the email in a titled frame with its events and newcomer, the text version, and no violations in either', async () => {
      const page = await open(`archive-issue-${lang}`, `/archive/2026-11?lang=${lang}`);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(HEADINGS[lang].issue);
      const frame = page.frameLocator('iframe.email-frame');
      await expect.poll(() => frame.getByRole('heading', { name: HEADINGS[lang].upcoming }).count()).toBe(1);
      expect(await frame.getByRole('heading', { name: TITLES.seminar }).count()).toBe(1);
      expect(await frame.getByRole('heading', { name: HEADINGS[lang].team }).count()).toBe(1);
      expect(await frame.getByRole('heading', { name: NEWCOMER.name }).count()).toBe(1);
      expect(await frame.locator('img').count()).toBe(0);
      await page.locator('details summary').click();
      expect(await page.locator('pre.text-version').textContent()).toContain(NEWCOMER.name);
      expect(await accessibilityViolations(page, { exclude: ['iframe.email-frame'] })).toEqual([]);

      // The framed email on its own, as a message (a page's landmark rules do not apply to it).
      const srcdoc = await page.locator('iframe.email-frame').getAttribute('srcdoc');
      const email = await browser.browser.newPage();
      await email.setContent(srcdoc ?? '');
      await saveScreenshot(email, `archive-issue-email-${lang}`);
      expect(await accessibilityViolations(email, { bestPractices: false })).toEqual([]);
      await email.close();
      await page.close();
    });
  });
});
