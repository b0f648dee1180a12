import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { MailJob } from '../jobs/mail-job.js';
import { manageMail } from './link-mail.js';
import { claimLinkMail, findSubscriberByEmail } from './subscriber-repository.js';

/**
 * "Email me a link": the manage email for a pending or active address, at most one per few minutes;
 * null for anyone else. The caller answers the same either way.
 */
export function requestManageLink(db: Db, config: Pick<Config, 'SECRET_KEY' | 'PUBLIC_URL'>, email: string, now = new Date()): MailJob | null {
  return db.transaction((tx) => {
    const row = findSubscriberByEmail(tx, email);
    if (!row || (row.status !== 'active' && row.status !== 'pending')) return null;
    if (!claimLinkMail(tx, row.id, now)) return null;
    return manageMail(config.PUBLIC_URL, config.SECRET_KEY, row);
  });
}
