import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { deliveries, digestProfiles, topics } from '../db/schema.js';
import { cancelItemsDeleted, cancelReadersWhoLeft } from '../deliveries/delivery-transitions.js';
import type { CandidateItem, ComposeJob, TeamMember } from '../jobs/digest-jobs.js';
import { newTeamMembers } from '../people/new-people.js';
import { loadCandidates } from './candidate-items.js';
import { type Digest, digestKeyOf } from './digest-repository.js';
import { cachedSummariesOf } from './summary-store.js';
import type { Language } from '../i18n/languages.js';
import { topicLabel } from '../topics/topic-schema.js';
import { finishIfDone } from './digest-completion.js';
import { windowOfDigest } from './window-items.js';

type Profile = typeof digestProfiles.$inferSelect;
/** What a compose job needs of a profile. */
type ProfilePlan = Pick<Profile, 'key' | 'language' | 'topicSlugs' | 'candidateIds'>;
type TopicRow = { slug: string; labels: typeof topics.$inferSelect.labels };

/** The topics of these slugs, by slug. */
function topicsBySlug(db: DbOrTx, slugs: readonly string[]): Map<string, TopicRow> {
  if (slugs.length === 0) return new Map();
  const rows = db
    .select({ slug: topics.slug, labels: topics.labels })
    .from(topics)
    .where(inArray(topics.slug, [...slugs]))
    .all();
  return new Map(rows.map((t) => [t.slug, t]));
}

/** A profile's topics with their labels in its language, in the profile's order, from the topics read. */
function topicsOf(bySlug: Map<string, TopicRow>, profile: Pick<Profile, 'topicSlugs' | 'language'>): Array<{ slug: string; label: string }> {
  return profile.topicSlugs.flatMap((slug) => {
    const topic = bySlug.get(slug);
    return topic ? [{ slug, label: topicLabel(topic, profile.language) }] : [];
  });
}

/** A profile's topics with their labels in its language, in the profile's order. */
export function profileTopics(db: DbOrTx, profile: Pick<Profile, 'topicSlugs' | 'language'>): Array<{ slug: string; label: string }> {
  return topicsOf(topicsBySlug(db, profile.topicSlugs), profile);
}

/** Who joined the lab in the digest's window: every profile of the digest welcomes them. */
export function digestNewcomers(db: DbOrTx, digest: Digest): TeamMember[] {
  return newTeamMembers(db, windowOfDigest(db, digest));
}

/**
 * What the compose jobs of a digest share, read once for all of them: profiles share their items, topics
 * and summaries, so reading them per profile read the same rows hundreds of times. Held only while the
 * jobs are built; it grows with the digest's items, never with its readers.
 */
interface DigestContent {
  candidates: Map<number, CandidateItem>;
  topics: Map<string, TopicRow>;
  people: TeamMember[];
  /** The cached summaries of a profile's candidates (none for a regeneration: the model writes them again). */
  summaries: (candidates: readonly CandidateItem[], language: Language) => Record<string, string>;
}

function digestContent(db: Db, config: Config, digest: Digest, profiles: readonly ProfilePlan[], opts: { summaries: boolean }): DigestContent {
  const ids = [...new Set(profiles.flatMap((p) => p.candidateIds))];
  const candidates = loadCandidates(db, ids, digest.windowEnd);
  const model = digest.model ?? config.OLLAMA_MODEL;
  return {
    candidates: new Map(candidates.map((c) => [c.id, c])),
    topics: topicsBySlug(db, [...new Set(profiles.flatMap((p) => p.topicSlugs))]),
    people: digestNewcomers(db, digest),
    summaries: opts.summaries
      ? cachedSummariesOf(
          db,
          candidates,
          profiles.map((p) => p.language),
          model,
        )
      : () => ({}),
  };
}

/** A profile's candidates as loadCandidates gives them: in the profile's order, without the items deleted since. */
function candidatesOf(content: DigestContent, profile: ProfilePlan): CandidateItem[] {
  return profile.candidateIds.flatMap((id) => {
    const item = content.candidates.get(id);
    return item ? [item] : [];
  });
}

function composeJobOf(config: Config, digest: Digest, profile: ProfilePlan, content: DigestContent, revision?: number): ComposeJob {
  const candidates = candidatesOf(content, profile);
  return {
    digestId: digest.id,
    digestKey: digestKeyOf(digest),
    period: digest.period,
    profileKey: profile.key,
    language: profile.language,
    topics: topicsOf(content.topics, profile),
    candidates,
    cachedSummaries: content.summaries(candidates, profile.language),
    people: content.people,
    timeZone: config.TIME_ZONE,
    dryRun: digest.dryRun,
    orgName: config.ORG_NAME,
    // An editor reviews the text: flagged lines stay for them to see. Otherwise they never reach a reader.
    replaceFlagged: !digest.reviewRequired,
    ...(revision ? { revision } : {}),
  };
}

const readerIn = (status: 'planned' | 'composed') =>
  preparedPerDb((db) =>
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.digestId, sql.placeholder('digestId')), eq(deliveries.profileKey, sql.placeholder('profileKey')), eq(deliveries.status, status)))
      .limit(1)
      .prepare(),
  );
const readerInOf = { planned: readerIn('planned'), composed: readerIn('composed') };

/** Whether any of a profile's deliveries is in this state. */
function hasReadersIn(db: DbOrTx, digestId: number, profileKey: string, status: 'planned' | 'composed'): boolean {
  return readerInOf[status](db).get({ digestId, profileKey }) !== undefined;
}

/**
 * The compose job that asks the model again for one profile of a digest in review. Like every compose
 * job it carries no reader: the profile's render is filled per reader when sent. Null when no reader
 * of the profile is left.
 */
export function buildRegenerateJob(db: Db, config: Config, digest: Digest, profile: Profile, revision: number): ComposeJob | null {
  const content = digestContent(db, config, digest, [profile], { summaries: false });
  if (!hasReadersIn(db, digest.id, profile.key, 'composed') || (content.candidates.size === 0 && content.people.length === 0)) return null;
  return composeJobOf(config, digest, profile, content, revision);
}

/**
 * One compose job per profile that still has readers waiting (deliveries in `planned`), each with the
 * digest's new team members. Readers who left since planning are cancelled here rather than written to,
 * and so are the readers of a profile left with nothing (its items deleted since, and nobody new).
 */
export function buildComposeJobs(db: Db, config: Config, digest: Digest): ComposeJob[] {
  cancelReadersWhoLeft(db, digest.id);
  const waiting = db
    .select({ key: digestProfiles.key, language: digestProfiles.language, topicSlugs: digestProfiles.topicSlugs, candidateIds: digestProfiles.candidateIds })
    .from(digestProfiles)
    .where(eq(digestProfiles.digestId, digest.id))
    .all()
    .filter((profile) => hasReadersIn(db, digest.id, profile.key, 'planned'));
  const content = digestContent(db, config, digest, waiting, { summaries: true });
  const jobs: ComposeJob[] = [];
  for (const profile of waiting) {
    if (candidatesOf(content, profile).length === 0 && content.people.length === 0) {
      cancelItemsDeleted(db, digest.id, profile.key);
      continue;
    }
    jobs.push(composeJobOf(config, digest, profile, content));
  }
  // Cancelling readers above may have left nothing to wait for.
  finishIfDone(db, digest.id);
  return jobs;
}
