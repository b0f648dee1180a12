import type { DbOrTx } from '../db/client.js';
import { countWaiting } from '../deliveries/delivery-repository.js';
import { getDigest, closeDigestAsSent } from './digest-repository.js';

/** Closes a digest once no delivery is waiting any more. */
export function finishIfDone(db: DbOrTx, digestId: number, now = new Date()): void {
  const digest = getDigest(db, digestId);
  if (countWaiting(db, digestId, digest.dryRun) > 0) return;
  closeDigestAsSent(db, digestId, now);
}
