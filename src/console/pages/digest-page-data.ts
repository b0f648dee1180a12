import type { Db } from '../../db/client.js';
import type { Digest } from '../../digests/digest-repository.js';
import type { DigestView } from '../../digests/digest-schema.js';
import { digestView } from '../../digests/digest-view.js';

/** What the digest pages show of a digest: the API's view plus its review state, read from the row. */
export interface DigestPageData extends DigestView {
  review: {
    required: boolean;
    approvedBy: string | null;
    approvedAt: string | null;
    groundingReplaced: number;
    pausedReason: string | null;
    modelDigest: string | null;
  };
}

/** The digest as its pages need it (the one place they read the database for it). */
export function digestPageData(db: Db, digest: Digest): DigestPageData {
  return {
    ...digestView(db, digest),
    review: {
      required: digest.reviewRequired,
      approvedBy: digest.approvedBy,
      approvedAt: digest.approvedAt ? digest.approvedAt.toISOString() : null,
      groundingReplaced: digest.groundingReplacedCount,
      pausedReason: digest.pausedReason,
      modelDigest: digest.modelDigest,
    },
  };
}
