import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { digestProfiles, digests, subscribers } from '../db/schema.js';
import { readersServedIn } from '../deliveries/delivery-repository.js';
import { type PlannedRow, planDeliveries } from '../deliveries/delivery-transitions.js';
import { InvalidInputError } from '../errors.js';
import type { Language } from '../i18n/languages.js';
import { newTeamMembers } from '../people/new-people.js';
import { topicSlugsByIds } from '../subscribers/subscriber-query.js';
import { type Digest, findLiveDigest, getDigest, previousDigest } from './digest-repository.js';
import { firstDigestStart, parsePeriod } from './period.js';
import { candidatesFor, type WindowItem, windowItems } from './window-items.js';

export { MAX_CANDIDATES } from './window-items.js';

export interface PlanRequest {
  period: string;
  windowStart?: Date;
  windowEnd?: Date;
  dryRun?: boolean;
}

/** The window a new digest covers: after the previous digest's cut-off (or from the month before) up to now. */
export function digestWindow(db: Db, req: PlanRequest, now: Date): { start: Date; end: Date; inclusiveStart: boolean } {
  const end = req.windowEnd ?? now;
  if (req.windowStart) return { start: req.windowStart, end, inclusiveStart: true };
  const previous = previousDigest(db);
  if (previous) return { start: previous.windowEnd, end, inclusiveStart: false };
  return { start: firstDigestStart(req.period), end, inclusiveStart: true };
}

/** Readers are read this many at a time when planning: memory grows with the page, not the list. */
const READER_PAGE = 2000;

/** The active, unpaused readers in id order, a page at a time, each with their topics (sorted: the profile key must not depend on the form's order). */
function* readerPages(db: DbOrTx) {
  for (let afterId = 0; ; ) {
    const rows = db
      .select({ id: subscribers.id, email: subscribers.email, language: subscribers.language })
      .from(subscribers)
      .where(and(eq(subscribers.status, 'active'), eq(subscribers.paused, false), gt(subscribers.id, afterId)))
      .orderBy(asc(subscribers.id))
      .limit(READER_PAGE)
      .all();
    if (rows.length === 0) return;
    const chosen = topicSlugsByIds(
      db,
      rows.map((r) => r.id),
    );
    yield rows.map((r) => ({ ...r, topics: [...(chosen.get(r.id) ?? [])].sort() }));
    afterId = rows[rows.length - 1]!.id;
  }
}

/** A new Message-ID for each email of the digest, on the public host. */
function messageIds(config: Config, digestId: number): () => string {
  const host = new URL(config.PUBLIC_URL).hostname;
  return () => `<digest-${digestId}.${randomUUID()}@${host}>`;
}

const insertProfile = preparedPerDb((db) =>
  db
    .insert(digestProfiles)
    .values({
      digestId: sql.placeholder('digestId'),
      key: sql.placeholder('key'),
      language: sql.placeholder('language'),
      topicSlugs: sql.placeholder('topicSlugs'),
      candidateIds: sql.placeholder('candidateIds'),
    })
    .prepare(),
);

/** A profile as planning knows it: its key and the candidates its readers share. */
interface ReaderProfile {
  key: string;
  candidateIds: number[];
}

/**
 * The profile of a reader (null: nothing new for them), created on first use. Readers with the same
 * language and topics share one, so it is worked out once per distinct choice, not once per reader.
 */
function profileOf(
  tx: DbOrTx,
  known: { choices: Map<string, ReaderProfile | null>; keys: Set<string> },
  digestId: number,
  reader: { language: Language; topics: string[] },
  offer: { windowed: WindowItem[]; newPeople: boolean },
): ReaderProfile | null {
  const choice = `${reader.language}|${reader.topics.join(',')}`;
  const seen = known.choices.get(choice);
  if (seen !== undefined) return seen;
  const candidates = candidatesFor(reader.topics, offer.windowed);
  let profile: ReaderProfile | null = null;
  // New team members are news for every reader: a reader with no item of their topics still gets them.
  if (candidates.length > 0 || offer.newPeople) {
    const present = new Set(candidates.flatMap((c) => c.topics));
    const matched = reader.topics.filter((t) => present.has(t));
    const candidateIds = candidates.map((c) => c.id);
    const key = createHash('sha256')
      .update(JSON.stringify([reader.language, candidateIds, matched]))
      .digest('hex')
      .slice(0, 24);
    // Two choices can end in the same profile (topics with nothing new this month): one row per key.
    if (!known.keys.has(key)) {
      known.keys.add(key);
      insertProfile(tx).run({ digestId, key, language: reader.language, topicSlugs: matched, candidateIds });
    }
    profile = { key, candidateIds };
  }
  known.choices.set(choice, profile);
  return profile;
}

/**
 * Creates a digest and everything it will send: one profile per distinct (language, candidates, matched
 * topics), one delivery row per reader (skipped when the reader has nothing to read: no item of their
 * topics and nobody new in the team). Candidates are the window's items and the events coming up
 * (window-items.ts); the team members who joined in the window go to every profile at compose time. Idempotent per
 * period: a second call returns the live digest that already exists.
 */
export function planDigest(db: Db, config: Config, req: PlanRequest, now = new Date()): { digest: Digest; created: boolean } {
  parsePeriod(req.period);
  const dryRun = req.dryRun ?? false;
  const existing = findLiveDigest(db, req.period, dryRun);
  if (existing) return { digest: existing, created: false };
  const window = digestWindow(db, req, now);
  if (window.end.getTime() <= window.start.getTime()) throw new InvalidInputError('The digest window ends before it starts');

  let id: number | null;
  try {
    id = insertPlan(db, config, req, dryRun, window, now);
  } catch (err) {
    // Another process planned the same period between our check and our insert: theirs is the digest.
    const raced = err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE';
    if (!raced) throw err;
    id = null;
  }
  if (id === null) return { digest: findLiveDigest(db, req.period, dryRun)!, created: false };
  return { digest: getDigest(db, id), created: true };
}

function insertPlan(db: Db, config: Config, req: PlanRequest, dryRun: boolean, window: ReturnType<typeof digestWindow>, now: Date): number | null {
  return db.transaction((tx) => {
    if (findLiveDigest(tx, req.period, dryRun)) return null;
    const digest = tx
      .insert(digests)
      .values({
        period: req.period,
        dryRun,
        windowStart: window.start,
        windowEnd: window.end,
        model: config.OLLAMA_MODEL,
        // Decided once, now: a digest planned with review on waits for an approval even if the setting changes.
        reviewRequired: config.REVIEW_REQUIRED && !dryRun,
      })
      .returning()
      .get();
    const windowed = windowItems(tx, window);
    const offer = { windowed, newPeople: newTeamMembers(tx, window).length > 0 };
    const profiles = { choices: new Map<string, ReaderProfile | null>(), keys: new Set<string>() };
    let planned = 0;
    let skipped = 0;
    const messageId = messageIds(config, digest.id);
    for (const page of readerPages(tx)) {
      // Readers who already got this period's email from an earlier digest that was then cancelled or
      // failed: planning the period again must not send them a second one.
      const served = dryRun
        ? new Set<number>()
        : readersServedIn(
            tx,
            req.period,
            page.map((r) => r.id),
          );
      const rows: PlannedRow[] = [];
      for (const reader of page) {
        const base = { digestId: digest.id, subscriberId: reader.id, email: reader.email, messageId: messageId() };
        const profile = profileOf(tx, profiles, digest.id, reader, offer);
        if (served.has(reader.id) || profile === null) {
          const error = served.has(reader.id) ? `already received the ${req.period} digest` : 'nothing new for this reader';
          rows.push({ ...base, status: 'skipped', error });
          skipped++;
        } else {
          rows.push({ ...base, profileKey: profile.key, itemIds: profile.candidateIds });
          planned++;
        }
      }
      planDeliveries(tx, rows);
    }
    const finished = planned === 0;
    tx.update(digests)
      .set({
        itemCount: windowed.length,
        plannedCount: planned,
        skippedCount: skipped,
        profileCount: profiles.keys.size,
        status: finished ? 'sent' : 'composing',
        startedAt: now,
        finishedAt: finished ? now : null,
      })
      .where(eq(digests.id, digest.id))
      .run();
    return digest.id;
  });
}
