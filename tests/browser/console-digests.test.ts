import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDigest } from '../../src/digests/digest-repository.js';
import { isLiveDigest } from '../../src/digests/digest-statuses.js';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { createLogger } from '../../src/logger.js';
import { startWorkers } from '../../workers/start.js';
import { freePort, launchBrowser } from '../helpers/browser.js';
import { createConsoleUser, signInInBrowser } from '../helpers/console-browser.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { startDigestRig, type DigestRig } from '../helpers/digest-rig.js';
import { visitDigestPages } from './console-digest-visits.js';

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
    const admin = await createConsoleUser(db, { email: 'digests.admin@example.org', role: 'admin' });
    for (const b of [browser, scripted]) {
      const page = await b.browser.newPage();
      await signInInBrowser(page, base, admin);
      await page.close();
    }
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
