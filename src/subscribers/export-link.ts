import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { mailJobSchema, type MailJob } from '../jobs/mail-job.js';
import { EXPORT_TOKEN_TTL_MS, signExpiringToken, type TokenSubject } from '../tokens/tokens.js';
import { claimLinkMail, findSubscriber } from './subscriber-repository.js';

/** The short-lived "download my data" link: the data leaves only through the reader's own mailbox. */
export function exportUrlFor(config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'>, subject: TokenSubject, now = new Date()): string {
  const token = signExpiringToken(config.SECRET_KEY, 'export', subject, new Date(now.getTime() + EXPORT_TOKEN_TTL_MS));
  return `${config.PUBLIC_URL}/data/${token}`;
}

/**
 * "Email me my data": the data-export email for the subscriber, at most one link email per few minutes
 * (the same throttle as the manage and confirm links); null when throttled. The caller answers the same either way.
 */
export function requestExportLink(db: Db, config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'>, subscriberId: number, now = new Date()): MailJob | null {
  return db.transaction((tx) => {
    const row = findSubscriber(tx, subscriberId);
    if (!row || !claimLinkMail(tx, row.id, now)) return null;
    return mailJobSchema.parse({ template: 'data-export', to: row.email, name: null, language: row.language, exportUrl: exportUrlFor(config, row, now) });
  });
}
