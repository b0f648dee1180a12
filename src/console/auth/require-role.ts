import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../../domain/statuses.js';
import { hasRole } from '../console-view.js';
import { sendForbidden } from './console-reply.js';

/**
 * A preHandler for console routes that only a role may use: an editor may use editor routes; an admin
 * may use every route. Without a session the visitor is sent to sign in (the session plugin does that
 * for every console route); with the wrong role the answer is a 403 console page.
 */
export function requireRole(role: UserRole) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (!hasRole(request.consoleView?.user ?? null, role)) return sendForbidden(reply, request);
    return undefined;
  };
}
