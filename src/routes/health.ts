import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { databaseIsReady } from '../db/client.js';
import { redisIsReady } from '../redis.js';

/** Liveness and readiness, for load balancers and docker-compose healthchecks. */
export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        response: {
          200: z.object({ status: z.literal('ready'), database: z.boolean(), redis: z.boolean() }),
          503: z.object({ status: z.literal('not_ready'), database: z.boolean(), redis: z.boolean() }),
        },
      },
    },
    async (_request, reply) => {
      const database = databaseIsReady(ctx.db);
      const redis = await redisIsReady(ctx.redis);
      if (database && redis) return { status: 'ready' as const, database, redis };
      return reply.status(503).send({ status: 'not_ready' as const, database, redis });
    },
  );
};
