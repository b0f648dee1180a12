import nodemailer from 'nodemailer';
import type { Settings } from '../config.js';

/** What asking the relay gave: it answers (greeting, EHLO, login), or why not. */
export type RelayProbe = { ok: true } | { ok: false; error: string };

/** How long one question to the relay may take. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Asks the relay whether it would take mail now: a Nodemailer verify() on a connection of its own
 * (connect, greeting, EHLO, login if configured). The outbox needs no relay, so it always answers.
 */
export async function probeRelay(settings: Pick<Settings, 'SMTP_URL'>): Promise<RelayProbe> {
  if (!settings.SMTP_URL) return { ok: true };
  const transport = nodemailer.createTransport({
    url: settings.SMTP_URL,
    connectionTimeout: PROBE_TIMEOUT_MS,
    greetingTimeout: PROBE_TIMEOUT_MS,
    socketTimeout: PROBE_TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    transport.close();
  }
}
