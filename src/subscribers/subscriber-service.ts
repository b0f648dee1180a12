import type { AppContext } from '../context.js';
import { checkpointErasure } from '../db/client.js';
import { withdrawPendingDeliveries } from '../deliveries/withdraw.js';
import { NotFoundError } from '../errors.js';
import type { Language } from '../i18n/languages.js';
import type { MailJob } from '../jobs/mail-job.js';
import type { Logger } from '../logger.js';
import { verifyExpiringToken } from '../tokens/tokens.js';
import { topicsBySlug } from '../topics/topic-repository.js';
import { DEFAULT_API_FORM_ID, DEFAULT_FORM_ID } from './consent.js';
import { eraseSubscriber, exportSubscriberData, type SubscriberExport } from './erase.js';
import { deliveryIdsOf } from './erase-jobs.js';
import { requestExportLink } from './export-link.js';
import {
  confirmSubscriber,
  resubscribeSubscriber,
  unsubscribeSubscriber,
  updatePreferences,
  type PreferencesInput,
  type TransitionOutcome,
} from './lifecycle.js';
import { queueLinkMail } from './link-mail.js';
import { requestManageLink } from './manage-link.js';
import { purgeSubscriberTraces, type PurgedTraces } from './purge-traces.js';
import { signup } from './signup.js';
import { findSubscriber, getSubscriber, type RequestOrigin, type Subscriber } from './subscriber-repository.js';

/** What the subscriber use cases need of the context: storage, settings, the queues, and Redis (withdrawal). */
export type SubscriberServiceContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** A checked signup form (see subscribe-form.ts); without a language, the page's language is taken. */
export interface SignupForm {
  email: string;
  name: string | null;
  language?: Language;
  topics: readonly string[];
  form: string | null;
}

/** How a signup arrived: through a page (ours, or a copy embedded elsewhere) or the JSON API. */
export interface SignupSource {
  via: 'page' | 'api';
  /** The language of the page the request was made from; a page showed the consent text in it. */
  pageLanguage: Language;
  origin: RequestOrigin;
}

/**
 * The reader's and the admin's actions on a subscriber, each done whole: the conditional update, the
 * link email it sends, and its withdrawal from digests on their way (withdrawPendingDeliveries, the one
 * call into the digests: a reader who leaves, pauses or is erased gets nothing more). Link emails are
 * queued without waiting for Redis (see queueLinkMail), so no answer's timing tells whether an address
 * is known; `log` records a queueing that failed.
 */
export function createSubscriberService(ctx: SubscriberServiceContext, log: Pick<Logger, 'error'>) {
  const { db, config, queues } = ctx;
  const queue = (job: MailJob | null) => queueLinkMail(queues, job, log);

  return {
    /** True when every one of these topic slugs exists; the forms check their topics with it. */
    topicsExist(slugs: readonly string[]): boolean {
      return topicsBySlug(db, slugs).length === new Set(slugs).size;
    },

    /**
     * A signup from the form or the API. Whatever state the address is in, the caller answers the same;
     * only the email differs (see signup.ts): a confirmation, a manage link, or nothing.
     */
    signup(form: SignupForm, source: SignupSource): void {
      const language = form.language ?? source.pageLanguage;
      const api = source.via === 'api';
      const job = signup(
        db,
        config,
        {
          email: form.email,
          name: form.name,
          language,
          topics: form.topics,
          form: form.form ?? (api ? DEFAULT_API_FORM_ID : DEFAULT_FORM_ID),
          // A page showed the consent text in its own language; an API caller agreed in the newsletter's.
          consentLanguage: api ? language : source.pageLanguage,
        },
        source.origin,
      );
      queue(job);
    },

    /** Double opt-in through the emailed link: pending → active, once (see confirmSubscriber for `signupNonce`). */
    confirm(id: number, origin: RequestOrigin, signupNonce?: string): TransitionOutcome {
      return confirmSubscriber(db, config.SECRET_KEY, id, origin, new Date(), signupNonce);
    },

    /** Saves the reader's choices; a pause also withdraws them from digests on their way. Returns the saved row. */
    async savePreferences(id: number, choices: PreferencesInput): Promise<Subscriber> {
      updatePreferences(db, id, choices);
      if (choices.paused) await withdrawPendingDeliveries(ctx, id);
      return getSubscriber(db, id);
    },

    /** Subscribes a reader who left again, from the preference page, with fresh consent. Returns the row. */
    resubscribe(id: number, origin: RequestOrigin, consentLanguage: Language): Subscriber {
      resubscribeSubscriber(db, config.SECRET_KEY, id, origin, consentLanguage);
      return getSubscriber(db, id);
    },

    /** Stops all list mail, including digests on their way; `form` says how (one-click or the page). */
    async unsubscribe(id: number, origin: RequestOrigin, form: string): Promise<TransitionOutcome> {
      const outcome = unsubscribeSubscriber(db, config.SECRET_KEY, id, origin, form);
      // Also when already unsubscribed: a repeated request finishes a withdrawal an earlier one could not.
      await withdrawPendingDeliveries(ctx, id);
      return outcome;
    },

    /**
     * Erases a subscriber (see eraseSubscriber) for real (no copy left in SQLite's free pages or WAL) and
     * what they left in every queue and the outbox.
     * The order matters: the address is read first (nothing names whose traces to remove once the row is
     * gone), and the withdrawal comes before the erasure, which clears the deliveries' subscriber id.
     */
    async erase(id: number, by: 'reader' | 'admin'): Promise<PurgedTraces> {
      const { email } = getSubscriber(db, id);
      const deliveryIds = deliveryIdsOf(db, id);
      await withdrawPendingDeliveries(ctx, id);
      eraseSubscriber(db, config.SECRET_KEY, id, by);
      // secure_delete zeroed the rows' pages; the checkpoint writes them over the database file and empties the WAL.
      checkpointErasure(db);
      return purgeSubscriberTraces(ctx, email, deliveryIds);
    },

    /** "Email me a link to my preferences": a manage email for a pending or active address, throttled; nothing for others. */
    requestManageLink(email: string): void {
      queue(requestManageLink(db, config, email));
    },

    /** "Email me my data": a short-lived download link to the reader's own mailbox, throttled. */
    requestExportLink(id: number): void {
      queue(requestExportLink(db, config, id));
    },

    /** Everything stored about the reader an emailed download link names; an expired, tampered or erased one is not found. */
    exportByLink(token: string, now = new Date()): SubscriberExport {
      const row = verifyExpiringToken(config.SECRET_KEY, 'export', token, (id) => findSubscriber(db, id), now);
      if (!row) throw new NotFoundError('This link is not valid');
      return exportSubscriberData(db, config.SECRET_KEY, row.id, now);
    },
  };
}

export type SubscriberService = ReturnType<typeof createSubscriberService>;
