import type { LightMyRequestResponse } from 'fastify';
import { vi } from 'vitest';
import type { MailJob } from '../../src/jobs/mail-job.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** fast-check settings for every property here: a fixed seed (FC_SEED overrides it) so a failure can be replayed. */
export const FC = { seed: Number(process.env.FC_SEED ?? 20_260_909), numRuns: Number(process.env.FC_RUNS ?? 120), verbose: 1 } as const;

/** The real app with rate limits raised out of the way: the properties are about validation, not throttling. */
export function createPropertyApp(label: string): Promise<TestApp> {
  return createTestApp(`prop-${label}`, { RATE_LIMIT_PER_MINUTE: '100000' });
}

/** Every row of every table, in rowid order: a rejected request must leave this exactly as it was. */
export function dbSnapshot(t: TestApp): string {
  const sqlite = t.ctx.db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) dump[name] = sqlite.prepare(`SELECT * FROM "${name}"`).all();
  return JSON.stringify(dump, (_k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v));
}

/** What a visitor can observe of an answer: date and rate-limit counters change with every request. */
export function observable(res: LightMyRequestResponse, address?: string) {
  const { date: _d, 'x-ratelimit-remaining': _r, 'x-ratelimit-reset': _s, 'request-id': _i, 'x-request-id': _x, ...headers } = res.headers;
  // A rejected form shows the typed address again; that echo is the visitor's own input, not a leak.
  const body = address ? res.body.split(address).join('<address>').split(escapeHtml(address)).join('<address>') : res.body;
  const { 'content-length': _l, ...rest } = headers;
  return { status: res.statusCode, headers: rest, body };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The data of every queued mail job (no worker runs in these tests, so they stay queued). */
export async function mailJobs(t: TestApp): Promise<MailJob[]> {
  const jobs = await t.ctx.queues.mail.getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
  return jobs.map((j) => j.data);
}

/** The first queued mail job for this address and template (they are queued without awaiting Redis). */
export function mailFor<T extends MailJob['template']>(t: TestApp, to: string, template: T): Promise<Extract<MailJob, { template: T }>> {
  return vi.waitFor(
    async () => {
      const job = (await mailJobs(t)).find((j) => j.to === to && j.template === template);
      if (!job) throw new Error(`no ${template} mail for ${to}`);
      return job as Extract<MailJob, { template: T }>;
    },
    { timeout: 5000, interval: 20 },
  );
}

const lastSegment = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** Every link token a reader can hold, taken from the mails and pages as a reader gets them (never signed here). */
export interface ReaderTokens {
  email: string;
  confirm: string;
  preferences?: string;
  unsubscribe?: string;
  export?: string;
}

/**
 * Signs a reader up through the routes and takes them to `state`, collecting their tokens on the way:
 * pending (confirm link only), active, or unsubscribed.
 */
export async function makeReader(t: TestApp, email: string, state: 'pending' | 'active' | 'unsubscribed'): Promise<ReaderTokens> {
  const signup = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
  if (signup.statusCode !== 202) throw new Error(`signup failed: ${signup.statusCode} ${signup.body}`);
  const confirm = lastSegment((await mailFor(t, email, 'confirm')).confirmUrl);
  if (state === 'pending') return { email, confirm };
  const done = await t.app.inject({ method: 'POST', url: `/confirm/${confirm}` });
  const preferences = /href="\/preferences\/([^"?#/]+)"/.exec(done.body)?.[1];
  if (!preferences) throw new Error(`no preferences link after confirming: ${done.body}`);
  const page = await t.app.inject({ method: 'GET', url: `/preferences/${preferences}` });
  const unsubscribe = /\/unsubscribe\/([^"?#/]+)"/.exec(page.body)?.[1];
  if (!unsubscribe) throw new Error('no unsubscribe link on the preferences page');
  // The link emails share a few-minutes throttle; the confirm email just went out.
  t.ctx.db.$client.prepare('UPDATE subscribers SET last_link_sent_at = NULL WHERE email = ?').run(email);
  await t.app.inject({ method: 'POST', url: `/preferences/${preferences}/export` });
  const exportToken = lastSegment((await mailFor(t, email, 'data-export')).exportUrl);
  if (state === 'unsubscribed') {
    const res = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${unsubscribe}`,
      payload: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (res.statusCode !== 200) throw new Error(`unsubscribe failed: ${res.statusCode}`);
  }
  return { email, confirm, preferences, unsubscribe, export: exportToken };
}

/** A short description of a request for failure messages. */
export function describeRequest(req: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): string {
  const payload = req.payload === undefined ? '' : String(req.payload);
  return `${req.method} ${req.url} ${JSON.stringify(req.headers ?? {})} ${JSON.stringify(payload.length > 300 ? `${payload.slice(0, 300)}…(${payload.length})` : payload)}`;
}
