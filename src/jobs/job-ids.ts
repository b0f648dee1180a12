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

/** The send job of one delivery. */
export function sendJobId(digestId: number, deliveryId: number): string {
  return `send-${digestId}-${deliveryId}`;
}

/** A worker's report: one per profile (composed, compose-failed), per delivery (sent, send-failed) or per attempt (relay-down). */
export function resultJobId(result: ResultJob): string {
  switch (result.type) {
    case 'composed':
    case 'compose-failed':
      return `${result.type}-${result.digestId}-${result.profileKey}`;
    case 'sent':
    case 'send-failed':
      return `${result.type}-${result.digestId}-${result.deliveryId}`;
    case 'relay-down':
      // One per failed attempt: each may be the one that finds the digest sending again.
      return `${result.type}-${result.digestId}-${result.deliveryId}-${Date.parse(result.at)}`;
  }
}
