import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';

/** A DKIM key of one test: the private key in a temp file for the settings, the TXT record a receiver would look up. */
export interface TestDkimKey {
  domain: string;
  selector: string;
  /** DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH, ready for the settings. */
  settings: { DKIM_DOMAIN: string; DKIM_SELECTOR: string; DKIM_PRIVATE_KEY_PATH: string };
  /** `v=DKIM1; k=rsa; p=…`, what `<selector>._domainkey.<domain>` would hold in DNS. */
  txt: string;
  /** A DNS stand-in for mailauth: answers the selector's TXT record and nothing else (ENOTFOUND, as DNS would). */
  resolver(name: string, type: string): Promise<string[][]>;
}

/** Generates an RSA key (2048 bits unless told) into a temp file and describes its DNS record. */
export function createDkimKey(domain = 'lab.example.org', selector = 'news', modulusLength = 2048): TestDkimKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  const path = join(mkdtempSync(join(tmpdir(), 'labdigest-dkim-')), 'dkim.pem');
  writeFileSync(path, privateKey, { mode: 0o600 });
  const txt = `v=DKIM1; k=rsa; p=${publicKey.toString('base64')}`;
  const recordName = `${selector}._domainkey.${domain}`.toLowerCase();
  return {
    domain,
    selector,
    settings: { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY_PATH: path },
    txt,
    async resolver(name, type) {
      if (type === 'TXT' && name.toLowerCase() === recordName) return [[txt]];
      throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    },
  };
}

/** What mailauth says about a message's DKIM signature(s): the result, the signing domain and the headers signed (lower case). */
export interface DkimOutcome {
  result: string;
  domain: string;
  selector: string | undefined;
  /** The From domain the signature aligns with (relaxed), or false. */
  aligned: string | false;
  signedHeaders: string[];
  info: string;
}

/** Verifies a raw message with mailauth, looking the key up through the stand-in resolver. */
export async function verifyWithMailauth(raw: string | Buffer, key: TestDkimKey): Promise<DkimOutcome[]> {
  const { results } = await dkimVerify(typeof raw === 'string' ? Buffer.from(raw) : raw, { resolver: key.resolver });
  return results.map((r) => {
    // signingHeaders is in mailauth's result though not in its typings: the header names that were actually signed.
    const signing = (r as { signingHeaders?: { keys?: string } }).signingHeaders;
    return {
      result: r.status.result,
      domain: r.signingDomain,
      selector: r.selector,
      aligned: (r.status.aligned as unknown as string | false | undefined) || false,
      signedHeaders: (signing?.keys ?? '')
        .split(':')
        .map((k) => k.trim().toLowerCase())
        .filter(Boolean),
      info: r.info,
    };
  });
}
