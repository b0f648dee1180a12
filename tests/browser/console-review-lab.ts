import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { listProfiles } from '../../src/review/review-service.js';
import type { ProfileReview } from '../../src/review/review-schema.js';
import { accessibilityViolations, freePort, saveScreenshot } from '../helpers/browser.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { type DigestRig, startDigestRig } from '../helpers/digest-rig.js';

/** The footer line of a digest the lab reviewed, in each language. */
export const REVIEWED = { en: 'reviewed and approved by the people of', es: 'revisaron y aprobaron este boletín' } as const;

/** A line an editor writes: no figure and no name, so the check passes it. */
export const EDITED_LINE = 'An edited line: this work shows how the city changes for the people who live in it.';

/** The readers of the lab, by profile: two English readers share profile A; B and C are Spanish. */
export const READERS = {
  a: ['ada@example.org', 'ben@example.org'],
  b: ['carla@example.org'],
  c: ['diego@example.org'],
} as const;

/** A lab on real parts: the app listening on a free port, workers, SMTP server, the Ollama stand-in (inventing), review on. */
export interface Lab {
  rig: DigestRig;
  base: string;
  close(): Promise<void>;
}

/** Starts a fresh lab with an empty database; the stand-in invents a figure and a person in every line it writes. */
export async function startLab(label: string): Promise<Lab> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const rig = await startDigestRig(label, {
    env: { PUBLIC_URL: base, REVIEW_REQUIRED: 'true', RATE_LIMIT_PER_MINUTE: '1000', LLM_TIMEOUT_MS: '5000' },
    ollamaMode: 'invent',
  });
  await rig.t.app.listen({ host: '127.0.0.1', port });
  return { rig, base, close: () => rig.close() };
}

/** Confirmed readers in both languages, on topics the lab site's import created (so after the import). */
export function seedReaders(lab: Lab): void {
  const { db } = lab.rig.t.ctx;
  seedSubscriber(db, { email: READERS.a[0], name: 'Ada', language: 'en', topics: ['urban-studies', 'open-data'] });
  seedSubscriber(db, { email: READERS.a[1], name: 'Ben', language: 'en', topics: ['urban-studies', 'open-data'] });
  seedSubscriber(db, { email: READERS.b[0], name: 'Carla', language: 'es', topics: ['food-systems'] });
  seedSubscriber(db, { email: READERS.c[0], name: 'Diego', language: 'es', topics: ['political-science', 'lab-news'] });
}

/** The digest's profiles A (English), B (Spanish, food systems) and C (Spanish, politics), as review sees them now. */
export function profilesOf(lab: Lab, digestId: number): { a: ProfileReview; b: ProfileReview; c: ProfileReview } {
  const all = listProfiles(lab.rig.t.ctx, digestId);
  const find = (slug: string) => {
    const found = all.find((p) => p.topics.some((t) => t.slug === slug));
    if (!found) throw new Error(`no profile with ${slug}`);
    return found;
  };
  expect(all).toHaveLength(3);
  return { a: find('open-data'), b: find('food-systems'), c: find('political-science') };
}

/** Screenshots a page as console-review-<name>, and, when `audit` runs scripts, checks it with axe-core (not inside the email's frame). */
export async function look(page: Page, name: string, audit?: Page): Promise<void> {
  await saveScreenshot(page, `console-review-${name}`);
  if (!audit) return;
  if (audit !== page) await audit.goto(page.url());
  expect(await accessibilityViolations(audit, { exclude: ['iframe.email'] }), name).toEqual([]);
}

const focused = async (page: Page, selector: string): Promise<boolean> =>
  (await page.evaluate(`!!(document.activeElement && document.activeElement.matches(${JSON.stringify(selector)}))`)) === true;

/**
 * Moves the focus with Tab (or Shift+Tab) until the element matching `selector` has it, as a keyboard
 * user does; fails after `max` presses.
 */
export async function tabTo(page: Page, selector: string, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (opts.max ?? 200); i++) {
    if (await focused(page, selector)) return;
    await page.keyboard.press(key);
  }
  if (!(await focused(page, selector))) throw new Error(`${key} never reached ${selector}`);
}
