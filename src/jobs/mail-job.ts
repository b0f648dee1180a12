import { z } from 'zod';
import { httpUrl } from './http-url.js';
import { LANGUAGES } from '../i18n/languages.js';

/** Queue of transactional emails (confirm subscription, manage link, data download link). */
export const MAIL_QUEUE = 'mail';

/**
 * A transactional email job carries everything the mail worker needs: the worker never opens the
 * database. Links are signed by the API before queueing.
 */
export const mailJobSchema = z.discriminatedUnion('template', [
  z.object({
    template: z.literal('confirm'),
    to: z.email(),
    name: z.string().max(200).nullable(),
    language: z.enum(LANGUAGES),
    confirmUrl: httpUrl,
  }),
  z.object({
    template: z.literal('manage'),
    to: z.email(),
    name: z.string().max(200).nullable(),
    language: z.enum(LANGUAGES),
    preferencesUrl: httpUrl,
    unsubscribeUrl: httpUrl,
  }),
  z.object({
    template: z.literal('data-export'),
    to: z.email(),
    // Nameless like the link emails: only the address's owner reads it, but nothing typed by others goes in.
    name: z.null(),
    language: z.enum(LANGUAGES),
    exportUrl: httpUrl,
  }),
  /**
   * An email the owner already rendered (a test of a digest profile, the "ready for review" notice to
   * the console's users): the worker sends it as it is, under the Message-ID the owner chose.
   */
  z.object({
    template: z.literal('prepared'),
    to: z.email(),
    name: z.null(),
    language: z.enum(LANGUAGES),
    subject: z.string().max(300),
    html: z.string().max(200_000),
    text: z.string().max(200_000),
    messageId: z.string().max(300).optional(),
  }),
]);
export type MailJob = z.infer<typeof mailJobSchema>;
