import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dbSnapshot, FORM, formBody, mailJobs, seedTopics } from './public-helpers.js';

const valid = { email: 'reader@example.org', name: 'Reader', language: 'en', topics: ['networks'], consent: 'yes' };
const HTML_FORM = { ...FORM, accept: 'text/html' };

describe('POST /subscribe rejects bad input and changes nothing', () => {
  let t: TestApp;
  let before: string;
  beforeAll(async () => {
    t = await createTestApp('subscribe-validation', { RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
    // One existing subscriber, so "nothing changed" covers updates too.
    const res = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { ...valid, consent: true } });
    expect(res.statusCode).toBe(202);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    before = dbSnapshot(t);
  });

  async function expectNothingChanged() {
    expect(dbSnapshot(t)).toBe(before);
    // Only the setup signup's confirmation: rejected requests never reach the queue.
    const jobs = await mailJobs(t);
    expect(jobs.map((j) => j.to)).toEqual(['reader@example.org']);
  }

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a malformed email', { email: 'not-an-address' }, 'email'],
    ['an email without a domain', { email: 'reader@' }, 'email'],
    ['an overlong email', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
    ['CR/LF in the email', { email: 'reader@example.org\r\nBcc: victim@example.org' }, 'email'],
    ['CR/LF in the name', { name: 'Eve\r\nBcc: victim@example.org' }, 'name'],
    ['a control character in the name', { name: 'Eve\u0007' }, 'name'],
    ['an overlong name', { name: 'x'.repeat(101) }, 'name'],
    ['an unknown topic', { topics: ['networks', 'astrology'] }, 'topics'],
    ['an unknown language', { language: 'fr' }, 'language'],
    ['missing consent', { consent: undefined }, 'consent'],
    ['consent refused', { consent: false }, 'consent'],
    ['a filled honeypot', { website: 'http://spam.example' }, 'website'],
  ];

  for (const [label, change, field] of cases) {
    it(`JSON with ${label}: 400 naming the field`, async () => {
      const payload: Record<string, unknown> = { ...valid, email: 'new-reader@example.org', consent: true, ...change };
      for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
      const res = await t.app.inject({ method: 'POST', url: '/subscribe', payload });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error).toBe('invalid_input');
      expect(body.details.map((d: { field: string }) => d.field)).toContain(field);
      await expectNothingChanged();
    });
  }

  it('the HTML form comes back with errors linked to fields and the values kept', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe?lang=en',
      headers: HTML_FORM,
      payload: formBody({ email: 'Ann@', name: 'Ann <b>', language: 'en', topics: ['elections'], form: 'subscribe-page' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<p class="error" id="email-error">Enter a valid email address, like name@example.org.</p>');
    expect(res.body).toMatch(/id="email" name="email" type="email" value="Ann@"[^>]*aria-describedby="email-hint email-error" aria-invalid="true"/);
    expect(res.body).toContain('value="Ann &lt;b&gt;"');
    expect(res.body).toMatch(/value="elections" checked/);
    expect(res.body).toContain('id="consent-error"');
    expect(res.body).toMatch(/name="consent" value="yes" required aria-describedby="consent-error"/);
    expect(res.body).toContain('<a href="#email">');
    await expectNothingChanged();
  });

  it('the HTML form rejects a filled honeypot without storing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: HTML_FORM,
      payload: formBody({ ...valid, email: 'bot@example.org', website: 'x' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<form id="subscribe-form"');
    await expectNothingChanged();
  });

  it('an unknown topic from the form is a 400 too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: HTML_FORM,
      payload: formBody({ ...valid, email: 'x@example.org', topics: 'astrology' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose topics from the list.');
    await expectNothingChanged();
  });

  it('a wrong content type is a 415 with a clear body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=new@example.org&consent=yes',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ error: 'unsupported_media_type', message: 'Send the form as application/x-www-form-urlencoded or application/json' });
    await expectNothingChanged();
  });

  it('multipart is refused on /subscribe (only the one-click unsubscribe takes it)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: { 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="email"\r\n\r\nnew@example.org\r\n--XX--\r\n',
    });
    expect(res.statusCode).toBe(415);
    await expectNothingChanged();
  });

  it('a body over 64 KiB is a 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      headers: FORM,
      payload: formBody({ ...valid, email: 'big@example.org', name: 'x'.repeat(70 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    const json = await t.app.inject({
      method: 'POST',
      url: '/subscribe',
      payload: { ...valid, email: 'big@example.org', consent: true, name: 'x'.repeat(70 * 1024) },
    });
    expect(json.statusCode).toBe(413);
    await expectNothingChanged();
  });

  it('malformed JSON is a 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/subscribe', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    await expectNothingChanged();
  });
});

describe('rate limit on public POSTs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('subscribe-rate', { RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('answers 429 after RATE_LIMIT_PER_MINUTE posts from one address', async () => {
    const post = () => t.app.inject({ method: 'POST', url: '/manage', payload: { email: 'someone@example.org' } });
    expect((await post()).statusCode).toBe(202);
    expect((await post()).statusCode).toBe(202);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('rate_limited');
    // GETs are not limited.
    expect((await t.app.inject({ url: '/manage' })).statusCode).toBe(200);
  });
});
