import { and, count, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { deliveries, digestProfiles, topics } from '../db/schema.js';
import { cancelItemsDeleted, cancelReadersWhoLeft } from '../deliveries/delivery-transitions.js';
import type { CandidateItem, ComposeJob, TeamMember } from '../jobs/digest-jobs.js';
import { newTeamMembers } from '../people/new-people.js';
import { loadCandidates } from './candidate-items.js';
import { type Digest, digestKeyOf } from './digest-repository.js';
import { cachedSummaries } from './summary-store.js';
import { topicLabel } from '../topics/topic-schema.js';
import { finishIfDone } from './digest-completion.js';
import { windowOfDigest } from './window-items.js';

type Profile = typeof digestProfiles.$inferSelect;

/** A profile's topics with their labels in its language, in the profile's order. */
export function profileTopics(db: DbOrTx, profile: Pick<Profile, 'topicSlugs' | 'language'>): Array<{ slug: string; label: string }> {
  if (profile.topicSlugs.length === 0) return [];
  const rows = db.select({ slug: topics.slug, labels: topics.labels }).from(topics).where(inArray(topics.slug, profile.topicSlugs)).all();
  const bySlug = new Map(rows.map((t) => [t.slug, topicLabel(t, profile.language)]));
  return profile.topicSlugs.filter((slug) => bySlug.has(slug)).map((slug) => ({ slug, label: bySlug.get(slug)! }));
}

/** Who joined the lab in the digest's window: every profile of the digest welcomes them. */
export function digestNewcomers(db: DbOrTx, digest: Digest): TeamMember[] {
  return newTeamMembers(db, windowOfDigest(db, digest));
}

function composeJobOf(
  db: Db,
  config: Config,
  digest: Digest,
  profile: Profile,
  content: { candidates: CandidateItem[]; people: TeamMember[] },
  revision?: number,
): ComposeJob {
  const { candidates } = content;
  return {
    digestId: digest.id,
    digestKey: digestKeyOf(digest),
    period: digest.period,
    profileKey: profile.key,
    language: profile.language,
    topics: profileTopics(db, profile),
    candidates,
    cachedSummaries: revision ? {} : cachedSummaries(db, candidates, profile.language, digest.model ?? config.OLLAMA_MODEL),
    people: content.people,
    timeZone: config.TIME_ZONE,
    dryRun: digest.dryRun,
    orgName: config.ORG_NAME,
    // An editor reviews the text: flagged lines stay for them to see. Otherwise they never reach a reader.
    replaceFlagged: !digest.reviewRequired,
    ...(revision ? { revision } : {}),
  };
}

/** How many of a profile's deliveries are in this state. */
function readersIn(db: DbOrTx, digestId: number, profileKey: string, status: 'planned' | 'composed'): number {
  return db
    .select({ n: count() })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey), eq(deliveries.status, status)))
    .get()!.n;
}

/**
 * The compose job that asks the model again for one profile of a digest in review. Like every compose
 * job it carries no reader: the profile's render is filled per reader when sent. Null when no reader
 * of the profile is left.
 */
export function buildRegenerateJob(db: Db, config: Config, digest: Digest, profile: Profile, revision: number): ComposeJob | null {
  const candidates = loadCandidates(db, profile.candidateIds, digest.windowEnd);
  const people = digestNewcomers(db, digest);
  if (readersIn(db, digest.id, profile.key, 'composed') === 0 || (candidates.length === 0 && people.length === 0)) return null;
  return composeJobOf(db, config, digest, profile, { candidates, people }, revision);
}

/**
 * One compose job per profile that still has readers waiting (deliveries in `planned`), each with the
 * digest's new team members. Readers who left since planning are cancelled here rather than written to,
 * and so are the readers of a profile left with nothing (its items deleted since, and nobody new).
 */
export function buildComposeJobs(db: Db, config: Config, digest: Digest): ComposeJob[] {
  cancelReadersWhoLeft(db, digest.id);
  const profiles = db.select().from(digestProfiles).where(eq(digestProfiles.digestId, digest.id)).all();
  const jobs: ComposeJob[] = [];
  const people = digestNewcomers(db, digest);
  for (const profile of profiles) {
    if (readersIn(db, digest.id, profile.key, 'planned') === 0) continue;
    const candidates = loadCandidates(db, profile.candidateIds, digest.windowEnd);
    if (candidates.length === 0 && people.length === 0) {
      cancelItemsDeleted(db, digest.id, profile.key);
      continue;
    }
    jobs.push(composeJobOf(db, config, digest, profile, { candidates, people }));
  }
  // Cancelling readers above may have left nothing to wait for.
  finishIfDone(db, digest.id);
  return jobs;
}
