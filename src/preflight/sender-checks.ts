import { getAlignment } from 'mailauth/lib/tools.js';
import addressparser from 'nodemailer/lib/addressparser';
import type { Settings } from '../config.js';
import { line, type PreflightLine } from './preflight-types.js';

type SenderSettings = Pick<Settings, 'MAIL_FROM' | 'MAIL_TRANSACTIONAL_FROM' | 'DKIM_DOMAIN'>;

/** The bare address of a From setting ("Lab <digest@lab.org>" → digest@lab.org, lower case), or null when there is none. */
export function fromAddress(value: string): string | null {
  const [first] = addressparser(value, { flatten: true });
  const address = first?.address?.trim().toLowerCase();
  return address && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? address : null;
}

/** The domain of an address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** The two senders, each with its setting's name, or the name of a setting that holds no address. */
function senders(settings: SenderSettings): { ok: true; list: string; transactional: string } | { ok: false; setting: string } {
  const list = fromAddress(settings.MAIL_FROM);
  if (!list) return { ok: false, setting: 'MAIL_FROM' };
  const transactional = fromAddress(settings.MAIL_TRANSACTIONAL_FROM);
  if (!transactional) return { ok: false, setting: 'MAIL_TRANSACTIONAL_FROM' };
  return { ok: true, list, transactional };
}

/**
 * DMARC alignment of both From domains with DKIM_DOMAIN, relaxed (the same organizational domain by the
 * Public Suffix List, as receivers compute it): what lets a DKIM pass count for the From address.
 */
export function checkAlignment(settings: SenderSettings): PreflightLine {
  const found = senders(settings);
  if (!found.ok) return line('alignment', 'fail', 'alignBadFrom', { setting: found.setting });
  if (!settings.DKIM_DOMAIN) return line('alignment', 'fail', 'alignNoDkim');
  const dkimDomain = settings.DKIM_DOMAIN.toLowerCase();
  for (const [setting, address] of [
    ['MAIL_FROM', found.list],
    ['MAIL_TRANSACTIONAL_FROM', found.transactional],
  ] as const) {
    const fromDomain = domainOf(address);
    if (!getAlignment(fromDomain, [dkimDomain])) return line('alignment', 'fail', 'alignMismatch', { setting, fromDomain, dkimDomain });
  }
  const domains = [...new Set([domainOf(found.list), domainOf(found.transactional)])].join(', ');
  return line('alignment', 'pass', 'alignOk', { domains, dkimDomain });
}

/**
 * Digests and transactional emails from different addresses: a reader who marks the digest as spam then
 * does not teach their provider to bin the confirmation and preference-link emails too.
 */
export function checkSenders(settings: SenderSettings): PreflightLine {
  const found = senders(settings);
  if (!found.ok) return line('senders', 'fail', 'sendersBadFrom', { setting: found.setting });
  if (found.list === found.transactional) return line('senders', 'warn', 'sendersSame', { address: found.list });
  return line('senders', 'pass', 'sendersOk', { list: found.list, transactional: found.transactional });
}
