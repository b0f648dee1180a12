import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares the bearer token with ADMIN_TOKEN in constant time (hashing first hides the length). */
export function requireAdmin(adminToken: string) {
  const expected = digest(adminToken);
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) throw new UnauthorizedError();
  };
}
