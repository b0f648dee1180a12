import { Resolver } from 'node:dns/promises';
import getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record.js';
import type { Settings } from '../config.js';
import { type DkimPublicKey, dkimRecordOf, publishedKey } from './dkim-checks.js';
import { line, type PreflightLine, type TxtResolver } from './preflight-types.js';
import { domainOf, fromAddress } from './sender-checks.js';

/** TXT lookups through the system's DNS servers, one try each, given up after `timeoutMs`. */
export function systemTxtResolver(timeoutMs: number): TxtResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  return (name) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no DNS answer within ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs + 250);
    });
    return Promise.race([resolver.resolveTxt(name), deadline]).finally(() => clearTimeout(timer));
  };
}

type Lookup = { ok: true; records: string[] } | { ok: false; code: string };

/** A TXT lookup as joined strings; "no such name" (ENOTFOUND) and "no TXT there" (ENODATA) told apart from DNS trouble. */
async function lookup(resolve: TxtResolver, name: string): Promise<Lookup> {
  try {
    return { ok: true, records: (await resolve(name)).map((chunks) => chunks.join('')) };
  } catch (err) {
    return { ok: false, code: String((err as { code?: unknown }).code ?? 'ERROR') };
  }
}

/**
 * What a failed lookup of a domain's own name means: no TXT there is an answer (the record is missing);
 * a name that does not exist, or no answer at all, is "could not check" (a machine without DNS answers
 * so, and a sending domain that does not exist is a typo the other lines show).
 */
function unanswered(check: PreflightLine['check'], domain: string, result: Lookup & { ok: false }): PreflightLine | null {
  if (result.code === 'ENODATA') return null;
  if (result.code === 'ENOTFOUND') return line(check, 'unknown', 'dnsNoDomain', { domain });
  return line(check, 'unknown', 'dnsUnknown', { domain, error: result.code });
}

async function checkSpf(resolve: TxtResolver, domain: string): Promise<PreflightLine> {
  const found = await lookup(resolve, domain);
  if (!found.ok) return unanswered('spf', domain, found) ?? line('spf', 'fail', 'spfMissing', { domain });
  const spf = found.records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (spf.length === 0) return line('spf', 'fail', 'spfMissing', { domain });
  if (spf.length > 1) return line('spf', 'fail', 'spfMultiple', { domain, count: spf.length });
  const record = spf[0]!.trim();
  if (/(^|\s)[+?]?all(\s|$)/i.test(record) && !/(^|\s)[-~]all(\s|$)/i.test(record)) return line('spf', 'warn', 'spfPermissive', { domain, record });
  return line('spf', 'pass', 'spfOk', { domain, record });
}

async function checkDmarc(resolve: TxtResolver, domain: string): Promise<PreflightLine> {
  const own = await lookup(resolve, domain);
  const trouble = own.ok ? null : unanswered('dmarc', domain, own);
  if (trouble) return trouble;
  try {
    const record = await getDmarcRecord(domain, (name, type) => (type === 'TXT' ? resolve(name) : Promise.reject(new Error(`no ${type} lookups`))));
    if (!record) return line('dmarc', 'fail', 'dmarcMissing', { domain });
    return line('dmarc', 'pass', 'dmarcOk', { domain, policy: String(record.p ?? 'none'), record: record.rr });
  } catch (err) {
    return line('dmarc', 'unknown', 'dnsUnknown', { domain, error: String((err as { code?: unknown }).code ?? 'ERROR') });
  }
}

async function checkDkimRecord(
  resolve: TxtResolver,
  settings: Pick<Settings, 'DKIM_DOMAIN' | 'DKIM_SELECTOR'>,
  pub: DkimPublicKey | null,
): Promise<PreflightLine> {
  if (!pub || !settings.DKIM_DOMAIN || !settings.DKIM_SELECTOR) return line('dkimRecord', 'unknown', 'dkimRecordNoKey');
  const name = `${settings.DKIM_SELECTOR}._domainkey.${settings.DKIM_DOMAIN}`;
  const expected = dkimRecordOf(pub);
  const found = await lookup(resolve, name);
  const records = found.ok ? found.records.filter((r) => /(^|;)\s*p=/i.test(r)) : [];
  if (records.length === 0) {
    // A missing selector is NXDOMAIN too: whether DNS answers at all is asked of the domain itself.
    if (!found.ok && found.code !== 'ENOTFOUND' && found.code !== 'ENODATA')
      return line('dkimRecord', 'unknown', 'dnsUnknown', { domain: name, error: found.code });
    const domain = await lookup(resolve, settings.DKIM_DOMAIN);
    const trouble = domain.ok ? null : unanswered('dkimRecord', settings.DKIM_DOMAIN, domain);
    return trouble ?? line('dkimRecord', 'fail', 'dkimRecordMissing', { name, record: expected });
  }
  const p = /(?:^|;)\s*p=([^;]*)/i.exec(records[0]!)?.[1]?.replace(/\s+/g, '') ?? '';
  const published = publishedKey(p, pub.type);
  if (!published?.equals(pub.key)) return line('dkimRecord', 'fail', 'dkimRecordMismatch', { name, record: expected });
  return line('dkimRecord', 'pass', 'dkimRecordOk', { name });
}

/**
 * The DNS side: SPF of the envelope sender's domain (BOUNCE_ADDRESS's, or MAIL_FROM's when unset: the
 * domain receivers check SPF against), DMARC of the From domain, and the DKIM key published under the selector.
 */
export async function checkDns(
  settings: Pick<Settings, 'MAIL_FROM' | 'BOUNCE_ADDRESS' | 'DKIM_DOMAIN' | 'DKIM_SELECTOR'>,
  resolve: TxtResolver,
  pub: DkimPublicKey | null,
): Promise<PreflightLine[]> {
  const from = fromAddress(settings.MAIL_FROM);
  const dkimRecord = checkDkimRecord(resolve, settings, pub);
  if (!from) {
    const none = (check: 'spf' | 'dmarc') => line(check, 'unknown', 'dnsNoDomain', { domain: settings.MAIL_FROM });
    return [none('spf'), none('dmarc'), await dkimRecord];
  }
  const fromDomain = domainOf(from);
  const envelopeDomain = settings.BOUNCE_ADDRESS ? domainOf(settings.BOUNCE_ADDRESS) : fromDomain;
  return Promise.all([checkSpf(resolve, envelopeDomain), checkDmarc(resolve, fromDomain), dkimRecord]);
}
