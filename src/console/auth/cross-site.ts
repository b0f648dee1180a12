import type { FastifyRequest } from 'fastify';

/**
 * True when a request that changes something comes from another site: the browser says so in
 * Sec-Fetch-Site (cross-site, or same-site: a sibling host is not the console either), or its Origin is
 * neither PUBLIC_URL's nor the host the request was sent to. Our pages are served with
 * `Referrer-Policy: no-referrer`, under which browsers send `Origin: null` with our own forms, so "null"
 * passes only when Sec-Fetch-Site vouches for it. Requests without either header (old browsers,
 * scripts) are left to the CSRF token.
 */
export function isCrossSite(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return site !== 'same-origin';
  const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`.toLowerCase()]);
  return !allowed.has(origin.toLowerCase());
}
