import { and, eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/client.js';
import { digestProfiles } from '../db/schema.js';
import { readerOfDelivery } from '../deliveries/delivery-repository.js';
import { cancelWaitingDeliveries, failComposeOfProfile, recordSendFailed, recordSent, storeComposedCopy } from '../deliveries/delivery-transitions.js';
import type { ComposedResult, ResultJob } from '../jobs/digest-jobs.js';
import { fillDigest } from '../mail/digest-email.js';
import { refillProfileCopies } from '../review/profile-copies.js';
import { markBounced } from '../subscribers/lifecycle.js';
import { finishIfDone } from './digest-completion.js';
import { bumpDigestCounts, bumpGroundingReplaced, closeDigestAsFailed, getDigest, startDigestSending } from './digest-repository.js';
import { storeSummaries } from './summary-store.js';

/** What applying a result changed that only the caller can follow up (Redis marks, emails). */
export interface AppliedResult {
  digestFailed: boolean;
  /** This result completed the composing of a digest that needs review: it waits for an editor now. */
  reachedReview: boolean;
}

/**
 * Applies one worker result to the database. Every change is a conditional update, so a result that
 * arrives twice, late, or out of order changes nothing the second time. `links` (PUBLIC_URL and
 * SECRET_KEY) let a regenerated profile be filled into its readers' stored copies.
 */
export function applyResult(db: Db, result: ResultJob, opts: { llmRequired: boolean; links?: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'> }): AppliedResult {
  let digestFailed = false;
  let reachedReview = false;
  db.transaction((tx) => {
    const now = new Date();
    switch (result.type) {
      case 'composed':
        if (result.revision) applyRegenerated(tx, result, opts.links, now);
        else applyComposed(tx, result, now);
        break;
      case 'compose-failed': {
        // A regeneration that failed leaves the profile as it was; its readers are composed already.
        if (result.revision) break;
        bumpDigestCounts(tx, result.digestId, { failedCount: failComposeOfProfile(tx, result.digestId, result.profileKey, result.error, now) });
        if (opts.llmRequired && result.llmRequired) {
          const failed = closeDigestAsFailed(tx, result.digestId, `LLM_REQUIRED is set and the model failed: ${result.error}`, now);
          if (failed > 0) {
            cancelWaitingDeliveries(tx, result.digestId, 'digest failed', now);
            digestFailed = true;
          }
        }
        break;
      }
      case 'sent':
        bumpDigestCounts(tx, result.digestId, { sentCount: recordSent(tx, result, now) });
        break;
      case 'send-failed': {
        const changed = recordSendFailed(tx, result, now);
        bumpDigestCounts(tx, result.digestId, { failedCount: changed });
        if (changed > 0 && result.recipientRejected) {
          const reader = readerOfDelivery(tx, result.deliveryId);
          if (reader !== null) markBounced(tx, reader, now);
        }
        break;
      }
      case 'relay-down':
        // Nobody's failure: the owner's relay watch pauses the digest (src/owner/relay-watch.ts).
        break;
    }
    reachedReview = finishIfDone(tx, result.digestId, now) === 'review';
  });
  return { digestFailed, reachedReview };
}

/** What a composed result says about its profile, for review and provenance. */
function profileFields(result: ComposedResult, now: Date) {
  return {
    composedWith: result.composedWith,
    llmError: result.llmError,
    text: result.text ?? null,
    rawAnswer: result.rawAnswer ?? null,
    promptVersion: result.promptVersion ?? null,
    itemHashes: result.itemHashes ?? null,
    composedAt: now,
  };
}

const profileWhere = (result: ComposedResult) => and(eq(digestProfiles.digestId, result.digestId), eq(digestProfiles.key, result.profileKey));

/**
 * Fills each reader into the profile's rendered email, once, here, and stores the exact email they get,
 * and keeps the profile's text and provenance. The send jobs are made from these stored copies
 * afterwards (handle-result.ts), unless the digest waits for review.
 */
function applyComposed(tx: DbOrTx, result: ComposedResult, now: Date): void {
  let changed = 0;
  for (const reader of result.readers) {
    const mail = fillDigest(result.profile, reader);
    changed += storeComposedCopy(
      tx,
      { digestId: result.digestId, deliveryId: reader.deliveryId, ...mail, itemIds: result.itemIds, composedWith: result.composedWith },
      now,
    );
  }
  if (changed === 0) return;
  bumpDigestCounts(tx, result.digestId, {
    [result.composedWith === 'llm' ? 'composedWithLlm' : 'composedWithoutLlm']: changed,
    llmCallCount: result.llmCalls,
  });
  bumpGroundingReplaced(tx, result.digestId, result.groundingReplaced ?? 0);
  tx.update(digestProfiles).set(profileFields(result, now)).where(profileWhere(result)).run();
  startDigestSending(tx, result.digestId);
  storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
}

/**
 * The model's new text for a profile an editor asked for again: it replaces the profile's text and
 * every stored copy still waiting, while the digest is in review. Late (after approval or cancel), it
 * changes nothing.
 */
function applyRegenerated(tx: DbOrTx, result: ComposedResult, links: Pick<Config, 'PUBLIC_URL' | 'SECRET_KEY'> | undefined, now: Date): void {
  if (getDigest(tx, result.digestId).status !== 'review') return;
  if (!links) throw new Error('a regenerated profile needs PUBLIC_URL and SECRET_KEY to fill its readers in');
  if (tx.update(digestProfiles).set(profileFields(result, now)).where(profileWhere(result)).run().changes === 0) return;
  refillProfileCopies(tx, links, result.digestId, result.profileKey, result.profile, now, { itemIds: result.itemIds, composedWith: result.composedWith });
  bumpDigestCounts(tx, result.digestId, { llmCallCount: result.llmCalls });
  storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
}
