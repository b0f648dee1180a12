import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { exportSubscriberData } from '../../subscribers/erase.js';
import { findSubscriber } from '../../subscribers/subscriber-repository.js';
import { verifyExpiringToken } from '../../tokens/tokens.js';
import { langQuerySchema, rateLimitConfig, tokenParamsSchema } from './route-helpers.js';

/** "Download my data" through the short-lived link mailed to the reader (see POST /preferences/:token/export). */
export const dataExportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;

  app.get(
    '/data/:token',
    {
      config: rateLimitConfig(config),
      schema: { tags: ['public'], summary: 'Download my data (JSON attachment) with an emailed link valid 24 hours', params: tokenParamsSchema, querystring: langQuerySchema },
    },
    async (request, reply) => {
      const id = verifyExpiringToken(config.SECRET_KEY, 'export', request.params.token, new Date());
      // Expired, tampered or erased since: the same friendly 404 page as any other bad link.
      if (id === null || !findSubscriber(db, id)) throw new NotFoundError('This link is not valid');
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="labdigest-my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(exportSubscriberData(db, config.SECRET_KEY, id), null, 2));
    },
  );
};
