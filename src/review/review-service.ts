import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { deliveries, digestProfiles, profileEvents } from '../db/schema.js';
import { loadCandidates } from '../digests/candidate-items.js';
import { profileTopics } from '../digests/compose-jobs.js';
import { queueRegeneration, queueSendJobs } from '../digests/digest-queueing.js';
import { approveReviewedDigest, bumpGroundingReplaced, type Digest, getDigest } from '../digests/digest-repository.js';
import type { ProfileAction } from '../domain/statuses.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { emailStrings } from '../i18n/email-strings.js';
import { mailJobSchema } from '../jobs/mail-job.js';
import { fillDigest } from '../mail/digest-email.js';
import { loadTeamMembers } from '../people/new-people.js';
import { parseTargetName, targetName } from './line-targets.js';
import { type Profile, profileOf, profilesOf, saveProfileRender } from './profile-repository.js';
import { ownerTemplates } from './owner-templates.js';
import { groundsOf, renderProfile } from './profile-render.js';
import type { ProfileLine, ProfileText } from './profile-text.js';
import { editedLine, lineAt, withLine } from './profile-lines.js';
import { fallbackText, flaggedCount, replaceFlaggedLines } from './profile-text-build.js';
import type { ProfileChange, ProfileReview } from './review-schema.js';

/**
 * The review use cases, shared by the JSON API, the console and the command line. `actor` is who acts:
 * a console user's email, `api` for the bearer token, `cli` for the command line.
 */
type ReviewContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis' | 'logger'>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function readerCount(db: DbOrTx, digestId: number, profileKey: string): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .where(and(eq(deliveries.digestId, digestId), eq(deliveries.profileKey, profileKey)))
    .get()!.n;
}

function reviewOf(db: DbOrTx, profile: Profile): ProfileReview {
  const text = profile.text;
  const topics = profileTopics(db, profile);
  const items = text
    ? loadCandidates(
        db,
        text.items.map((i) => i.id),
      )
    : [];
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    id: profile.id,
    key: profile.key,
    language: profile.language,
    topics,
    readerCount: readerCount(db, profile.digestId, profile.key),
    composedWith: profile.composedWith,
    llmError: profile.llmError,
    composedAt: iso(profile.composedAt),
    flagged: flaggedCount(text),
    intro: text ? text.intro : null,
    items: (text?.items ?? []).map((line) => {
      const item = byId.get(line.id);
      return {
        id: line.id,
        kind: item?.kind ?? 'news',
        title: item?.title ?? `#${line.id}`,
        url: item?.url ?? null,
        authors: item?.authors ?? [],
        venue: item?.venue ?? null,
        ownSummary: item?.summary ?? '',
        summary: line.summary,
        line: line.line,
      };
    }),
    people: peopleReview(db, text),
  };
}

/** Each welcome line beside the person's own data, as review shows them (a person deleted since keeps their line). */
function peopleReview(db: DbOrTx, text: ProfileText | null): NonNullable<ProfileReview['people']> {
  const lines = text?.people ?? [];
  const byId = new Map(
    loadTeamMembers(
      db,
      lines.map((p) => p.id),
    ).map((p) => [p.id, p]),
  );
  return lines.map((p) => {
    const person = byId.get(p.id);
    return { id: p.id, name: person?.name ?? `#${p.id}`, role: person?.role ?? null, bio: person?.bio ?? '', line: p.line };
  });
}

/** Every profile of a digest, for review. NotFoundError for an unknown digest. */
export function listProfiles(ctx: ReviewContext, digestId: number): ProfileReview[] {
  getDigest(ctx.db, digestId);
  return profilesOf(ctx.db, digestId).map((p) => reviewOf(ctx.db, p));
}

/** One profile, for review. NotFoundError when it is not a profile of this digest. */
export function getProfileReview(ctx: ReviewContext, digestId: number, profileId: number): ProfileReview {
  getDigest(ctx.db, digestId);
  return reviewOf(ctx.db, profileOf(ctx.db, digestId, profileId));
}

/**
 * The profile's email as its readers get it, for the sandboxed frame: the same text and template, filled
 * for a stand-in reader (no name; links to the public "manage" page) so that reviewing never shows a
 * reader's name or their signed links. ConflictError while nothing is composed.
 */
export async function profileEmail(ctx: ReviewContext, digestId: number, profileId: number): Promise<{ subject: string; html: string; text: string }> {
  const digest = getDigest(ctx.db, digestId);
  const profile = profileOf(ctx.db, digestId, profileId);
  if (!profile.text) throw new ConflictError(`Profile ${profileId} has no composed email yet`);
  return standInEmail(ctx, digest, profile, profile.text);
}

/** A profile's email rendered and filled for a stand-in reader: what review shows and a test send sends. */
async function standInEmail(
  ctx: ReviewContext,
  digest: Digest,
  profile: Parameters<typeof renderProfile>[4],
  text: ProfileText,
): Promise<{ subject: string; html: string; text: string }> {
  const templates = await ownerTemplates(ctx.config);
  const render = renderProfile(ctx.db, ctx.config, templates, digest, profile, text, digest.approvedAt !== null);
  const standIn = `${ctx.config.PUBLIC_URL}/manage`;
  return fillDigest(render, { name: null, preferencesUrl: standIn, unsubscribeUrl: standIn });
}

function recordEvent(
  db: DbOrTx,
  profile: Profile,
  event: { action: ProfileAction; target?: string | null; before?: string | null; after?: string | null; actor: string },
  now: Date,
): void {
  db.insert(profileEvents)
    .values({
      digestId: profile.digestId,
      profileId: profile.id,
      action: event.action,
      target: event.target ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      actor: event.actor.slice(0, 320),
      at: now,
    })
    .run();
}

function requireReview(digest: Digest, what: string): void {
  if (digest.status !== 'review') throw new ConflictError(`Digest ${digest.id} is ${digest.status}: ${what} only while it is in review`);
}

/**
 * Applies one editor change (only while the digest is in review): the line is written, kept or put back
 * to the fallback text, the change is logged, and the profile's stored emails are filled again.
 * ConflictError outside review; InvalidInputError for text that model output could not be either.
 */
export async function changeProfile(ctx: ReviewContext, digestId: number, profileId: number, change: ProfileChange, actor: string): Promise<ProfileReview> {
  requireReview(getDigest(ctx.db, digestId), 'a profile can be changed');
  const templates = await ownerTemplates(ctx.config);
  return ctx.db.transaction((tx) => {
    const now = new Date();
    const digest = getDigest(tx, digestId);
    requireReview(digest, 'a profile can be changed');
    const profile = profileOf(tx, digestId, profileId);
    if (!profile.text) throw new ConflictError(`Profile ${profileId} has no text yet`);
    const grounds = groundsOf(tx, ctx.config, digest, profile);
    const before = lineAt(profile.text, change.target);
    const after: ProfileLine =
      change.action === 'edit'
        ? editedLine(change.text, change.target, grounds)
        : change.action === 'keep'
          ? { ...before, kept: true }
          : fallbackText(profile.text, grounds, change.target);
    const text = withLine(profile.text, change.target, after);
    tx.update(digestProfiles).set({ text }).where(eq(digestProfiles.id, profile.id)).run();
    recordEvent(tx, profile, { action: change.action, target: targetName(change.target), before: before.text, after: after.text, actor }, now);
    saveProfileRender(tx, profile.id, renderProfile(tx, ctx.config, templates, digest, profile, text, false));
    return reviewOf(tx, { ...profile, text });
  });
}

/**
 * Asks the model again for this profile (a compose job under a fresh id); the digest stays in review
 * and the new text replaces the old, in the profile and its stored emails, when it arrives.
 */
export async function regenerateProfile(ctx: ReviewContext, digestId: number, profileId: number, actor: string): Promise<void> {
  const digest = getDigest(ctx.db, digestId);
  requireReview(digest, 'a profile can be composed again');
  const profile = profileOf(ctx.db, digestId, profileId);
  const asked = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(profileEvents)
    .where(and(eq(profileEvents.profileId, profileId), eq(profileEvents.action, 'regenerate')))
    .get()!.n;
  await queueRegeneration(ctx, digest, profile, asked + 1);
  recordEvent(ctx.db, profile, { action: 'regenerate', actor }, new Date());
}

const addressSchema = z.email().max(320);

/**
 * Sends this profile's email to one address through the transactional mail queue, rendered for a
 * stand-in reader (no name; links to the public "manage" page), subject marked as a test. Never a
 * delivery, never counted. Works in review and after. Returns the Message-ID it will carry.
 */
export async function testSendProfile(ctx: ReviewContext, digestId: number, profileId: number, to: string, actor: string): Promise<{ messageId: string }> {
  const address = addressSchema.safeParse(to.trim());
  if (!address.success) throw new InvalidInputError('A test goes to one valid email address');
  const digest = getDigest(ctx.db, digestId);
  const profile = profileOf(ctx.db, digestId, profileId);
  if (!profile.text) throw new ConflictError(`Profile ${profileId} has no text yet`);
  const mail = await standInEmail(ctx, digest, profile, profile.text);
  const messageId = `<test-${digestId}-${profileId}.${randomUUID()}@${new URL(ctx.config.PUBLIC_URL).hostname}>`;
  const job = mailJobSchema.parse({
    template: 'prepared',
    to: address.data,
    name: null,
    language: profile.language,
    subject: `${emailStrings(profile.language).review.testPrefix}${mail.subject}`.slice(0, 300),
    html: mail.html,
    text: mail.text,
    messageId,
  });
  await ctx.queues.mail.add('prepared', job);
  recordEvent(ctx.db, profile, { action: 'test-send', after: address.data, actor }, new Date());
  return { messageId };
}

/**
 * Approves a digest in review (admins): every flagged line nobody edited or kept is replaced by the
 * item's own text (counted), every profile is rendered again with the footer saying the lab reviewed
 * it, the stored emails are filled again, and then the sends are queued. ConflictError unless in review.
 */
export async function approveDigest(ctx: ReviewContext, digestId: number, actor: string): Promise<Digest> {
  requireReview(getDigest(ctx.db, digestId), 'a digest can be approved');
  const templates = await ownerTemplates(ctx.config);
  ctx.db.transaction((tx) => {
    const now = new Date();
    const digest = getDigest(tx, digestId);
    requireReview(digest, 'a digest can be approved');
    let replacedInAll = 0;
    for (const profile of profilesOf(tx, digestId)) {
      if (!profile.text) continue;
      const grounds = groundsOf(tx, ctx.config, digest, profile);
      const { text, replaced, targets } = replaceFlaggedLines(profile.text, grounds);
      if (replaced > 0) {
        const old = profile.text;
        tx.update(digestProfiles).set({ text }).where(eq(digestProfiles.id, profile.id)).run();
        for (const target of targets) {
          // replaceFlaggedLines names only lines it found, so the name always reads back.
          const parsed = parseTargetName(target)!;
          recordEvent(tx, profile, { action: 'replace-flagged', target, before: lineAt(old, parsed).text, after: lineAt(text, parsed).text, actor }, now);
        }
        replacedInAll += replaced;
      }
      saveProfileRender(tx, profile.id, renderProfile(tx, ctx.config, templates, digest, profile, text, true));
      recordEvent(tx, profile, { action: 'approve', actor }, now);
    }
    bumpGroundingReplaced(tx, digestId, replacedInAll);
    // The one change that must happen once: a second approval (or a cancel in between) undoes all of the above.
    if (approveReviewedDigest(tx, digestId, actor, now) === 0) throw new ConflictError(`Digest ${digestId} is no longer in review`);
  });
  await queueSendJobs(ctx, getDigest(ctx.db, digestId));
  return getDigest(ctx.db, digestId);
}
