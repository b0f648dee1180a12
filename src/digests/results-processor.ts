import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { deliveries, digestProfiles, digests, llmSummaries, subscribers } from '../db/schema.js';
import type { ResultJob } from '../jobs/digest-jobs.js';
import { summaryCacheKey } from '../llm/summary-cache.js';
import { loadCandidates } from './compose-jobs.js';
import { fillDigest, type ProfileRender } from '../mail/digest-email.js';
import { finishIfDone } from './digest-completion.js';
import { bumpDigestCounts, getDigest } from './digest-repository.js';

/**
 * Applies one worker result to the database. Every change is a conditional update, so a result that
 * arrives twice, late, or out of order changes nothing the second time.
 */
export function applyResult(db: Db, result: ResultJob, opts: { llmRequired: boolean }): { digestFailed: boolean } {
  let digestFailed = false;
  db.transaction((tx) => {
    const now = new Date();
    switch (result.type) {
      case 'composed': {
        // Fill each reader in here (string work) and store the exact email. Keyed on "no email stored
        // yet" rather than on status, so a 'sent' report that overtook this one does not lose the copy.
        const profile: ProfileRender = result.profile;
        let changed = 0;
        for (const reader of result.readers) {
          const mail = fillDigest(profile, reader);
          const r = tx
            .update(deliveries)
            .set({
              status: sql`CASE WHEN ${deliveries.status} = 'planned' THEN 'composed' ELSE ${deliveries.status} END`,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
              itemIds: result.itemIds,
              composedWith: result.composedWith,
              updatedAt: now,
            })
            .where(and(eq(deliveries.id, reader.deliveryId), eq(deliveries.digestId, result.digestId), isNull(deliveries.html)))
            .run();
          changed += r.changes;
        }
        if (changed > 0) {
          bumpDigestCounts(tx, result.digestId, {
            [result.composedWith === 'llm' ? 'composedWithLlm' : 'composedWithoutLlm']: changed,
            llmCallCount: result.llmCalls,
          });
          tx.update(digestProfiles)
            .set({ composedWith: result.composedWith, llmError: result.llmError })
            .where(and(eq(digestProfiles.digestId, result.digestId), eq(digestProfiles.key, result.profileKey)))
            .run();
          tx.update(digests).set({ status: 'sending' }).where(and(eq(digests.id, result.digestId), eq(digests.status, 'composing'))).run();
          storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
        }
        break;
      }
      case 'compose-failed': {
        const r = tx
          .update(deliveries)
          .set({ status: 'failed', error: result.error.slice(0, 1000), updatedAt: now })
          .where(and(eq(deliveries.digestId, result.digestId), eq(deliveries.profileKey, result.profileKey), eq(deliveries.status, 'planned')))
          .run();
        bumpDigestCounts(tx, result.digestId, { failedCount: r.changes });
        if (opts.llmRequired && result.llmRequired) {
          const failed = tx
            .update(digests)
            .set({ status: 'failed', error: `LLM_REQUIRED is set and the model failed: ${result.error}`.slice(0, 1000), finishedAt: now })
            .where(and(eq(digests.id, result.digestId), inArray(digests.status, ['planned', 'composing', 'sending'])))
            .run();
          if (failed.changes > 0) {
            tx.update(deliveries)
              .set({ status: 'cancelled', error: 'digest failed', updatedAt: now })
              .where(and(eq(deliveries.digestId, result.digestId), inArray(deliveries.status, ['planned', 'composed'])))
              .run();
            digestFailed = true;
          }
        }
        break;
      }
      case 'sent': {
        // A send that raced a cancel still happened: the record must say so.
        const r = tx
          .update(deliveries)
          .set({ status: 'sent', messageId: result.messageId, attempts: result.attempts, sentAt: now, error: null, updatedAt: now })
          .where(and(eq(deliveries.id, result.deliveryId), inArray(deliveries.status, ['planned', 'composed', 'sending', 'cancelled', 'failed'])))
          .run();
        bumpDigestCounts(tx, result.digestId, { sentCount: r.changes });
        break;
      }
      case 'send-failed': {
        const r = tx
          .update(deliveries)
          .set({ status: 'failed', error: result.error.slice(0, 1000), attempts: result.attempts, updatedAt: now })
          .where(and(eq(deliveries.id, result.deliveryId), inArray(deliveries.status, ['planned', 'composed', 'sending'])))
          .run();
        bumpDigestCounts(tx, result.digestId, { failedCount: r.changes });
        if (r.changes > 0 && result.recipientRejected) markBounced(tx, result.deliveryId, now);
        break;
      }
    }
    finishIfDone(tx, result.digestId, now);
  });
  return { digestFailed };
}

/** A hard bounce: the reader's address is dead, so later digests skip them until they subscribe again. */
function markBounced(db: DbOrTx, deliveryId: number, now: Date): void {
  const delivery = db.select({ subscriberId: deliveries.subscriberId }).from(deliveries).where(eq(deliveries.id, deliveryId)).get();
  if (!delivery?.subscriberId) return;
  db.update(subscribers)
    .set({ status: 'bounced', updatedAt: now })
    .where(and(eq(subscribers.id, delivery.subscriberId), eq(subscribers.status, 'active')))
    .run();
}

function storeSummaries(db: DbOrTx, digestId: number, profileKey: string, summaries: Record<string, string>): void {
  const ids = Object.keys(summaries).map(Number).filter(Number.isInteger);
  if (ids.length === 0) return;
  const digest = getDigest(db, digestId);
  const profile = db
    .select()
    .from(digestProfiles)
    .where(and(eq(digestProfiles.digestId, digestId), eq(digestProfiles.key, profileKey)))
    .get();
  if (!profile) return;
  for (const item of loadCandidates(db, ids)) {
    const text = summaries[String(item.id)];
    if (!text) continue;
    db.insert(llmSummaries)
      .values({ key: summaryCacheKey(item, profile.language, digest.model ?? ''), text })
      .onConflictDoNothing()
      .run();
  }
}
