import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../src/i18n/languages.js';
import { accessibilityViolations, saveScreenshot } from '../helpers/browser.js';

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
    // axe-core does not go into the email's sandboxed frame (scripts cannot run there; the emails have their own checks).
    visited.push({ name, violations: opts.axe ? await accessibilityViolations(page, { exclude: ['iframe.email'] }) : [] });
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
