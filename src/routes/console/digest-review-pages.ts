import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../console/auth/require-role.js';
import { consoleStrings } from '../../console/console-view.js';
import { digestPageData } from '../../console/pages/digest-page-data.js';
import { reviewListBody, reviewTitle } from '../../console/pages/review-list-page.js';
import { lineAnchor, type RefusedEdit } from '../../console/pages/review-line.js';
import { parseTargetName } from '../../review/line-targets.js';
import { profileReviewBody, profileTitle } from '../../console/pages/review-profile-page.js';
import type { AppContext } from '../../context.js';
import { getDigest } from '../../digests/digest-repository.js';
import { DomainError } from '../../errors.js';
import { type ProfileChange, testSendSchema } from '../../review/review-schema.js';
import { changeProfile, getProfileReview, listProfiles, profileEmail, regenerateProfile, testSendProfile } from '../../review/review-service.js';
import { digestProvenance } from '../../review/provenance.js';
import { actorOf, attempt, type Refusal, sendEmail, sendPage, seeOther } from './digest-page-kit.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const profileParams = z.object({ id: z.coerce.number().int().positive(), pid: z.coerce.number().int().positive() });
const REVIEW_NOTICES = ['edited', 'kept', 'fallback', 'regenerated', 'test-sent'] as const;
const doneQuery = z.object({ done: z.enum(REVIEW_NOTICES).optional().catch(undefined) });
const NOTICE_KEY = { edited: 'edited', kept: 'kept', fallback: 'fallback', regenerated: 'regenerated', 'test-sent': 'testSent' } as const;
const DONE_OF_ACTION = { edit: 'edited', keep: 'kept', fallback: 'fallback' } as const;
const editor = { preHandler: requireRole('editor') };

type Page = { notice?: string | null; error?: string | null; status?: number };

/** The review page of a digest (also shown again when an approval from it is refused). */
export function renderReviewList(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, id: number, page: Page = {}) {
  const d = digestPageData(ctx.db, getDigest(ctx.db, id));
  const profiles = listProfiles(ctx, id);
  return sendPage(request, reply, ctx.config.ORG_NAME, {
    title: reviewTitle(request.consoleView, d),
    body: reviewListBody(request.consoleView, d, profiles),
    ...page,
  });
}

/** The subject of a profile's email, when it has one to show (a profile not composed yet has none). */
async function subjectOf(ctx: AppContext, id: number, pid: number): Promise<string | undefined> {
  try {
    return (await profileEmail(ctx, id, pid)).subject;
  } catch (err) {
    if (err instanceof DomainError) return undefined;
    throw err;
  }
}

/** Reads a line change from its form: which button, which line, the text. Null when it is not a change we know. */
function changeOf(body: unknown): ProfileChange | null {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const target = parseTargetName(raw.target);
  if (!target) return null;
  if (raw.action === 'keep' || raw.action === 'fallback') return { action: raw.action, target };
  if (raw.action === 'edit' && typeof raw.text === 'string' && raw.text.length <= 2000) return { action: 'edit', target, text: raw.text };
  return null;
}

/**
 * The review pages of a digest: its profiles, one profile with its lines beside the items' own text, the
 * forms that change a line, ask the model again or send a test, and each profile's email for its frame.
 */
export const digestReviewPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const org = ctx.config.ORG_NAME;

  async function renderProfile(request: FastifyRequest, reply: FastifyReply, id: number, pid: number, page: Page & { refused?: RefusedEdit } = {}) {
    const view = request.consoleView;
    const d = digestPageData(ctx.db, getDigest(ctx.db, id));
    const profile = getProfileReview(ctx, id, pid);
    const prov = digestProvenance(ctx, id);
    const mine = prov.profiles.find((p) => p.id === pid);
    const body = profileReviewBody(view, d, profile, mine ? { digest: prov, profile: mine } : null, {
      subject: await subjectOf(ctx, id, pid),
      refused: page.refused,
    });
    return sendPage(request, reply, org, { title: profileTitle(view, profile), body, ...page });
  }

  const refusedPage = (refusal: Refusal) => ({ error: refusal.message, status: refusal.status });

  app.get('/:id/review', { schema: { params: idParams } }, async (request, reply) => renderReviewList(ctx, request, reply, request.params.id));

  app.get('/:id/profiles/:pid', { schema: { params: profileParams, querystring: doneQuery } }, async (request, reply) => {
    const done = request.query.done;
    const notice = done ? consoleStrings(request.consoleView).review.notices[NOTICE_KEY[done]] : null;
    return renderProfile(request, reply, request.params.id, request.params.pid, { notice });
  });

  app.get(
    '/:id/profiles/:pid/email',
    { schema: { params: profileParams, querystring: z.object({ format: z.enum(['html', 'text']).default('html') }) } },
    async (request, reply) => sendEmail(reply, await profileEmail(ctx, request.params.id, request.params.pid), request.query.format),
  );

  app.post('/:id/profiles/:pid/change', { schema: { params: profileParams }, ...editor }, async (request, reply) => {
    const { id, pid } = request.params;
    const change = changeOf(request.body);
    if (!change) return renderProfile(request, reply, id, pid, { error: consoleStrings(request.consoleView).review.errors.badTarget, status: 400 });
    const result = await attempt(() => changeProfile(ctx, id, pid, change, actorOf(request)));
    if (!result.ok) {
      const refused =
        change.action === 'edit' ? { target: String((request.body as { target: string }).target), text: change.text, message: result.message } : undefined;
      return renderProfile(request, reply, id, pid, { ...refusedPage(result), refused });
    }
    return seeOther(reply, `/admin/digests/${id}/profiles/${pid}#${lineAnchor(change.target)}`, DONE_OF_ACTION[change.action]);
  });

  app.post('/:id/profiles/:pid/regenerate', { schema: { params: profileParams }, ...editor }, async (request, reply) => {
    const { id, pid } = request.params;
    const result = await attempt(() => regenerateProfile(ctx, id, pid, actorOf(request)));
    if (!result.ok) return renderProfile(request, reply, id, pid, refusedPage(result));
    return seeOther(reply, `/admin/digests/${id}/profiles/${pid}`, 'regenerated');
  });

  app.post('/:id/profiles/:pid/test-send', { schema: { params: profileParams }, ...editor }, async (request, reply) => {
    const { id, pid } = request.params;
    const to = (request.body as { to?: unknown } | undefined)?.to;
    const parsed = testSendSchema.safeParse({ to: typeof to === 'string' ? to.trim() : to });
    if (!parsed.success) return renderProfile(request, reply, id, pid, { error: consoleStrings(request.consoleView).review.errors.badAddress, status: 400 });
    const result = await attempt(() => testSendProfile(ctx, id, pid, parsed.data.to, actorOf(request)));
    if (!result.ok) return renderProfile(request, reply, id, pid, refusedPage(result));
    return seeOther(reply, `/admin/digests/${id}/profiles/${pid}`, 'test-sent');
  });
};
