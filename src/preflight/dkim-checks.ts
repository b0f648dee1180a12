import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dkimVerify } from 'mailauth';
import type { Settings } from '../config.js';
import { line, type PreflightLine } from './preflight-types.js';

type DkimSettings = Pick<Settings, 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY_PATH'>;

/** The public half of the configured key, as a DKIM record names it: `k=` and `p=` (base64). */
export interface DkimPublicKey {
  type: 'rsa' | 'ed25519';
  p: string;
  /** The key as a KeyObject, to compare with a published record. */
  key: KeyObject;
}

/** The DKIM record a receiver would need for this key: `v=DKIM1; k=rsa; p=…`. */
export function dkimRecordOf(pub: DkimPublicKey): string {
  return `v=DKIM1; k=${pub.type}; p=${pub.p}`;
}

const RECOMMENDED_BITS = 2048;
const MINIMUM_BITS = 1024;

/**
 * The DKIM settings and the key file: set, the file readable, a private key in PEM, RSA of at
 * least 1024 bits (2048 recommended) or Ed25519. Returns the public key for the signature and DNS checks.
 */
export function checkDkimKey(settings: DkimSettings): { line: PreflightLine; publicKey: DkimPublicKey | null } {
  // The settings schema takes the three together or none.
  if (!settings.DKIM_DOMAIN || !settings.DKIM_SELECTOR || !settings.DKIM_PRIVATE_KEY_PATH) return { line: line('dkim', 'fail', 'dkimNotSet'), publicKey: null };
  const path = settings.DKIM_PRIVATE_KEY_PATH!;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    // The code (ENOENT, EACCES) says enough; the message would repeat the path.
    return { line: line('dkim', 'fail', 'dkimUnreadable', { path, error: (err as NodeJS.ErrnoException).code ?? 'error' }), publicKey: null };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return { line: line('dkim', 'fail', 'dkimNotAKey', { path }), publicKey: null };
  }
  const values = { domain: settings.DKIM_DOMAIN!, selector: settings.DKIM_SELECTOR!, path };
  const pub = createPublicKey(key);
  if (key.asymmetricKeyType === 'ed25519') {
    // An Ed25519 DKIM record carries the bare 32-byte key (RFC 8463), the end of the SPKI encoding.
    const p = pub.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
    return { line: line('dkim', 'pass', 'dkimOk', { ...values, type: 'Ed25519', bits: 256 }), publicKey: { type: 'ed25519', p, key: pub } };
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return { line: line('dkim', 'fail', 'dkimUnsupported', { path, type: String(key.asymmetricKeyType) }), publicKey: null };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const p = pub.export({ type: 'spki', format: 'der' }).toString('base64');
  const publicKey: DkimPublicKey = { type: 'rsa', p, key: pub };
  if (bits < MINIMUM_BITS) return { line: line('dkim', 'fail', 'dkimTooShort', { ...values, bits }), publicKey };
  if (bits < RECOMMENDED_BITS) return { line: line('dkim', 'warn', 'dkimShort', { ...values, bits }), publicKey };
  return { line: line('dkim', 'pass', 'dkimOk', { ...values, type: 'RSA', bits }), publicKey };
}

/**
 * Whether the message the mailer produced carries a DKIM signature that verifies with the configured
 * key (mailauth, with the key's own record standing in for DNS). A key line that passed so far is kept;
 * otherwise the signature's problem replaces it.
 */
export async function checkDkimSignature(keyLine: PreflightLine, publicKey: DkimPublicKey | null, raw: Buffer | null): Promise<PreflightLine> {
  if (keyLine.status === 'fail' || !publicKey || !raw) return keyLine;
  const record = dkimRecordOf(publicKey);
  const { results } = await dkimVerify(raw, { resolver: async () => [[record]], minBitLength: MINIMUM_BITS });
  const signature = results.find((r) => r.signingDomain && r.status.result !== 'none');
  if (!signature) return line('dkim', 'fail', 'dkimNotSigned', { ...keyLine.values, type: publicKey.type === 'rsa' ? 'RSA' : 'Ed25519' });
  if (signature.status.result !== 'pass') return line('dkim', 'fail', 'dkimBroken', { ...keyLine.values, result: signature.info });
  return keyLine;
}

/** The public key of a published DKIM record's `p=` (SPKI, or PKCS#1 for RSA), or null when it is not one. */
export function publishedKey(p: string, type: DkimPublicKey['type']): KeyObject | null {
  const der = Buffer.from(p, 'base64');
  try {
    if (type === 'ed25519') {
      // Rebuild the SPKI wrapper around the bare key: the fixed 12-byte prefix of an Ed25519 SPKI.
      return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), der]), format: 'der', type: 'spki' });
    }
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    try {
      return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch {
      return null;
    }
  }
}
