import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { Settings } from '../config.js';
import { errorText, line, type PreflightLine } from './preflight-types.js';

/** True for a relay on this machine (a local Postfix): its hop never crosses the network. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** Nodemailer's answer when STARTTLS was required and the server did not offer it. */
function noStartTls(err: unknown): boolean {
  return /STARTTLS/i.test(errorText(err)) && !/certificate|self[- ]signed|handshake/i.test(errorText(err));
}

/**
 * TLS to the relay: smtps:// (TLS from the first byte), or STARTTLS offered and taken (verify() with
 * requireTLS), within `timeoutMs`. No mail is sent. `ca` adds a certificate authority to trust (tests).
 */
export async function checkRelayTls(settings: Pick<Settings, 'SMTP_URL' | 'OUTBOX_DIR'>, timeoutMs: number, ca?: string): Promise<PreflightLine> {
  if (!settings.SMTP_URL) return line('relayTls', 'warn', 'relayOutbox', { dir: settings.OUTBOX_DIR });
  const url = new URL(settings.SMTP_URL);
  const host = `${url.hostname}${url.port ? `:${url.port}` : ''}`;
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    url: settings.SMTP_URL,
    requireTLS: !secure,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(ca ? { tls: { ca } } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.verify(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 500);
      }),
    ]);
    return line('relayTls', 'pass', secure ? 'relaySmtps' : 'relayStarttls', { host });
  } catch (err) {
    const password = decodeURIComponent(url.password);
    const error = password ? errorText(err).split(password).join('••••••••') : errorText(err);
    if (!secure && noStartTls(err)) {
      return isLoopbackHost(url.hostname) ? line('relayTls', 'warn', 'relayNoTlsLocal', { host }) : line('relayTls', 'fail', 'relayNoTls', { host });
    }
    return line('relayTls', 'fail', 'relayFailed', { host, error });
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
