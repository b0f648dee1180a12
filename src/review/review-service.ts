import type { AppContext } from '../context.js';
import type { Digest } from '../digests/digest-repository.js';
import type { ProfileChange, ProfileReview, Provenance } from './review-schema.js';

/**
 * The review use cases, shared by the JSON API, the console and the command line. `actor` is who acts:
 * a console user's email, `api` for the bearer token, `cli` for the command line.
 *
 * STUB: the review work fills these in (signatures are the contract the console pages build on).
 */
type ReviewContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis' | 'logger'>;

const todo = (): never => {
  throw new Error('not implemented yet');
};

/** Every profile of a digest, for review. NotFoundError for an unknown digest. */
export function listProfiles(_ctx: ReviewContext, _digestId: number): ProfileReview[] {
  return todo();
}

/** One profile, for review. NotFoundError when it is not a profile of this digest. */
export function getProfileReview(_ctx: ReviewContext, _digestId: number, _profileId: number): ProfileReview {
  return todo();
}

/** The profile's email exactly as its readers get it, filled for one of them (the first), for the sandboxed frame. */
export function profileEmail(_ctx: ReviewContext, _digestId: number, _profileId: number): { subject: string; html: string; text: string } {
  return todo();
}

/** Applies one editor change (only while the digest is in review); re-renders the profile's stored emails. ConflictError otherwise. */
export function changeProfile(_ctx: ReviewContext, _digestId: number, _profileId: number, _change: ProfileChange, _actor: string): ProfileReview {
  return todo();
}

/** Asks the model again for this profile (a compose job); the digest stays in review and the new text replaces the old when it arrives. */
export async function regenerateProfile(_ctx: ReviewContext, _digestId: number, _profileId: number, _actor: string): Promise<void> {
  return todo();
}

/** Sends this profile's email to one address, subject marked as a test; never a delivery. Returns the Message-ID. */
export async function testSendProfile(_ctx: ReviewContext, _digestId: number, _profileId: number, _to: string, _actor: string): Promise<{ messageId: string }> {
  return todo();
}

/** Approves a digest in review (admins): replaces flagged lines nobody edited or kept, then starts sending. ConflictError unless in review. */
export async function approveDigest(_ctx: ReviewContext, _digestId: number, _actor: string): Promise<Digest> {
  return todo();
}

/** Everything that made each profile's text, and every change to it. */
export function digestProvenance(_ctx: ReviewContext, _digestId: number): Provenance {
  return todo();
}
