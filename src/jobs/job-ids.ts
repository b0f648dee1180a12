import { randomUUID } from 'node:crypto';
import type { ResultJob } from './digest-jobs.js';

/**
 * Job ids of the digest queues. BullMQ ignores an add whose id it still holds, so the same work queued
 * twice (a repeated trigger, a resume after a crash, a report sent again) runs once; and cancel and
 * withdrawal can remove a queued job by an id they can compute.
 */

/** The compose job of one profile of a digest. */
export function composeJobId(digestId: number, profileKey: string): string {
  return `compose-${digestId}-${profileKey}`;
}

/** The send job of one send batch of a digest (src/deliveries/send-batches.ts). */
export function sendJobId(digestId: number, batch: number): string {
  return `send-${digestId}-b${batch}`;
}

/**
 * A worker's report: one per profile (composed, compose-failed), per delivery (sent, send-failed) or per
 * attempt (send-batch, relay-down, profile-missing: each may say something the one before did not).
 */
export function resultJobId(result: ResultJob): string {
  switch (result.type) {
    case 'composed':
    case 'compose-failed':
      return `${result.type}-${result.digestId}-${result.profileKey}`;
    case 'sent':
    case 'send-failed':
      return `${result.type}-${result.digestId}-${result.deliveryId}`;
    case 'send-batch':
      return `${result.type}-${result.digestId}-${result.batch}-${randomUUID()}`;
    case 'profile-missing':
      return `${result.type}-${result.digestId}-${result.profileKey}-${Date.parse(result.at)}`;
    case 'relay-down':
      // One per failed attempt: each may be the one that finds the digest sending again.
      return `${result.type}-${result.digestId}-${result.deliveryId}-${Date.parse(result.at)}`;
  }
}
