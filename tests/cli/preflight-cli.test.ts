import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDkimKey } from '../helpers/dkim-key.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** Runs `labdigest preflight` with only these settings (no database, no Redis, no secrets needed). */
async function preflight(env: Record<string, string>) {
  const outbox = join(mkdtempSync(join(tmpdir(), 'labdigest-preflight-cli-')), 'outbox');
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/labdigest.js', 'preflight'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OUTBOX_DIR: outbox, LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('labdigest preflight', () => {
  it('exits 1 and says what to fix when a line fails, without printing a password', async () => {
    const { code, stdout } = await preflight({ SMTP_URL: 'smtp://mailer:cli-secret-pw-991@127.0.0.1:1', PUBLIC_URL: 'http://localhost:3000' });
    expect(code).toBe(1);
    expect(stdout).toContain('Preflight: the sending setup');
    expect(stdout).toMatch(/^FAIL\s+DKIM key\s+DKIM is not configured: mail goes out unsigned\.$/m);
    expect(stdout).toMatch(/^\s+→ Generate a 2048-bit RSA key/m);
    expect(stdout).toMatch(/^FAIL\s+One-click unsubscribe\s+The one-click unsubscribe link is on http:\/\/localhost:3000/m);
    expect(stdout).toMatch(/^FAIL\s+TLS to the relay\s+The relay 127\.0\.0\.1:1 did not complete a TLS connection/m);
    expect(stdout).toMatch(/^WARN\s+Bounce mailbox\s+BOUNCE_IMAP_URL is not set/m);
    expect(stdout).toMatch(/^\d failed, \d to look at, \d could not be checked, \d passed\.$/m);
    expect(stdout).not.toContain('cli-secret-pw-991');
  });

  it('exits 0 when nothing fails (warnings and lines it could not check do not fail it)', async () => {
    // .invalid never resolves (RFC 2606), so the DNS lines cannot be checked on any machine.
    const key = createDkimKey('lab.example.invalid', 'news');
    const { code, stdout } = await preflight({
      ...key.settings,
      PUBLIC_URL: 'https://news.lab.example.invalid',
      MAIL_FROM: 'Lab <digest@lab.example.invalid>',
      MAIL_TRANSACTIONAL_FROM: 'Lab <no-reply@lab.example.invalid>',
    });
    expect(stdout).toMatch(/^PASS\s+DKIM key\s+An RSA key of 2048 bits signs as lab\.example\.invalid/m);
    expect(stdout).toMatch(/^PASS\s+One-click unsubscribe/m);
    expect(stdout).toMatch(/^COULD NOT CHECK\s+SPF record\s+/m);
    expect(stdout).toMatch(/^0 failed, 3 to look at, 3 could not be checked, 4 passed\.$/m);
    expect(code).toBe(0);
  });

  it('is listed in --help', async () => {
    const { stdout } = await run(process.execPath, ['bin/labdigest.js', '--help'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    expect(stdout).toMatch(/^\s+preflight\s+check the sending setup/m);
  });
});
