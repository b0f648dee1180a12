import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { consoleStrings } from '../../console/console-view.js';
import { eraseConfirmBody, subscriberDetailBody } from '../../console/pages/subscriber-detail-page.js';
import { subscriberListBody } from '../../console/pages/subscriber-list-page.js';
import { bounceEventsOfReader } from '../../bounces/bounce-repository.js';
import { readerDeliveries } from '../../deliveries/reader-deliveries.js';
import { SUBSCRIBER_STATUSES } from '../../domain/statuses.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES } from '../../i18n/languages.js';
import { subscriberCsvChunks } from '../../subscribers/subscriber-csv.js';
import { subscriberDetail, subscriberPage } from '../../subscribers/subscriber-query.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { listTopics } from '../../topics/topic-repository.js';
import { filterText, pageNumber } from '../../console/list-query.js';

/** Subscribers per page of the console's list. */
const PAGE_SIZE = 50;

/** The list's filters as the GET form sends them; a value that makes no sense is simply no filter. */
const filterQuery = z.object({
  q: filterText(254),
  status: z.enum(SUBSCRIBER_STATUSES).optional().catch(undefined),
  language: z.enum(LANGUAGES).optional().catch(undefined),
  topic: filterText(64),
});
const listQuery = filterQuery.extend({
  page: pageNumber,
  done: z.enum(['erased']).optional().catch(undefined),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const eraseBody = z.object({ confirm: z.literal('yes').optional().catch(undefined) }).passthrough();

/** The console's subscriber pages (admins): list with filters, CSV export, detail with consent log and deliveries, erasure. */
export const subscriberPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);
  const admin = requireRole('admin');
  app.addHook('preHandler', admin);
  const send = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);

  app.get('/', { schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const { page, done, ...filter } = request.query;
    const result = subscriberPage(db, filter, page, PAGE_SIZE);
    const body = subscriberListBody(view.lang, s, { filter, rows: result.subscribers, total: result.total, page, limit: PAGE_SIZE, topics: listTopics(db) });
    const notice = done === 'erased' ? s.subscribers.erased : null;
    return send(reply, consolePage(view, { title: s.subscribers.title, body, area: 'subscribers', notice, org: config.ORG_NAME }));
  });

  app.get('/export.csv', { schema: { hide: true, querystring: filterQuery } }, async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="subscribers.csv"')
      .type('text/csv; charset=utf-8')
      .send(Readable.from(subscriberCsvChunks(db, request.query))),
  );

  app.get('/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const subscriber = subscriberDetail(db, config.SECRET_KEY, request.params.id);
    const body = subscriberDetailBody(view.lang, s, {
      subscriber,
      deliveries: readerDeliveries(db, subscriber.id),
      bounceEvents: bounceEventsOfReader(db, subscriber.id),
      topics: listTopics(db),
    });
    return send(reply, consolePage(view, { title: subscriber.email, body, area: 'subscribers', org: config.ORG_NAME }));
  });

  app.get('/:id/erase', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const subscriber = subscriberDetail(db, config.SECRET_KEY, request.params.id);
    const body = eraseConfirmBody(view, s, subscriber);
    return send(
      reply,
      consolePage(view, { title: format(s.subscribers.eraseTitle, { email: subscriber.email }), body, area: 'subscribers', org: config.ORG_NAME }),
    );
  });

  app.post('/:id/erase', { schema: { hide: true, params: idParams, body: eraseBody } }, async (request, reply) => {
    // Only the confirmation page's button says yes; any other post goes back to that page.
    if (request.body.confirm !== 'yes') return reply.redirect(`/admin/subscribers/${request.params.id}/erase`, 303);
    await subscribers.erase(request.params.id, 'admin');
    return reply.redirect('/admin/subscribers?done=erased', 303);
  });
};
