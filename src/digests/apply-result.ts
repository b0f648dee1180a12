import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { preparedPerDb, valueSlot } from '../db/prepared.js';
import { digestProfiles } from '../db/schema.js';
import { readerOfDelivery } from '../deliveries/delivery-repository.js';
import { assignSendBatches } from '../deliveries/send-batches.js';
import {
  cancelWaitingDeliveries,
  failComposeOfProfile,
  markProfileComposed,
  recordSendFailed,
  recordSent,
  recordSentBatch,
  updateComposedOfProfile,
} from '../deliveries/delivery-transitions.js';
import type { ComposedResult, ResultJob, SendBatchResult } from '../jobs/digest-jobs.js';
import { markBounced } from '../subscribers/lifecycle.js';
import { finishIfDone } from './digest-completion.js';
import { bumpDigestCounts, closeDigestAsFailed, getDigest, startDigestSending } from './digest-repository.js';
import { awaitsApproval } from './digest-statuses.js';
import { storeSummaries } from './summary-store.js';

/** What applying a result changed that only the caller can follow up (Redis marks, emails). */
export interface AppliedResult {
  digestFailed: boolean;
  /** This result completed the composing of a digest that needs review: it waits for an editor now. */
  reachedReview: boolean;
  /** This composed result's render is now the profile's (not a repeat, not late): the caller may store it in Redis as it is. */
  renderStored: boolean;
  /** This composed result gave its profile's readers their send batches (see ApplyOptions.sendBatchSize). */
  sendsBatched: boolean;
}

/** How applying is done: LLM_REQUIRED, and the send batch size when a composed profile's readers get their batches in the same transaction. */
export interface ApplyOptions {
  llmRequired: boolean;
  /** Given: the readers of a profile composed for sending get their send batches now (else queueSendJobs gives them). */
  sendBatchSize?: number;
}

/**
 * Applies one worker result to the database. Every change is a conditional update, so a result that
 * arrives twice, late, or out of order changes nothing the second time.
 */
export function applyResult(db: Db, result: ResultJob, opts: ApplyOptions): AppliedResult {
  let digestFailed = false;
  let reachedReview = false;
  let composed = { renderStored: false, sendsBatched: false };
  db.transaction((tx) => {
    const now = new Date();
    switch (result.type) {
      case 'composed':
        if (result.revision) applyRegenerated(tx, result, now);
        else composed = applyComposed(tx, result, now, opts.sendBatchSize);
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
      case 'send-batch':
        applySendBatch(tx, result, now);
        break;
      case 'profile-missing':
        // Nothing for the database: the owner stores the render in Redis again (handle-result.ts).
        break;
      case 'relay-down':
        // Nobody's failure: the owner's relay watch pauses the digest (src/owner/relay-watch.ts).
        break;
    }
    reachedReview = finishIfDone(tx, result.digestId, now) === 'review';
  });
  return { digestFailed, reachedReview, ...composed };
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
    render: result.profile,
    composedAt: now,
  };
}

const profileWhere = (result: ComposedResult) => and(eq(digestProfiles.digestId, result.digestId), eq(digestProfiles.key, result.profileKey));

type ProfileFields = ReturnType<typeof profileFields>;

// Every field profileFields gives (the compiler checks the list), each a placeholder: one prepared statement keeps any composed profile.
const PROFILE_FIELDS = Object.keys({
  composedWith: 1,
  llmError: 1,
  text: 1,
  rawAnswer: 1,
  promptVersion: 1,
  itemHashes: 1,
  render: 1,
  composedAt: 1,
} satisfies Record<keyof ProfileFields, 1>);

const storeProfile = preparedPerDb((db) =>
  db
    .update(digestProfiles)
    .set(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, valueSlot(f)])))
    .where(and(eq(digestProfiles.digestId, sql.placeholder('digestId')), eq(digestProfiles.key, sql.placeholder('profileKey'))))
    .prepare(),
);

/**
 * Keeps the profile's text, provenance and render, and moves its planned readers to composed in one
 * statement; when the digest sends without waiting and the caller says how, its readers get their send
 * batches too. The send jobs are made afterwards (handle-result.ts), unless the digest waits for review.
 * Says whether this result's render is now the profile's, and whether its readers got their batches.
 */
function applyComposed(tx: DbOrTx, result: ComposedResult, now: Date, sendBatchSize: number | undefined): { renderStored: boolean; sendsBatched: boolean } {
  const changed = markProfileComposed(
    tx,
    { digestId: result.digestId, profileKey: result.profileKey, subject: result.profile.subject, itemIds: result.itemIds, composedWith: result.composedWith },
    now,
  );
  if (changed === 0) return { renderStored: false, sendsBatched: false };
  bumpDigestCounts(tx, result.digestId, {
    [result.composedWith === 'llm' ? 'composedWithLlm' : 'composedWithoutLlm']: changed,
    llmCallCount: result.llmCalls,
    groundingReplacedCount: result.groundingReplaced ?? 0,
  });
  storeProfile(tx).run({ ...profileFields(result, now), digestId: result.digestId, profileKey: result.profileKey });
  startDigestSending(tx, result.digestId);
  storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
  if (sendBatchSize === undefined) return { renderStored: true, sendsBatched: false };
  const digest = getDigest(tx, result.digestId);
  // The same condition as queueSendJobs: nothing is batched for a dry run or before an approval.
  if (digest.dryRun || awaitsApproval(digest)) return { renderStored: true, sendsBatched: false };
  assignSendBatches(tx, result.digestId, sendBatchSize, result.profileKey);
  return { renderStored: true, sendsBatched: true };
}

/** One send job's outcome: its accepted emails in one statement, its refusals one by one (rare), counts once. */
function applySendBatch(tx: DbOrTx, result: SendBatchResult, now: Date): void {
  const sent = recordSentBatch(tx, { deliveryIds: result.sent.map((s) => s.deliveryId), attempts: result.attempts }, now);
  let failed = 0;
  for (const f of result.failed) {
    const changed = recordSendFailed(tx, { deliveryId: f.deliveryId, error: f.error, attempts: result.attempts }, now);
    failed += changed;
    if (changed > 0 && f.recipientRejected) {
      const reader = readerOfDelivery(tx, f.deliveryId);
      if (reader !== null) markBounced(tx, reader, now);
    }
  }
  bumpDigestCounts(tx, result.digestId, { sentCount: sent, failedCount: failed });
}

/**
 * The model's new text for a profile an editor asked for again: it replaces the profile's text and
 * render (what every waiting reader gets), while the digest is in review. Late (after approval or
 * cancel), it changes nothing.
 */
function applyRegenerated(tx: DbOrTx, result: ComposedResult, now: Date): void {
  if (getDigest(tx, result.digestId).status !== 'review') return;
  if (tx.update(digestProfiles).set(profileFields(result, now)).where(profileWhere(result)).run().changes === 0) return;
  updateComposedOfProfile(
    tx,
    { digestId: result.digestId, profileKey: result.profileKey, subject: result.profile.subject, itemIds: result.itemIds, composedWith: result.composedWith },
    now,
  );
  bumpDigestCounts(tx, result.digestId, { llmCallCount: result.llmCalls });
  storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
}
