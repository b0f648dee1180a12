import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';

/** Admin subscriber routes: list/filter/paginate, export CSV, erase. */
export const subscriberRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async () => {};
