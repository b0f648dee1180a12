import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSettings, type Settings } from '../../src/config.js';
import type { PreflightLine, PreflightReport, TxtResolver } from '../../src/preflight/preflight-types.js';

/** A lab's settings for preflight, with a temp outbox; `env` adds or replaces settings. */
export function preflightSettings(env: Record<string, string> = {}): Settings {
  return parseSettings({
    PUBLIC_URL: 'https://news.lab.example.org',
    OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), 'labdigest-preflight-test-')), 'outbox'),
    MAIL_FROM: 'Social Data Lab <digest@lab.example.org>',
    MAIL_TRANSACTIONAL_FROM: 'Social Data Lab <no-reply@lab.example.org>',
    ORG_NAME: 'Social Data Lab',
    ...env,
  });
}

/** A private key of this type written to a temp file (PEM), for DKIM_PRIVATE_KEY_PATH. */
export function keyFile(type: 'rsa' | 'ed25519' | 'ec', bits = 2048): string {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;
  const { privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: bits, ...encoding })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256', ...encoding })
        : generateKeyPairSync('ed25519', encoding);
  const path = join(mkdtempSync(join(tmpdir(), 'labdigest-preflight-key-')), 'dkim.pem');
  writeFileSync(path, privateKey as unknown as string, { mode: 0o600 });
  return path;
}

/** A DNS stand-in: TXT records by name; any other name does not exist (ENOTFOUND), a name mapped to [] has no TXT (ENODATA). */
export function dnsStandIn(records: Record<string, string[]>): TxtResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    const found = records[name.toLowerCase()];
    if (!found) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    if (found.length === 0) throw Object.assign(new Error(`queryTxt ENODATA ${name}`), { code: 'ENODATA' });
    return found.map((r) => [r]);
  };
  return Object.assign(resolve, { asked });
}

/** A DNS that never answers in time. */
export const silentDns: TxtResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' });
};

/** The line of one check. */
export function lineOf(report: PreflightReport, check: PreflightLine['check']): PreflightLine {
  const found = report.lines.find((l) => l.check === check);
  if (!found) throw new Error(`no ${check} line`);
  return found;
}

/** "check: status finding" for every line, to compare a whole report at a glance. */
export function outline(report: PreflightReport): string[] {
  return report.lines.map((l) => `${l.check}: ${l.status} ${l.finding}`);
}
