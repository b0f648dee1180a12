import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendForbidden } from '../../console/auth/console-reply.js';
import { requireRole } from '../../console/auth/require-role.js';
import { hasRole } from '../../console/console-view.js';
import { consoleStrings } from '../../console/console-view.js';
import { digestCancelBody, digestDetailBody, digestTitle } from '../../console/pages/digest-detail-page.js';
import { readCreateForm } from '../../console/pages/digest-create-form.js';
import { type DigestCreateForm, digestListBody, emptyCreateForm } from '../../console/pages/digest-list-page.js';
import { digestPageData } from '../../console/pages/digest-page-data.js';
import { actionsForStatus, periodLabel } from '../../console/pages/digest-parts.js';
import { digestPreviewBody, previewTitle } from '../../console/pages/digest-preview-page.js';
import { digestProgressFragment } from '../../console/pages/digest-progress.js';
import type { AppContext } from '../../context.js';
import { deliveryOfReader } from '../../deliveries/delivery-repository.js';
import { DELIVERY_STATUSES } from '../../domain/statuses.js';
import { pauseDigest, resumePausedDigest, retryFailedDeliveries } from '../../digests/digest-controls.js';
import { getDigest, listDigests } from '../../digests/digest-repository.js';
import { cancelDigest, previewDelivery, triggerDigest } from '../../digests/digest-service.js';
import { digestDeliveriesView, digestView } from '../../digests/digest-view.js';
import { periodOf } from '../../digests/period.js';
import { NotFoundError } from '../../errors.js';
import { format } from '../../i18n/format.js';
import { approveDigest } from '../../review/review-service.js';
import { actorOf, attempt, sendEmail, sendPage, seeOther } from './digest-page-kit.js';
import { digestReviewPages, renderReviewList } from './digest-review-pages.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const DIGEST_NOTICES = ['created', 'existing', 'approved', 'paused', 'resumed', 'retried', 'cancelled'] as const;
const doneQuery = z.enum(DIGEST_NOTICES).optional().catch(undefined);
const detailQuery = z.object({
  done: doneQuery,
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
const previewQuery = z.object({ subscriber: z.coerce.number().int().positive(), format: z.enum(['html', 'text']).default('html') });
const DELIVERIES_PER_PAGE = 50;
const admin = { preHandler: requireRole('admin') };

/**
 * The console's digests: list and create, a digest's page with live figures and its deliveries, a
 * reader's email as sent, and the admin's actions (approve, pause, resume, retry failed, cancel). Review
 * pages are in digest-review-pages.ts. Every page calls the same use cases as the JSON API.
 */
export const digestPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const org = ctx.config.ORG_NAME;
  const words = (request: FastifyRequest) => consoleStrings(request.consoleView).digests;

  function renderList(request: FastifyRequest, reply: FastifyReply, form: DigestCreateForm, page: { error?: string; notice?: string; status?: number }) {
    const digests = listDigests(db).map((d) => digestView(db, d));
    return sendPage(request, reply, org, { title: words(request).title, body: digestListBody(request.consoleView, digests, form), ...page });
  }

  function renderDetail(request: FastifyRequest, reply: FastifyReply, id: number, page: { error?: string; notice?: string; status?: number } = {}) {
    const q = detailQuery.parse(request.method === 'GET' ? request.query : {});
    const d = digestPageData(db, getDigest(db, id));
    const deliveries = { ...digestDeliveriesView(db, id, { status: q.status, page: q.page, limit: DELIVERIES_PER_PAGE }), status: q.status };
    const notice = page.notice ?? (q.done ? words(request).notices[q.done] : null);
    return sendPage(request, reply, org, {
      title: digestTitle(request.consoleView, d),
      body: digestDetailBody(request.consoleView, d, deliveries),
      ...page,
      notice,
    });
  }

  /** An admin's action on a digest: on success back to its page with a notice, on refusal its page with the reason. */
  async function act(request: FastifyRequest, reply: FastifyReply, id: number, done: (typeof DIGEST_NOTICES)[number], run: () => Promise<unknown>) {
    const result = await attempt(run);
    if (!result.ok) return renderDetail(request, reply, id, { error: result.message, status: result.status });
    return seeOther(reply, `/admin/digests/${id}`, done);
  }

  app.get('/', { schema: { querystring: z.object({ done: doneQuery }) } }, async (request, reply) => {
    const notice = request.query.done ? words(request).notices[request.query.done] : undefined;
    return renderList(request, reply, emptyCreateForm(periodOf(new Date())), { notice });
  });

  app.post('/', async (request, reply) => {
    const { form, request: plan } = readCreateForm(request.body, words(request).create);
    if (!plan) return renderList(request, reply, form, { error: Object.values(form.errors).join(' '), status: 400 });
    // Without review, creating a real digest sends it: that is an approval, which only admins give.
    if (!ctx.config.REVIEW_REQUIRED && !plan.dryRun && !hasRole(request.consoleView.user, 'admin')) return sendForbidden(reply, request);
    const result = await attempt(() => triggerDigest(ctx, plan));
    if (!result.ok) return renderList(request, reply, form, { error: result.message, status: result.status });
    return seeOther(reply, `/admin/digests/${result.value.digest.id}`, result.value.created ? 'created' : 'existing');
  });

  app.get('/:id', { schema: { params: idParams } }, async (request, reply) => renderDetail(request, reply, request.params.id));

  app.get('/:id/progress', { schema: { params: idParams } }, async (request, reply) => {
    const d = digestPageData(db, getDigest(db, request.params.id));
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(digestProgressFragment(request.consoleView, d).value);
  });

  app.get('/:id/cancel', { schema: { params: idParams }, ...admin }, async (request, reply) => {
    const d = digestPageData(db, getDigest(db, request.params.id));
    if (!actionsForStatus(d).includes('cancel')) return seeOther(reply, `/admin/digests/${d.id}`);
    const title = format(words(request).cancelPage.title, { period: periodLabel(d.period, request.consoleView.lang) });
    return sendPage(request, reply, org, { title, body: digestCancelBody(request.consoleView, d) });
  });

  app.post('/:id/cancel', { schema: { params: idParams }, ...admin }, async (request, reply) =>
    act(request, reply, request.params.id, 'cancelled', () => cancelDigest(ctx, request.params.id)),
  );

  app.post('/:id/pause', { schema: { params: idParams }, ...admin }, async (request, reply) => {
    const given = (request.body as { reason?: unknown } | undefined)?.reason;
    const reason = (typeof given === 'string' ? given.trim().slice(0, 200) : '') || `paused by ${actorOf(request)}`;
    return act(request, reply, request.params.id, 'paused', () => pauseDigest(ctx, request.params.id, reason));
  });

  app.post('/:id/resume', { schema: { params: idParams }, ...admin }, async (request, reply) =>
    act(request, reply, request.params.id, 'resumed', () => resumePausedDigest(ctx, request.params.id)),
  );

  app.post('/:id/retry', { schema: { params: idParams }, ...admin }, async (request, reply) =>
    act(request, reply, request.params.id, 'retried', () => retryFailedDeliveries(ctx, request.params.id)),
  );

  app.post('/:id/approve', { schema: { params: idParams }, ...admin }, async (request, reply) => {
    const id = request.params.id;
    const back = (request.body as { back?: unknown } | undefined)?.back === 'review' ? 'review' : 'detail';
    const result = await attempt(() => approveDigest(ctx, id, actorOf(request)));
    if (result.ok) return seeOther(reply, `/admin/digests/${id}`, 'approved');
    if (back === 'review') return renderReviewList(ctx, request, reply, id, { error: result.message, status: result.status });
    return renderDetail(request, reply, id, { error: result.message, status: result.status });
  });

  app.get('/:id/preview', { schema: { params: idParams, querystring: previewQuery }, ...admin }, async (request, reply) => {
    const { id } = request.params;
    const sid = request.query.subscriber;
    const delivery = deliveryOfReader(db, id, sid);
    if (!delivery) throw new NotFoundError(`Subscriber ${sid} has no delivery in digest ${id}`);
    const result = await attempt(() => previewDelivery(ctx, id, sid));
    if (!result.ok) return renderDetail(request, reply, id, { error: result.message, status: result.status });
    const view = request.consoleView;
    return sendPage(request, reply, org, { title: previewTitle(view, delivery.email), body: digestPreviewBody(view, id, sid, result.value.subject) });
  });

  app.get('/:id/preview/email', { schema: { params: idParams, querystring: previewQuery }, ...admin }, async (request, reply) =>
    sendEmail(reply, previewDelivery(ctx, request.params.id, request.query.subscriber), request.query.format),
  );

  await app.register(digestReviewPages, { ctx });
};
