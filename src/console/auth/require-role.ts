import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '../../domain/statuses.js';

/**
 * A preHandler for console routes that only a role may use: an editor may use editor routes; an admin
 * may use every route. Without a session the visitor is sent to sign in (the session plugin does that
 * for every console route); with the wrong role the answer is a 403 console page.
 *
 * STUB: the session and auth work replaces this body.
 */
export function requireRole(_role: UserRole) {
  return async (_request: FastifyRequest, _reply: FastifyReply): Promise<void> => {};
}
