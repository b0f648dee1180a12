import type { Settings } from '../config.js';
import { checkBounceAddress, checkBounceMailbox } from './bounce-checks.js';
import { checkDkimKey, checkDkimSignature } from './dkim-checks.js';
import { checkDns, systemTxtResolver } from './dns-checks.js';
import { PREFLIGHT_CHECKS, type PreflightReport, type PreflightStatus, type TxtResolver } from './preflight-types.js';
import { checkRelayTls } from './relay-check.js';
import { checkAlignment, checkSenders } from './sender-checks.js';
import { renderStandInDigest } from './stand-in-digest.js';
import { checkUnsubscribe } from './unsubscribe-check.js';

/** What preflight needs besides the settings; every part has a default that asks the real service. */
export interface PreflightDeps {
  /** TXT lookups (the system's DNS by default). */
  resolveTxt?: TxtResolver;
  /** Longest wait for the relay and the bounce mailbox (5 s). */
  timeoutMs?: number;
  /** Longest wait for one DNS answer (2 s). */
  dnsTimeoutMs?: number;
  /** A certificate authority to trust for the relay's certificate besides the system's (tests). */
  relayCa?: string;
}

export type PreflightSettings = Pick<
  Settings,
  | 'PUBLIC_URL'
  | 'SMTP_URL'
  | 'SMTP_POOL_SIZE'
  | 'OUTBOX_DIR'
  | 'MAIL_FROM'
  | 'MAIL_TRANSACTIONAL_FROM'
  | 'ORG_NAME'
  | 'ORG_POSTAL_ADDRESS'
  | 'CONTACT_EMAIL'
  | 'UNSUBSCRIBE_MAILTO'
  | 'DKIM_DOMAIN'
  | 'DKIM_SELECTOR'
  | 'DKIM_PRIVATE_KEY_PATH'
  | 'BOUNCE_ADDRESS'
  | 'BOUNCE_IMAP_URL'
>;

/**
 * Checks what can be checked from inside about the sending setup against the bulk-sender rules (Gmail,
 * Yahoo, Microsoft, 2024): DKIM with a usable key that signs, the From domains aligned with it, separate
 * list and transactional senders, one-click unsubscribe and a visible link, the bounce address and
 * mailbox, TLS to the relay, and SPF, DMARC and the DKIM record in DNS. Sends nothing and changes nothing;
 * each outside question is bounded in time.
 */
export async function runPreflight(settings: PreflightSettings, deps: PreflightDeps = {}): Promise<PreflightReport> {
  const timeoutMs = deps.timeoutMs ?? 5000;
  const resolveTxt = deps.resolveTxt ?? systemTxtResolver(deps.dnsTimeoutMs ?? 2000);
  const key = checkDkimKey(settings);
  const [digest, mailbox, relay, dns] = await Promise.all([
    renderStandInDigest(settings).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
    checkBounceMailbox(settings, timeoutMs),
    checkRelayTls(settings, timeoutMs, deps.relayCa),
    checkDns(settings, resolveTxt, key.publicKey),
  ]);
  const raw = digest instanceof Error || !digest.signed ? null : digest.raw;
  const lines = [
    await checkDkimSignature(key.line, key.publicKey, raw),
    checkAlignment(settings),
    checkSenders(settings),
    await checkUnsubscribe(digest, key.line.status !== 'fail'),
    checkBounceAddress(settings),
    mailbox,
    relay,
    ...dns,
  ].sort((a, b) => PREFLIGHT_CHECKS.indexOf(a.check) - PREFLIGHT_CHECKS.indexOf(b.check));
  const counts: Record<PreflightStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const l of lines) counts[l.status] += 1;
  return { lines, counts };
}
