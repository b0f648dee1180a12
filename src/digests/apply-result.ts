import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { digestProfiles } from '../db/schema.js';
import { readerOfDelivery } from '../deliveries/delivery-repository.js';
import { cancelWaitingDeliveries, failComposeOfProfile, recordSendFailed, recordSent, storeComposedCopy } from '../deliveries/delivery-transitions.js';
import type { ComposedResult, ResultJob } from '../jobs/digest-jobs.js';
import { fillDigest } from '../mail/digest-email.js';
import { markBounced } from '../subscribers/lifecycle.js';
import { finishIfDone } from './digest-completion.js';
import { bumpDigestCounts, closeDigestAsFailed, startDigestSending } from './digest-repository.js';
import { storeSummaries } from './summary-store.js';

/**
 * Applies one worker result to the database. Every change is a conditional update, so a result that
 * arrives twice, late, or out of order changes nothing the second time.
 */
export function applyResult(db: Db, result: ResultJob, opts: { llmRequired: boolean }): { digestFailed: boolean } {
  let digestFailed = false;
  db.transaction((tx) => {
    const now = new Date();
    switch (result.type) {
      case 'composed':
        applyComposed(tx, result, now);
        break;
      case 'compose-failed': {
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
    }
    finishIfDone(tx, result.digestId, now);
  });
  return { digestFailed };
}

/**
 * Fills each reader into the profile's rendered email, once, here, and stores the exact email they get.
 * The send jobs are made from these stored copies afterwards (handle-result.ts).
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
  tx.update(digestProfiles)
    .set({ composedWith: result.composedWith, llmError: result.llmError })
    .where(and(eq(digestProfiles.digestId, result.digestId), eq(digestProfiles.key, result.profileKey)))
    .run();
  startDigestSending(tx, result.digestId);
  storeSummaries(tx, result.digestId, result.profileKey, result.newSummaries);
}
