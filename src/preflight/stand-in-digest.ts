import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../config.js';
import { fillDigest, renderDigestProfile } from '../mail/digest-email.js';
import { createMailer, type MailerSettings } from '../mail/mailer.js';
import { ownerTemplates } from '../review/owner-templates.js';

/** A digest as the mailer would send it to a stand-in reader: the raw message and the links it was filled with. */
export interface StandInDigest {
  raw: Buffer;
  html: string;
  unsubscribeUrl: string;
  /** False when the DKIM key could not be used, so the message was made without it. */
  signed: boolean;
}

type StandInSettings = MailerSettings & Pick<Settings, 'MAIL_FROM' | 'ORG_POSTAL_ADDRESS'>;

/**
 * Renders a one-item digest for a stand-in reader with the real templates and hands it to the real
 * mailer (list headers, DKIM when configured), writing into a temporary outbox that is removed at once:
 * nothing is sent. When the DKIM key cannot be used the message is made without it (the DKIM line says why).
 */
export async function renderStandInDigest(settings: StandInSettings, now = new Date()): Promise<StandInDigest> {
  const templates = await ownerTemplates(settings);
  const base = settings.PUBLIC_URL;
  const reader = { name: null, preferencesUrl: `${base}/preferences/preflight`, unsubscribeUrl: `${base}/unsubscribe/preflight` };
  const period = now.toISOString().slice(0, 7);
  const profile = renderDigestProfile(templates, {
    language: 'en',
    period,
    intro: 'Preflight: a digest for a stand-in reader.',
    composedWith: 'fallback',
    items: [
      {
        id: 1,
        kind: 'news',
        title: 'Preflight',
        url: `${base}/archive`,
        authors: [],
        venue: null,
        doi: null,
        summary: 'A stand-in item.',
        line: '',
        matchedTopics: [],
        external: false,
      },
    ],
  });
  const email = fillDigest(profile, reader);
  const host = new URL(base).hostname;
  const mail = {
    from: settings.MAIL_FROM,
    to: 'reader@preflight.invalid',
    messageId: `<preflight.${now.getTime()}@${host}>`,
    list: { unsubscribeUrl: reader.unsubscribeUrl },
    ...email,
  };
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-preflight-'));
  try {
    const outbox = { ...settings, SMTP_URL: undefined, OUTBOX_DIR: dir };
    let signed = true;
    let mailer: ReturnType<typeof createMailer>;
    try {
      mailer = createMailer(outbox);
    } catch {
      signed = false;
      mailer = createMailer({ ...outbox, DKIM_DOMAIN: undefined, DKIM_SELECTOR: undefined, DKIM_PRIVATE_KEY_PATH: undefined });
    }
    try {
      await mailer.send(mail);
    } finally {
      mailer.close();
    }
    const eml = readdirSync(dir).find((f) => f.endsWith('.eml'));
    if (!eml) throw new Error('the mailer wrote no message');
    return { raw: readFileSync(join(dir, eml)), html: email.html, unsubscribeUrl: reader.unsubscribeUrl, signed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
