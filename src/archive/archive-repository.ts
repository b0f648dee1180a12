import { and, desc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { digestProfiles, digests } from '../db/schema.js';
import type { Digest } from '../digests/digest-repository.js';
import type { Language } from '../i18n/languages.js';
import type { Profile } from '../review/profile-repository.js';

/** Sent, real digests that reached at least one reader: the archive's issues. */
const published = () => and(eq(digests.dryRun, false), eq(digests.status, 'sent'), gt(digests.sentCount, 0));

/** The archive's issues, newest period first (at most `limit`). */
export function publishedDigests(db: DbOrTx, limit = 500): Digest[] {
  return db.select().from(digests).where(published()).orderBy(desc(digests.period), desc(digests.id)).limit(limit).all();
}

/** The published digest of a period, if there is one (a period has at most one live real digest). */
export function publishedDigest(db: DbOrTx, period: string): Digest | undefined {
  return db
    .select()
    .from(digests)
    .where(and(published(), eq(digests.period, period)))
    .orderBy(desc(digests.id))
    .get();
}

/**
 * The profile readers with no topics got in a language, when any such reader existed: no matched topic,
 * and of those the one with the most candidates (a reader with topics but nothing of them this month gets
 * a profile with no items and no topics too: only new team members).
 */
export function noTopicsProfile(db: DbOrTx, digestId: number, language: Language): Profile | undefined {
  const rows = db
    .select()
    .from(digestProfiles)
    .where(and(eq(digestProfiles.digestId, digestId), eq(digestProfiles.language, language)))
    .all()
    .filter((p) => p.topicSlugs.length === 0 && p.render !== null);
  return rows.sort((a, b) => b.candidateIds.length - a.candidateIds.length || a.id - b.id)[0];
}
