import { asc, eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { consentRecords, subscribers, subscriberTopics } from '../../src/db/schema.js';
import type { MailJob } from '../../src/jobs/mail-job.js';
import type { TestApp } from '../helpers/test-app.js';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Three topics the forms can offer. */
export async function seedTopics(t: TestApp): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/topics/bulk',
    headers: t.admin,
    payload: [
      { slug: 'networks', labels: { en: 'Social networks', es: 'Redes sociales' } },
      { slug: 'elections', labels: { en: 'Elections', es: 'Elecciones' } },
      { slug: 'misinformation', labels: { en: 'Misinformation', es: 'Desinformación' } },
    ],
  });
  if (res.statusCode !== 200) throw new Error(`seeding topics failed: ${res.body}`);
}

/** URL-encodes fields the way a browser does (a list becomes repeated fields). */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params.toString();
}

/** The data of every mail job in the queue, oldest first. */
export async function mailJobs(t: TestApp): Promise<MailJob[]> {
  const jobs = await t.ctx.queues.mail.getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
  return jobs.sort((a, b) => Number(a.id) - Number(b.id)).map((j) => j.data);
}

/** Waits until the queue holds `count` jobs (jobs are queued without awaiting Redis). */
export function waitForMailJobs(t: TestApp, count: number, timeoutMs = 3000): Promise<MailJob[]> {
  return vi.waitFor(
    async () => {
      const jobs = await mailJobs(t);
      if (jobs.length < count) throw new Error(`expected ${count} mail jobs, found ${jobs.length}: ${JSON.stringify(jobs)}`);
      return jobs;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

let markers = 0;

/**
 * The mail jobs once every earlier request's fire-and-forget add has landed: signs up a fresh marker
 * address, waits for its job (queued after the earlier ones), and returns the jobs of everyone else.
 */
export async function settledMailJobs(t: TestApp): Promise<MailJob[]> {
  const marker = `marker-${++markers}-${Date.now()}@marker.test`;
  const res = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: marker, consent: true } });
  if (res.statusCode !== 202) throw new Error(`marker signup failed: ${res.body}`);
  return vi.waitFor(
    async () => {
      const jobs = await mailJobs(t);
      if (!jobs.some((j) => j.to === marker)) throw new Error('the marker mail job never arrived');
      return jobs.filter((j) => !j.to.endsWith('@marker.test'));
    },
    { timeout: 3000, interval: 20 },
  );
}

export function subscriberByEmail(t: TestApp, email: string) {
  return t.ctx.db.select().from(subscribers).where(eq(subscribers.email, email)).get();
}

export function consentOf(t: TestApp, subscriberId: number) {
  return t.ctx.db.select().from(consentRecords).where(eq(consentRecords.subscriberId, subscriberId)).orderBy(asc(consentRecords.id)).all();
}

/** Everything the public routes can change, to prove a rejected request changed nothing. */
export function dbSnapshot(t: TestApp) {
  return JSON.stringify({
    subscribers: t.ctx.db.select().from(subscribers).orderBy(asc(subscribers.id)).all(),
    topics: t.ctx.db.select().from(subscriberTopics).all(),
    consent: t.ctx.db.select().from(consentRecords).orderBy(asc(consentRecords.id)).all(),
  });
}

/** The token at the end of a link. */
export function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
