import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { digestProfiles } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { ProfileRender } from '../mail/digest-email.js';

/** A digest's profile row, as review reads it. */
export type Profile = typeof digestProfiles.$inferSelect;

/** One profile of a digest, or a NotFoundError when it is not one of this digest's. */
export function profileOf(db: DbOrTx, digestId: number, profileId: number): Profile {
  const profile = db
    .select()
    .from(digestProfiles)
    .where(and(eq(digestProfiles.id, profileId), eq(digestProfiles.digestId, digestId)))
    .get();
  if (!profile) throw new NotFoundError(`Digest ${digestId} has no profile ${profileId}`);
  return profile;
}

/** A digest's profiles, in the order they were planned. */
export function profilesOf(db: DbOrTx, digestId: number): Profile[] {
  return db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digestId)).orderBy(asc(digestProfiles.id)).all();
}

/**
 * Keeps a profile's new render (an editor's change, the approval's footer): every reader of it still
 * waiting gets this one, filled in when it is sent or previewed.
 */
export function saveProfileRender(db: DbOrTx, profileId: number, render: ProfileRender): void {
  db.update(digestProfiles).set({ render }).where(eq(digestProfiles.id, profileId)).run();
}
