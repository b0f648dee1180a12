import type { DigestStatus } from '../domain/statuses.js';

/**
 * A digest still at work: completion, cancel, failure and resumption act only on these. A digest in
 * `review` waits for an editor and one `paused` for someone to resume it; both can still be cancelled.
 */
export const LIVE_DIGEST_STATUSES = ['planned', 'composing', 'review', 'sending', 'paused'] as const satisfies readonly DigestStatus[];

/** A digest that ended without going out: its period may be planned again. */
export const DEAD_DIGEST_STATUSES = ['cancelled', 'failed'] as const satisfies readonly DigestStatus[];

/** A digest that will not change any more. */
export const FINAL_DIGEST_STATUSES = ['sent', ...DEAD_DIGEST_STATUSES] as const satisfies readonly DigestStatus[];

/** True while the digest is planned, composing, in review, sending or paused. */
export function isLiveDigest(status: DigestStatus): boolean {
  return (LIVE_DIGEST_STATUSES as readonly DigestStatus[]).includes(status);
}

/** True once a digest will change no more: sent, cancelled or failed. */
export function isFinalDigest(status: DigestStatus): boolean {
  return (FINAL_DIGEST_STATUSES as readonly DigestStatus[]).includes(status);
}

/**
 * True while a digest waits for an approval: in review, or needing one it has not had. Nothing may be
 * queued for sending then. (A paused digest's sends are held by the pause mark instead, digest-controls.ts.)
 */
export function awaitsApproval(digest: { status: DigestStatus; reviewRequired: boolean; approvedAt: Date | null }): boolean {
  return digest.status === 'review' || (digest.reviewRequired && digest.approvedAt === null);
}
