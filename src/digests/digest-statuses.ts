import type { DigestStatus } from '../domain/statuses.js';

/** A digest still at work: completion, cancel, failure and resumption act only on these. */
export const LIVE_DIGEST_STATUSES = ['planned', 'composing', 'sending'] as const satisfies readonly DigestStatus[];

/** A digest that ended without going out: its period may be planned again. */
export const DEAD_DIGEST_STATUSES = ['cancelled', 'failed'] as const satisfies readonly DigestStatus[];

/** A digest that will not change any more. */
export const FINAL_DIGEST_STATUSES = ['sent', ...DEAD_DIGEST_STATUSES] as const satisfies readonly DigestStatus[];

/** True while the digest is planned, composing or sending. */
export function isLiveDigest(status: DigestStatus): boolean {
  return (LIVE_DIGEST_STATUSES as readonly DigestStatus[]).includes(status);
}

/** True once a digest will change no more: sent, cancelled or failed. */
export function isFinalDigest(status: DigestStatus): boolean {
  return (FINAL_DIGEST_STATUSES as readonly DigestStatus[]).includes(status);
}
