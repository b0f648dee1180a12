import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { withdrawPendingDeliveries } from '../../digests/withdraw.js';
import { eraseSubscriber } from '../../subscribers/erase.js';
import { emailHash } from '../../subscribers/email-address.js';
import { purgeSubscriberTraces } from '../../subscribers/purge-traces.js';
import { consentRecordsOf, getSubscriber, topicSlugsOf } from '../../subscribers/subscriber-repository.js';
import { subscribersCsv } from '../../subscribers/subscriber-csv.js';
import { listSubscribers, MAX_PAGE_SIZE, subscriberFilterSchema, topicSlugsByIds } from '../../subscribers/subscriber-query.js';
import { consentRecordViewSchema, subscriberViewSchema, toConsentRecordView, toSubscriberView } from '../../subscribers/subscriber-view.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const security = [{ bearer: [] }];
const tags = ['subscribers'];
const listQuery = subscriberFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});

/** Admin subscriber routes: list/filter/paginate, export CSV, show one, erase. */
export const subscriberRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: 'List subscribers (filter by status, language, topic slug, part of the address)',
        querystring: listQuery,
        response: { 200: z.object({ subscribers: z.array(subscriberViewSchema), total: z.number().int(), page: z.number().int(), limit: z.number().int() }) },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const { rows, total } = listSubscribers(db, filter, page, limit);
      const topics = topicSlugsByIds(db, rows.map((r) => r.id));
      return { subscribers: rows.map((r) => toSubscriberView(r, topics.get(r.id) ?? [])), total, page, limit };
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        security,
        summary: 'Subscribers as CSV (same filters as the list); cells that look like formulas are defused',
        querystring: subscriberFilterSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="subscribers.csv"')
        .type('text/csv; charset=utf-8')
        .send(subscribersCsv(db, request.query)),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One subscriber with topics and consent log',
        params: idParams,
        response: { 200: subscriberViewSchema.extend({ consentRecords: z.array(consentRecordViewSchema) }) },
      },
    },
    async (request) => {
      const s = getSubscriber(db, request.params.id);
      return {
        ...toSubscriberView(s, topicSlugsOf(db, s.id)),
        consentRecords: consentRecordsOf(db, emailHash(config.SECRET_KEY, s.email)).map(toConsentRecordView),
      };
    },
  );

  app.delete(
    '/:id',
    { schema: { tags, security, summary: 'Erase a subscriber; the consent log stays, anonymised', params: idParams } },
    async (request, reply) => {
      // The address is read first: once the row is gone nothing names whose mail jobs and files to remove.
      const { email } = getSubscriber(db, request.params.id);
      await withdrawPendingDeliveries(ctx, request.params.id);
      eraseSubscriber(db, config.SECRET_KEY, request.params.id, 'admin');
      await purgeSubscriberTraces(ctx, email);
      return reply.status(204).send();
    },
  );
};
