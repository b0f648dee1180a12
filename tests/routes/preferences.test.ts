import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRecords, subscribers, subscriberTopics } from '../../src/db/schema.js';
import { emailHash } from '../../src/subscribers/email-address.js';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { downloadMyData } from './export-helpers.js';
import { consentOf, dbSnapshot, FORM, formBody, seedTopics, subscriberByEmail } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

const BROWSER = { ...FORM, accept: 'text/html', 'user-agent': 'prefs-test' };

describe('the preference centre', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('preferences', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
  });
  afterAll(() => t.close());

  /** A confirmed subscriber and its preferences path. */
  async function activeReader(email: string) {
    await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: { 'user-agent': 'signup-agent' },
      payload: { email, name: 'Pat', consent: true, topics: ['networks'], language: 'en' },
    });
    const id = subscriberByEmail(t, email)!.id;
    await t.app.inject({
      method: 'POST',
      url: `/confirm/${signToken(t.config.SECRET_KEY, 'confirm', subjectOf(t, id))}`,
      headers: { 'user-agent': 'confirm-agent' },
    });
    return { id, path: `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id))}` };
  }

  it('rejects bad choices with the form again and changes nothing', async () => {
    const { path } = await activeReader('choices@example.org');
    const before = dbSnapshot(t);
    const bad: Array<Record<string, string>> = [{ name: 'Pat\r\nBcc: x@example.org' }, { topics: 'astrology' }, { language: 'de' }, { name: 'x'.repeat(101) }];
    for (const fields of bad) {
      const res = await t.app.inject({ method: 'POST', url: path, headers: BROWSER, payload: formBody({ name: 'Pat', language: 'en', ...fields }) });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('class="error"');
    }
    expect(dbSnapshot(t)).toBe(before);
  });

  it('shows the page in the reader’s language unless ?lang says otherwise', async () => {
    const { path } = await activeReader('lang@example.org');
    await t.app.inject({ method: 'POST', url: path, headers: BROWSER, payload: formBody({ name: 'Pat', language: 'es', topics: 'networks' }) });
    expect((await t.app.inject({ url: path })).body).toContain('Tus preferencias');
    expect((await t.app.inject({ url: `${path}?lang=en` })).body).toContain('Your preferences');
  });

  it('downloads my data as a JSON attachment through the emailed link', async () => {
    const { id, path } = await activeReader('export@example.org');
    const res = await downloadMyData(t, path, id, 'export@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe('attachment; filename="labdigest-my-data.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.subscriber).toMatchObject({
      id,
      email: 'export@example.org',
      name: 'Pat',
      language: 'en',
      status: 'active',
      paused: false,
      topics: ['networks'],
    });
    expect(data.subscriber.confirmedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(data.consentRecords).toEqual([
      expect.objectContaining({ event: 'signup', form: 'api', ip: '127.0.0.1', userAgent: 'signup-agent', consentText: expect.stringMatching(/^I agree/) }),
      expect.objectContaining({ event: 'confirm', ip: '127.0.0.1', userAgent: 'confirm-agent' }),
    ]);
  });

  it('deletes my data after a confirm step, leaving only an anonymous log', async () => {
    const { id, path } = await activeReader('erase-me@example.org');
    const step = await t.app.inject({ method: 'POST', url: `${path}/delete`, headers: BROWSER, payload: '' });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('Delete your data?');
    expect(step.body).toContain('<input type="hidden" name="confirm" value="yes">');
    expect(subscriberByEmail(t, 'erase-me@example.org')).toBeDefined();

    const done = await t.app.inject({ method: 'POST', url: `${path}/delete`, headers: BROWSER, payload: 'confirm=yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your data is deleted');
    expect(subscriberByEmail(t, 'erase-me@example.org')).toBeUndefined();
    expect(t.ctx.db.select().from(subscriberTopics).where(eq(subscriberTopics.subscriberId, id)).all()).toEqual([]);

    const log = t.ctx.db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.emailHash, emailHash(t.config.SECRET_KEY, 'erase-me@example.org')))
      .all();
    expect(log.map((r) => r.event)).toEqual(['signup', 'confirm', 'erase']);
    for (const r of log) expect(r).toMatchObject({ subscriberId: null, ip: null, userAgent: null });
    expect(JSON.stringify(log)).not.toContain('erase-me');
    // The link is dead now.
    expect((await t.app.inject({ url: path, headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('lets an unsubscribed reader subscribe again with consent', async () => {
    const { id, path } = await activeReader('again@example.org');
    await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${signToken(t.config.SECRET_KEY, 'unsubscribe', subjectOf(t, id))}`,
      headers: FORM,
      payload: 'List-Unsubscribe=One-Click',
    });
    const page = await t.app.inject({ url: path });
    expect(page.body).toContain(`action="${path}/resubscribe"`);

    const refused = await t.app.inject({ method: 'POST', url: `${path}/resubscribe`, headers: BROWSER, payload: '' });
    expect(refused.statusCode).toBe(400);
    expect(subscriberByEmail(t, 'again@example.org')!.status).toBe('unsubscribed');

    const res = await t.app.inject({ method: 'POST', url: `${path}/resubscribe`, headers: BROWSER, payload: 'consent=yes' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('you are subscribed again');
    expect(subscriberByEmail(t, 'again@example.org')).toMatchObject({ status: 'active', unsubscribedAt: null });
    const last = consentOf(t, id).at(-1)!;
    expect(last).toMatchObject({ event: 'resubscribe', form: 'preferences-page', userAgent: 'prefs-test', consentText: expect.stringMatching(/^I agree/) });
  });

  it('keeps a paused reader subscribed', async () => {
    const { id, path } = await activeReader('pause@example.org');
    await t.app.inject({ method: 'POST', url: path, headers: BROWSER, payload: formBody({ name: '', language: 'en', paused: 'yes' }) });
    const row = t.ctx.db.select().from(subscribers).where(eq(subscribers.id, id)).get()!;
    expect(row).toMatchObject({ status: 'active', paused: true, name: null });
    expect((await t.app.inject({ url: path })).body).toContain('subscribed (paused)');
  });
});
