import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';

/** STUB: filled in by the work on this area of the console. */
export const contentPages: FastifyPluginAsync<{ ctx: AppContext }> = async () => {};
