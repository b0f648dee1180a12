import type { FastifyRequest } from 'fastify';

/**
 * True when a request that changes something comes from another site: the browser says so in
 * Sec-Fetch-Site, or its Origin is neither PUBLIC_URL's nor the host the request was sent to. Requests
 * without either header (old browsers, scripts) are left to the CSRF token.
 */
export function isCrossSite(request: FastifyRequest, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (typeof origin !== 'string' || origin === 'null') return true;
  const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`.toLowerCase()]);
  return !allowed.has(origin.toLowerCase());
}
