import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-config.js';
import { MASK, settingsView } from '../../src/settings/settings-view.js';
import { freePort } from '../helpers/browser.js';
import { consoleSession } from '../helpers/console-session.js';
import { type OllamaStandIn, startOllamaStandIn } from '../helpers/ollama-stand-in.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { tableRow } from './console-seed.js';

describe('settings masking', () => {
  it('masks tokens and keys whole, and only the password inside a URL', () => {
    const config = testConfig('settings-mask', {
      SMTP_URL: 'smtps://mailer:p%40ss-w0rd@mail.example.org:465',
      REDIS_URL: 'redis://:redis-secret-9@127.0.0.1:6379/2',
      DKIM_DOMAIN: 'example.org',
      DKIM_SELECTOR: 'lab',
      DKIM_PRIVATE_KEY_PATH: '/etc/labdigest/dkim.pem',
    });
    const byName = new Map(settingsView(config).map((s) => [s.name, s]));
    expect(byName.get('ADMIN_TOKEN')).toEqual({ name: 'ADMIN_TOKEN', value: MASK, masked: true });
    expect(byName.get('SECRET_KEY')).toEqual({ name: 'SECRET_KEY', value: MASK, masked: true });
    expect(byName.get('SMTP_URL')).toEqual({ name: 'SMTP_URL', value: `smtps://mailer:${MASK}@mail.example.org:465`, masked: true });
    expect(byName.get('REDIS_URL')).toEqual({ name: 'REDIS_URL', value: `redis://:${MASK}@127.0.0.1:6379/2`, masked: true });
    expect(byName.get('DKIM_PRIVATE_KEY_PATH')).toEqual({ name: 'DKIM_PRIVATE_KEY_PATH', value: '/etc/labdigest/dkim.pem', masked: false });
    expect(byName.get('UNSUBSCRIBE_MAILTO')).toEqual({ name: 'UNSUBSCRIBE_MAILTO', value: null, masked: false });
    expect(byName.get('PORT')?.value).toBe('3000');
  });
});

describe('console settings and health', () => {
  let smtp: TestSmtpServer;
  let ollama: OllamaStandIn;
  let healthy: TestApp;
  let broken: TestApp;
  const smtpPassword = 'smtp-pass-0451';
  const ollamaPassword = 'ollama-pass-7781';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ollama = await startOllamaStandIn({ models: ['llama3:latest'], version: '0.33.0' });
    healthy = await createTestApp('console-settings', { SMTP_URL: smtp.url, OLLAMA_HOST: ollama.url, OLLAMA_MODEL: 'llama3' });
    const closed = await freePort();
    broken = await createTestApp('console-settings-broken', {
      SMTP_URL: `smtp://mailer:${smtpPassword}@127.0.0.1:${closed}`,
      OLLAMA_HOST: `http://labdigest:${ollamaPassword}@127.0.0.1:${closed}`,
      OLLAMA_MODEL: 'qwen2.5:7b',
    });
  });
  afterAll(async () => {
    await healthy?.close();
    await broken?.close();
    await ollama?.close();
    await smtp?.close();
  });

  it('shows Redis, Ollama with its model, SMTP and the database as healthy', async () => {
    const admin = await consoleSession(healthy, 'admin');
    const res = await admin.get('/admin/settings?lang=en');
    expect(res.statusCode).toBe(200);
    expect(tableRow(res.body, 'Redis (queues)')).toMatch(/^Redis \(queues\)\|OK\|Redis \d+\.\d+\.\d+ answered PING\.\|$/);
    expect(tableRow(res.body, 'Ollama (the language model)')).toBe(
      `Ollama (the language model)|OK|Ollama 0.33.0 at ${ollama.url}; the model llama3 is pulled.|`,
    );
    expect(tableRow(res.body, 'SMTP (outgoing mail)')).toBe(`SMTP (outgoing mail)|OK|The SMTP server at 127.0.0.1:${smtp.port} accepted the connection.|`);
    expect(tableRow(res.body, 'Database')).toMatch(/^Database\|OK\|.*labdigest\.db, [\d.,]+ [kKM]?B; \d+ of \d+ migrations applied\.\|$/);
  });

  it('says when the configured model is not pulled', async () => {
    ollama.models = ['mistral:latest'];
    try {
      const admin = await consoleSession(healthy, 'admin');
      const res = await admin.get('/admin/settings?lang=en');
      expect(tableRow(res.body, 'Ollama (the language model)')).toContain('|Problem|Ollama 0.33.0 at');
      expect(res.body).toContain('has no model llama3 (run: ollama pull llama3)');
    } finally {
      ollama.models = ['llama3:latest'];
    }
  });

  it('shows every setting with secrets masked: no token, key or password appears in the page', async () => {
    const admin = await consoleSession(broken, 'admin');
    const res = await admin.get('/admin/settings?lang=en');
    expect(res.statusCode).toBe(200);
    for (const secret of [broken.config.ADMIN_TOKEN, broken.config.SECRET_KEY, smtpPassword, ollamaPassword]) expect(res.body).not.toContain(secret);
    expect(tableRow(res.body, 'ADMIN_TOKEN')).toBe(`ADMIN_TOKEN|${MASK} hidden|`);
    expect(tableRow(res.body, 'SMTP_URL')).toContain(`smtp://mailer:${MASK}@127.0.0.1:`);
    expect(tableRow(res.body, 'OLLAMA_MODEL')).toBe('OLLAMA_MODEL|qwen2.5:7b|');
    expect(tableRow(res.body, 'DKIM_DOMAIN')).toBe('DKIM_DOMAIN|not set|');
    // And the services behind the closed port are reported, without their passwords.
    expect(tableRow(res.body, 'Ollama (the language model)')).toMatch(/\|Problem\|Ollama is not reachable at http:\/\/labdigest:•+@127\.0\.0\.1:\d+\/? \(/);
    expect(tableRow(res.body, 'SMTP (outgoing mail)')).toMatch(/\|Problem\|The SMTP server at 127\.0\.0\.1:\d+ did not accept the connection: /);
    expect(tableRow(res.body, 'Redis (queues)')).toContain('|OK|');
  });

  it('sends a test email through the mail server and says so', async () => {
    const admin = await consoleSession(healthy, 'admin');
    const before = smtp.messages.length;
    const res = await admin.post('/admin/settings/test-email', { to: 'it-team@example.org' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings?done=test-sent&to=it-team%40example.org');
    const [message] = (await smtp.waitFor(before + 1)).slice(before);
    expect(message!.envelope.to).toEqual(['it-team@example.org']);
    expect(message!.parsed.subject).toBe(`${healthy.config.ORG_NAME}: a test email from the console`);
    expect(message!.parsed.text).toContain(`sent from the ${healthy.config.ORG_NAME} console by ${admin.email}`);
    const page = await admin.get(`${res.headers.location}&lang=en`);
    expect(page.body).toContain('A test email went to it-team@example.org.');
  });

  it('refuses a bad address, and reports a mail server that cannot be reached', async () => {
    const admin = await consoleSession(healthy, 'admin');
    const bad = await admin.post('/admin/settings/test-email?lang=en', { to: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="to-error"');
    const down = await consoleSession(broken, 'admin');
    const failed = await down.post('/admin/settings/test-email?lang=es', { to: 'it-team@example.org' });
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toContain('No se pudo enviar el correo de prueba');
    expect(failed.body).not.toContain(smtpPassword);
  });

  it('is for admins only: an editor gets 403', async () => {
    const editor = await consoleSession(healthy, 'editor');
    expect((await editor.get('/admin/settings')).statusCode).toBe(403);
    const before = smtp.messages.length;
    expect((await editor.post('/admin/settings/test-email', { to: 'x@example.org' })).statusCode).toBe(403);
    expect(smtp.messages.length).toBe(before);
  });
});
