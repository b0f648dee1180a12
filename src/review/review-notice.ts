import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { deliveries, users } from '../db/schema.js';
import { type Digest, digestKeyOf } from '../digests/digest-repository.js';
import { emailStrings } from '../i18n/email-strings.js';
import { format } from '../i18n/format.js';
import { mailJobSchema } from '../jobs/mail-job.js';
import { escapeHtml } from '../text/escape-html.js';

type NoticeContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

/** A scheduled digest is marked for this long: far longer than any compose takes. */
const MARK_SECONDS = 40 * 24 * 3600;

const markKey = (prefix: string, digestKey: string) => `${prefix}:review-notice:${digestKey}`;

/** The console address of a digest, where it is reviewed and approved. */
export function digestConsoleUrl(publicUrl: string, digestId: number): string {
  return `${publicUrl}/admin/digests/${digestId}`;
}

/** Marks a digest the schedule planned: when it reaches review, the console's users are told (once). */
export async function markForReviewNotice(ctx: Pick<NoticeContext, 'config' | 'redis'>, digest: Digest): Promise<void> {
  await ctx.redis.set(markKey(ctx.config.QUEUE_PREFIX, digestKeyOf(digest)), '1', 'EX', MARK_SECONDS);
}

/**
 * Emails every console user, in their language, that a scheduled digest is ready for review, with the
 * console link; through the transactional mail queue. Only for a marked digest, and only once (the mark
 * is taken as it is read).
 */
export async function sendReviewNotice(ctx: NoticeContext, digest: Digest): Promise<number> {
  const marked = await ctx.redis.getdel(markKey(ctx.config.QUEUE_PREFIX, digestKeyOf(digest)));
  if (!marked) return 0;
  const readers = ctx.db.select({ n: sql<number>`count(*)` }).from(deliveries).where(eq(deliveries.digestId, digest.id)).get()!.n;
  const vars = { period: digest.period, org: ctx.config.ORG_NAME, profiles: digest.profileCount, readers: digest.plannedCount || readers };
  const url = digestConsoleUrl(ctx.config.PUBLIC_URL, digest.id);
  const host = new URL(ctx.config.PUBLIC_URL).hostname;
  const jobs = ctx.db
    .select({ email: users.email, language: users.language })
    .from(users)
    .all()
    .map((user) => {
      const words = emailStrings(user.language).review;
      const subject = format(words.readySubject, vars);
      const body = format(words.readyBody, vars);
      return mailJobSchema.parse({
        template: 'prepared',
        to: user.email,
        name: null,
        language: user.language,
        subject,
        text: `${body}\n\n${words.readyLink}\n${url}\n`,
        html: `<!doctype html><html lang="${user.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(body)}</p><p>${escapeHtml(words.readyLink)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p></body></html>`,
        messageId: `<review-${digest.id}.${randomUUID()}@${host}>`,
      });
    });
  if (jobs.length) await ctx.queues.mail.addBulk(jobs.map((data) => ({ name: 'prepared', data })));
  return jobs.length;
}
