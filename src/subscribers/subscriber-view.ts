import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages.js';
import { SUBSCRIBER_STATUSES } from '../domain/statuses.js';
import type { ConsentRecord, Subscriber } from './subscriber-repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A subscriber as the admin API and the data export show it. */
export const subscriberViewSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  language: z.enum(LANGUAGES),
  status: z.enum(SUBSCRIBER_STATUSES),
  frequency: z.string(),
  paused: z.boolean(),
  topics: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  confirmedAt: z.string().nullable(),
  unsubscribedAt: z.string().nullable(),
});
export type SubscriberView = z.infer<typeof subscriberViewSchema>;

/** A consent log entry as exports and the admin API show it. */
export const consentRecordViewSchema = z.object({
  event: z.string(),
  at: z.string(),
  form: z.string().nullable(),
  consentText: z.string().nullable(),
  consentVersion: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type ConsentRecordView = z.infer<typeof consentRecordViewSchema>;

/** A subscriber row and its topic slugs as the admin API and the data export show them (dates as ISO strings). */
export function toSubscriberView(s: Subscriber, topics: string[]): SubscriberView {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    language: s.language,
    status: s.status,
    frequency: s.frequency,
    paused: s.paused,
    topics,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    confirmedAt: iso(s.confirmedAt),
    unsubscribedAt: iso(s.unsubscribedAt),
  };
}

/** A consent log row as exports and the admin API show it (the date as an ISO string). */
export function toConsentRecordView(r: ConsentRecord): ConsentRecordView {
  return {
    event: r.event,
    at: r.at.toISOString(),
    form: r.form,
    consentText: r.consentText,
    consentVersion: r.consentVersion,
    ip: r.ip,
    userAgent: r.userAgent,
  };
}
