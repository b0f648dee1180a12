import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireAdmin } from './auth.js';
import { itemRoutes } from './items.js';
import { peopleRoutes } from './people.js';
import { digestRoutes } from './digests.js';
import { subscriberRoutes } from './subscribers.js';
import { topicRoutes } from './topics.js';

/** Every admin route sits behind the bearer token. Each resource registers its own routes. */
export const adminRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addHook('onRequest', requireAdmin(ctx.config.ADMIN_TOKEN));
  await app.register(topicRoutes, { ctx, prefix: '/topics' });
  await app.register(itemRoutes, { ctx, prefix: '/items' });
  await app.register(peopleRoutes, { ctx, prefix: '/people' });
  await app.register(subscriberRoutes, { ctx, prefix: '/subscribers' });
  await app.register(digestRoutes, { ctx, prefix: '/digests' });
};
