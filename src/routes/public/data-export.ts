import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { langQuerySchema, rateLimitConfig, tokenParamsSchema } from './route-helpers.js';

/** "Download my data" through the short-lived link mailed to the reader (see POST /preferences/:token/export). */
export const dataExportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const subscribers = createSubscriberService(ctx, app.log);

  app.get(
    '/data/:token',
    {
      config: rateLimitConfig(ctx.config),
      schema: {
        tags: ['public'],
        summary: 'Download my data (JSON attachment) with an emailed link valid 24 hours',
        params: tokenParamsSchema,
        querystring: langQuerySchema,
      },
    },
    async (request, reply) => {
      // Read before any header is set: an expired, tampered or erased link gets the plain 404 page.
      const data = subscribers.exportByLink(request.params.token);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="labdigest-my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );
};
