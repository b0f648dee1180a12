import type { MailJob } from '../../src/jobs/mail-job.js';
import type { TestApp } from '../helpers/test-app.js';
import { settledMailJobs } from './public-helpers.js';

type ExportJob = Extract<MailJob, { template: 'data-export' }>;

/** Lets the next link email through the per-address throttle, as if minutes had passed since the last one. */
export function forgetLastLink(t: TestApp, subscriberId: number): void {
  t.ctx.db.$client.prepare('UPDATE subscribers SET last_link_sent_at = NULL WHERE id = ?').run(subscriberId);
}

/** The data-export mail jobs queued for one address so far. */
export async function exportJobsTo(t: TestApp, email: string): Promise<ExportJob[]> {
  return (await settledMailJobs(t)).filter((j): j is ExportJob => j.template === 'data-export' && j.to === email);
}

/**
 * "Download my data" the way a reader does it now: the button on the preference page, then the link in the
 * email. Returns the download's response.
 */
export async function downloadMyData(t: TestApp, preferencesPath: string, subscriberId: number, email: string) {
  forgetLastLink(t, subscriberId);
  const asked = await t.app.inject({
    method: 'POST',
    url: `${preferencesPath}/export`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  if (asked.statusCode !== 200) throw new Error(`asking for the export failed: ${asked.statusCode} ${asked.body}`);
  const jobs = await exportJobsTo(t, email);
  const job = jobs.at(-1);
  if (!job) throw new Error(`no data-export email was queued for ${email}`);
  return t.app.inject({ url: new URL(job.exportUrl).pathname });
}
