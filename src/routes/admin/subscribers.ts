import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { Readable } from 'node:stream';
import { subscriberCsvChunks } from '../../subscribers/subscriber-csv.js';
import { MAX_PAGE_SIZE, subscriberDetail, subscriberFilterSchema, subscriberPage } from '../../subscribers/subscriber-query.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { consentRecordViewSchema, subscriberViewSchema } from '../../subscribers/subscriber-view.js';

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
  const subscribers = createSubscriberService(ctx, app.log);

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
      return subscriberPage(db, filter, page, limit);
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
        .send(Readable.from(subscriberCsvChunks(db, request.query))),
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
    async (request) => subscriberDetail(db, config.SECRET_KEY, request.params.id),
  );

  app.delete(
    '/:id',
    { schema: { tags, security, summary: 'Erase a subscriber; the consent log stays, anonymised', params: idParams } },
    async (request, reply) => {
      await subscribers.erase(request.params.id, 'admin');
      return reply.status(204).send();
    },
  );
};
