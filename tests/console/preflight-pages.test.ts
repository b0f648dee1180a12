import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSession } from '../helpers/console-session.js';
import { createDkimKey } from '../helpers/dkim-key.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { tableRow } from './console-seed.js';

describe('console preflight page', () => {
  let t: TestApp;
  const imapPassword = 'imap-secret-pw-5521';
  const smtpPassword = 'smtp-secret-pw-7733';

  beforeAll(async () => {
    const key = createDkimKey('lab.example.org', 'news');
    t = await createTestApp('console-preflight', {
      ...key.settings,
      PUBLIC_URL: 'https://news.lab.example.org',
      MAIL_FROM: 'Social Data Lab <digest@lab.example.org>',
      MAIL_TRANSACTIONAL_FROM: 'Social Data Lab <digest@lab.example.org>',
      SMTP_URL: `smtp://mailer:${smtpPassword}@127.0.0.1:1`,
      BOUNCE_ADDRESS: 'bounces@lab.example.org',
      BOUNCE_IMAP_URL: `imap://bounces:${imapPassword}@127.0.0.1:1/INBOX`,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows admins every check with its result, what was found and what to do, without any password', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin/settings/preflight?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Preflight: the sending setup');
    expect(tableRow(res.body, 'DKIM key')).toBe('DKIM key|pass|An RSA key of 2048 bits signs as lab.example.org (selector news); a test signature verifies.||');
    expect(tableRow(res.body, 'From aligned with DKIM')).toBe(
      'From aligned with DKIM|pass|From domains lab.example.org are aligned with DKIM_DOMAIN lab.example.org (relaxed).||',
    );
    expect(tableRow(res.body, 'Separate senders')).toMatch(
      /^Separate senders\|warn\|Digests and confirmation emails both come from digest@lab\.example\.org\.\|Set MAIL_TRANSACTIONAL_FROM to another address/,
    );
    expect(tableRow(res.body, 'One-click unsubscribe')).toMatch(
      /^One-click unsubscribe\|pass\|List-Unsubscribe \(https:\/\/news\.lab\.example\.org\/unsubscribe\/…, and a mailto\)/,
    );
    expect(tableRow(res.body, 'Bounce address')).toBe(
      'Bounce address|pass|Digests go out with the envelope sender bounces+…@lab.example.org, so each bounce names its delivery.||',
    );
    expect(tableRow(res.body, 'Bounce mailbox')).toMatch(
      /^Bounce mailbox\|fail\|Could not open INBOX on 127\.0\.0\.1:1 as bounces: .+\|Check the host, port, user, password and folder in BOUNCE_IMAP_URL\.\|$/,
    );
    expect(tableRow(res.body, 'TLS to the relay')).toMatch(/^TLS to the relay\|fail\|The relay 127\.0\.0\.1:1 did not complete a TLS connection: /);
    // DNS answers differently on every machine: only that each DNS line is there with a result.
    for (const check of ['SPF record', 'DMARC record', 'DKIM record in DNS']) expect(tableRow(res.body, check)).toMatch(/\|(pass|warn|fail|could not check)\|/);
    expect(res.body).toMatch(/<strong>2 failed, 1 to look at, \d could not be checked, \d passed\.<\/strong>/);
    for (const secret of [imapPassword, smtpPassword, t.config.ADMIN_TOKEN, t.config.SECRET_KEY]) expect(res.body).not.toContain(secret);
  });

  it('is in Spanish too, and linked from the settings page', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin/settings/preflight?lang=es');
    expect(res.body).toContain('Comprobación previa: la configuración de envío');
    expect(tableRow(res.body, 'Clave DKIM')).toMatch(/^Clave DKIM\|correcto\|Una clave RSA de 2048 bits firma como lab\.example\.org/);
    expect(tableRow(res.body, 'Buzón de rebotes')).toMatch(/^Buzón de rebotes\|falla\|No se pudo abrir INBOX/);
    const settings = await admin.get('/admin/settings?lang=en');
    expect(settings.body).toContain('<a href="/admin/settings/preflight">Check the sending setup (preflight)</a>');
  });

  it('is for admins only', async () => {
    const editor = await consoleSession(t, 'editor');
    const res = await editor.get('/admin/settings/preflight?lang=en');
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/settings/preflight' });
    expect(anonymous.statusCode).toBe(303);
  });
});
