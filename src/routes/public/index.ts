import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** The public pages: subscribe, confirm, preferences, unsubscribe, manage. */
export const publicRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
