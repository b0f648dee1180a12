import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { consentOf, dbSnapshot, FORM, subscriberByEmail, waitForMailJobs } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('link tokens and repeated actions', () => {
  let t: TestApp;
  let id: number;
  const sign = (purpose: 'confirm' | 'preferences' | 'unsubscribe', sid = id) => signToken(t.config.SECRET_KEY, purpose, subjectOf(t, sid));

  // Each test has its own app with one pending reader; a test that needs the reader further on gets there itself.
  beforeEach(async () => {
    t = await createTestApp('tokens', { RATE_LIMIT_PER_MINUTE: '1000' });
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: 'tok@example.org', consent: true } });
    await waitForMailJobs(t, 1);
    id = subscriberByEmail(t, 'tok@example.org')!.id;
  });
  afterEach(() => t.close());

  /** Brings the reader to active with their confirm link. */
  async function confirmed(): Promise<void> {
    expect((await t.app.inject({ method: 'POST', url: `/confirm/${sign('confirm')}`, headers: HTML })).statusCode).toBe(200);
  }
  /** Brings the reader to unsubscribed: confirmed first, then the unsubscribe button. */
  async function unsubscribed(): Promise<void> {
    await confirmed();
    const res = await t.app.inject({ method: 'POST', url: `/unsubscribe/${sign('unsubscribe')}`, headers: { ...HTML, ...FORM }, payload: 'confirm=yes' });
    expect(res.statusCode).toBe(200);
  }

  it('tampered, truncated, foreign and wrong-purpose tokens get the friendly 404 page and change nothing', async () => {
    const good = sign('confirm');
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    const bad = [
      flipped,
      good.slice(0, -5),
      good.split('.').slice(0, 2).join('.'),
      signToken('another-secret-key-0123456789abcdefghij', 'confirm', subjectOf(t, id)),
      signToken(t.config.SECRET_KEY, 'confirm', { id: 999_999, linkKey: null }), // no such subscriber
      'confirm.1.%3Cscript%3E',
      'x'.repeat(90),
    ];
    const before = dbSnapshot(t);
    for (const token of bad) {
      for (const [method, path] of [
        ['GET', `/confirm/${token}`],
        ['POST', `/confirm/${token}`],
        ['GET', `/unsubscribe/${token}`],
        ['POST', `/unsubscribe/${token}`],
        ['GET', `/preferences/${token}`],
        ['POST', `/preferences/${token}`],
        ['GET', `/preferences/${token}/export`],
        ['POST', `/preferences/${token}/delete`],
      ] as const) {
        const res = await t.app.inject({
          method,
          url: path,
          headers: { ...HTML, ...(method === 'POST' ? FORM : {}) },
          payload: method === 'POST' ? 'confirm=yes' : undefined,
        });
        expect(res.statusCode, `${method} ${path}`).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).toContain('Link not found');
        expect(res.body).not.toMatch(/at .*\.ts|Error:/);
      }
    }
    // The right subscriber, but a token made for another purpose.
    const wrongPurpose: Array<[string, string]> = [
      ['/confirm/', sign('unsubscribe')],
      ['/unsubscribe/', sign('preferences')],
      ['/preferences/', sign('confirm')],
    ];
    for (const [path, token] of wrongPurpose) {
      const res = await t.app.inject({ method: 'POST', url: path + token, headers: { ...HTML, ...FORM }, payload: 'List-Unsubscribe=One-Click' });
      expect(res.statusCode, path).toBe(404);
      expect(res.body).toContain('Link not found');
    }
    expect(dbSnapshot(t)).toBe(before);
  });

  it('an overlong token gets the same friendly 404 page', async () => {
    const res = await t.app.inject({ url: `/confirm/${'x'.repeat(450)}`, headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Link not found');
  });

  it('confirming twice is harmless and shows the same page', async () => {
    const path = `/confirm/${sign('confirm')}`;
    const first = await t.app.inject({ method: 'POST', url: path, headers: HTML });
    const confirmedAt = subscriberByEmail(t, 'tok@example.org')!.confirmedAt;
    const second = await t.app.inject({ method: 'POST', url: path, headers: HTML });
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(subscriberByEmail(t, 'tok@example.org')!.confirmedAt).toEqual(confirmedAt);
    expect(consentOf(t, id).filter((r) => r.event === 'confirm')).toHaveLength(1);
  });

  it('unsubscribing twice is harmless, by button or by one click, form or multipart', async () => {
    await confirmed();
    const path = `/unsubscribe/${sign('unsubscribe')}`;
    const first = await t.app.inject({ method: 'POST', url: path, headers: { ...HTML, ...FORM }, payload: 'confirm=yes' });
    const second = await t.app.inject({ method: 'POST', url: path, headers: { ...HTML, ...FORM }, payload: 'confirm=yes' });
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    const boundary = '----labdigest';
    const multipart = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);
    expect(multipart.body).toBe('You are unsubscribed.');
    expect(multipart.headers.location).toBeUndefined();
    expect(multipart.headers['set-cookie']).toBeUndefined();
    expect(subscriberByEmail(t, 'tok@example.org')!.status).toBe('unsubscribed');
    expect(consentOf(t, id).filter((r) => r.event === 'unsubscribe')).toHaveLength(1);
  });

  it('a one-click POST in multipart works for an active subscriber too', async () => {
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: 'multi@example.org', consent: true } });
    const sid = subscriberByEmail(t, 'multi@example.org')!.id;
    await t.app.inject({ method: 'POST', url: `/confirm/${sign('confirm', sid)}` });
    const boundary = 'xyz';
    const res = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${sign('unsubscribe', sid)}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(200);
    expect(subscriberByEmail(t, 'multi@example.org')!.status).toBe('unsubscribed');
    expect(consentOf(t, sid).map((r) => [r.event, r.form])).toContainEqual(['unsubscribe', 'one-click']);
  });

  it('an old confirm link does not subscribe an unsubscribed reader again', async () => {
    await unsubscribed();
    const res = await t.app.inject({ method: 'POST', url: `/confirm/${sign('confirm')}`, headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nothing to confirm');
    expect(subscriberByEmail(t, 'tok@example.org')!.status).toBe('unsubscribed');
  });

  it('an erased subscriber’s links stop working', async () => {
    await unsubscribed();
    // The links as the reader's emails carry them, made while the row existed.
    const links = [`/preferences/${sign('preferences')}`, `/unsubscribe/${sign('unsubscribe')}`, `/confirm/${sign('confirm')}`];
    const res = await t.app.inject({ method: 'DELETE', url: `/api/admin/subscribers/${id}`, headers: t.admin });
    expect(res.statusCode).toBe(204);
    for (const path of links) {
      expect((await t.app.inject({ url: path, headers: HTML })).statusCode).toBe(404);
    }
  });
});
