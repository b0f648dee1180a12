import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseSettings } from '../src/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

describe('configuration', () => {
  it('has the documented defaults', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      DATABASE_PATH: './data/labdigest.db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'labdigest',
      OLLAMA_HOST: 'http://127.0.0.1:11434',
      OLLAMA_MODEL: 'llama3',
      LLM_TIMEOUT_MS: 60000,
      LLM_REQUIRED: false,
      OUTBOX_DIR: './outbox',
      SEND_RATE_PER_SEC: 50,
      SMTP_POOL_SIZE: 5,
    });
    expect(s.SMTP_URL).toBeUndefined();
    expect(s.DIGEST_CRON).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    const bad = { PORT: 'eighty', SMTP_URL: 'http://mail', LLM_REQUIRED: 'maybe', QUEUE_PREFIX: 'a:b', DIGEST_CRON: 'monthly' };
    let message = '';
    try {
      parseSettings(bad);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of Object.keys(bad)) expect(message).toContain(name);
  });

  it('treats empty values as unset and trims a trailing slash off PUBLIC_URL', () => {
    expect(parseSettings({ PORT: '', PUBLIC_URL: 'https://news.lab.org/' })).toMatchObject({ PORT: 3000, PUBLIC_URL: 'https://news.lab.org' });
  });

  it('wants the three DKIM settings together', () => {
    expect(() => parseSettings({ DKIM_DOMAIN: 'lab.org' })).toThrow(/DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH/);
  });

  it('generates the secrets once into the data folder and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-config-'));
    const env = { DATABASE_PATH: join(dir, 'data', 'labdigest.db') };
    const first = loadConfig(env);
    expect(first.generatedSecrets).toEqual(['ADMIN_TOKEN', 'SECRET_KEY']);
    const file = join(dir, 'data', 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ADMIN_TOKEN: first.ADMIN_TOKEN, SECRET_KEY: first.SECRET_KEY });
    const second = loadConfig(env);
    expect(second.generatedSecrets).toEqual([]);
    expect(second.SECRET_KEY).toBe(first.SECRET_KEY);
    expect(second.ADMIN_TOKEN).toBe(first.ADMIN_TOKEN);
    const given = loadConfig({ ...env, ADMIN_TOKEN: 'an-admin-token-of-my-own' });
    expect(given.ADMIN_TOKEN).toBe('an-admin-token-of-my-own');
  });

  it('stops the server with one line naming REDIS_URL when Redis cannot be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-noredis-'));
    const result = await run(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'labdigest.db'), REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '', stdout: '' }),
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect(result.code).toBe(1);
    // Where the secrets generated on this first start went is said even though the start failed; never their values.
    const secretsFile = join(dir, 'secrets.json');
    expect(result.stdout).toContain(`Generated ADMIN_TOKEN, stored in ${secretsFile} (readable by this user only)`);
    const stored = JSON.parse(readFileSync(secretsFile, 'utf8')) as { ADMIN_TOKEN: string; SECRET_KEY: string };
    expect(result.stdout + result.stderr).not.toContain(stored.ADMIN_TOKEN);
    expect(result.stdout + result.stderr).not.toContain(stored.SECRET_KEY);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Cannot reach Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:1 .*redis-server/);
    // Nothing was created: the check runs before the database is opened.
    expect(existsSync(join(dir, 'labdigest.db'))).toBe(false);
  });

  it('stops the server with a message naming a bad variable', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'not-a-port', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'labdigest-badport-')), 'x.db') },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});
