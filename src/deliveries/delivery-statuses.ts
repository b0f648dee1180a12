import type { DeliveryStatus } from '../domain/statuses.js';

/**
 * Named sets of delivery states, defined once: every transition in delivery-transitions.ts says which
 * of these it starts from, so a late or repeated report can only move a delivery the way it should.
 */

/** Not sent yet and still stoppable: cancel and withdrawal act on these. */
export const UNSENT_STATUSES = ['planned', 'composed'] as const satisfies readonly DeliveryStatus[];

/**
 * A real run still waits for these: not composed yet, or composed and not yet reported sent or failed.
 * No transition sets 'sending' any more (the send path marks the SMTP server's acceptance in Redis, see
 * src/jobs/delivery-guard.ts); it stays here because rows of an older database may still hold it.
 */
export const WAITING_STATUSES = [...UNSENT_STATUSES, 'sending'] as const satisfies readonly DeliveryStatus[];

/** A dry run sends nothing, so it is done with a reader once the email is composed ('sending': as above). */
export const DRY_RUN_WAITING_STATUSES = ['planned', 'sending'] as const satisfies readonly DeliveryStatus[];

/**
 * A 'sent' report wins over these: an email the SMTP server accepted after a cancel, a withdrawal or a
 * failed attempt still went out, and the record must say so. Never over 'skipped' (nothing was queued).
 */
export const SENT_WINS_OVER = [...WAITING_STATUSES, 'cancelled', 'failed'] as const satisfies readonly DeliveryStatus[];

/** The states a digest still waits for, real or dry run. */
export function waitingStates(dryRun: boolean): readonly DeliveryStatus[] {
  return dryRun ? DRY_RUN_WAITING_STATUSES : WAITING_STATUSES;
}
