import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL = '/usr/bin/openssl';

/** A self-signed certificate for 127.0.0.1 and localhost (PEM): the server's key and cert, and the cert as the CA a client trusts. */
export interface TestCertificate {
  key: string;
  cert: string;
}

/** Makes a one-day certificate with Debian's openssl (Dovecot's package depends on it, so .ci/run has it). */
export function createTestCertificate(): TestCertificate {
  if (!existsSync(OPENSSL)) throw new Error(`${OPENSSL} is missing: install Debian's openssl package`);
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-cert-'));
  try {
    // biome-ignore format: one option per line reads better
    execFileSync(OPENSSL, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
