import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { profileEvents } from '../db/schema.js';
import { getDigest } from '../digests/digest-repository.js';
import { profilesOf } from './profile-repository.js';
import type { ProfileLine } from './profile-text.js';
import type { Provenance } from './review-schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Everything that made each profile's text, and every change to it. */
export function digestProvenance(ctx: Pick<AppContext, 'db'>, digestId: number): Provenance {
  const digest = getDigest(ctx.db, digestId);
  const events = ctx.db.select().from(profileEvents).where(eq(profileEvents.digestId, digestId)).orderBy(asc(profileEvents.id)).all();
  return {
    digestId,
    model: digest.model,
    modelDigest: digest.modelDigest,
    reviewRequired: digest.reviewRequired,
    approvedBy: digest.approvedBy,
    approvedAt: iso(digest.approvedAt),
    groundingReplaced: digest.groundingReplacedCount,
    profiles: profilesOf(ctx.db, digestId).map((profile) => {
      const text = profile.text;
      const lines: Array<[string, ProfileLine]> = text
        ? [
            ['intro', text.intro],
            ...text.items.flatMap(
              (i): Array<[string, ProfileLine]> => [
                [`item:${i.id}:summary`, i.summary],
                [`item:${i.id}:line`, i.line],
              ],
            ),
            ...(text.people ?? []).map((p): [string, ProfileLine] => [`person:${p.id}`, p.line]),
          ]
        : [];
      return {
        id: profile.id,
        key: profile.key,
        language: profile.language,
        composedWith: profile.composedWith,
        fallback: profile.composedWith === 'fallback',
        promptVersion: profile.promptVersion,
        items: Object.entries(profile.itemHashes ?? {}).map(([id, hash]) => ({ id: Number(id), hash })),
        rawAnswer: profile.rawAnswer,
        findings: lines.flatMap(([target, line]) => [
          ...(line.replacedFindings ?? []).map((f) => ({ target, kind: f.kind, text: f.text, replaced: true })),
          ...line.findings.map((f) => ({ target, kind: f.kind, text: f.text, replaced: false })),
        ]),
        events: events
          .filter((e) => e.profileId === profile.id)
          .map((e) => ({ action: e.action, target: e.target, before: e.before, after: e.after, actor: e.actor, at: e.at.toISOString() })),
      };
    }),
  };
}
