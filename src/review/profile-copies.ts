import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { deliveries } from '../db/schema.js';
import type { ComposedWith } from '../domain/statuses.js';
import { composedReaders } from '../digests/compose-jobs.js';
import { fillDigest, type ProfileRender } from '../mail/digest-email.js';
import { subscriberLinks } from '../tokens/tokens.js';

/** Stored copies are filled again this many readers at a time: memory grows with the page, not the profile. */
const REFILL_PAGE = 500;

/**
 * Fills a profile's new render into the stored copy of every reader whose email is composed and not
 * sent yet (an editor's change, a regeneration, the approval). Only 'composed' rows change: an email
 * already sent, cancelled or failed keeps the copy it had. Returns how many copies it replaced.
 */
export function refillProfileCopies(
  db: DbOrTx,
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>,
  digestId: number,
  profileKey: string,
  render: ProfileRender,
  now = new Date(),
  /** A regenerated profile may show other items, or be written by the fallback now: the rows say so too. */
  composed?: { itemIds: number[]; composedWith: ComposedWith },
): number {
  let refilled = 0;
  for (let afterId = 0; ; ) {
    const readers = composedReaders(db, digestId, profileKey, { afterId, limit: REFILL_PAGE });
    if (readers.length === 0) return refilled;
    for (const reader of readers) {
      const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, { id: reader.subscriberId, linkKey: reader.linkKey });
      const mail = fillDigest(render, { name: reader.name, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl });
      refilled += db
        .update(deliveries)
        .set({ subject: mail.subject, html: mail.html, text: mail.text, updatedAt: now, ...(composed ?? {}) })
        .where(and(eq(deliveries.id, reader.deliveryId), inArray(deliveries.status, ['composed'])))
        .run().changes;
    }
    afterId = readers[readers.length - 1]!.deliveryId;
  }
}
