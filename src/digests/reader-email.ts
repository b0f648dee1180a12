import { and, eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { digestProfiles } from '../db/schema.js';
import type { Delivery } from '../deliveries/delivery-repository.js';
import { ConflictError } from '../errors.js';
import { fillDigest } from '../mail/digest-email.js';
import { findSubscriber } from '../subscribers/subscriber-repository.js';
import { subscriberLinks } from '../tokens/tokens.js';

/**
 * The email of one delivery as its reader gets it: the profile's render filled with the reader's name
 * and signed links, the same fill the send worker does. Rows of an older database that kept a whole
 * copy per reader show that copy. ConflictError while there is nothing composed for the reader.
 */
export function readerEmail(
  db: DbOrTx,
  config: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'>,
  delivery: Delivery,
): { subject: string; html: string; text: string } {
  if (delivery.html && delivery.subject && delivery.text) return { subject: delivery.subject, html: delivery.html, text: delivery.text };
  const nothing = () => new ConflictError(`The email for this delivery is ${delivery.status}: there is nothing to preview yet`);
  if (!delivery.composedWith || delivery.profileKey === null || delivery.subscriberId === null) throw nothing();
  const profile = db
    .select({ render: digestProfiles.render })
    .from(digestProfiles)
    .where(and(eq(digestProfiles.digestId, delivery.digestId), eq(digestProfiles.key, delivery.profileKey)))
    .get();
  const reader = findSubscriber(db, delivery.subscriberId);
  if (!profile?.render || !reader) throw nothing();
  const links = subscriberLinks(config.PUBLIC_URL, config.SECRET_KEY, { id: reader.id, linkKey: reader.linkKey });
  return fillDigest(profile.render, { name: reader.name, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl });
}
