import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Language } from '../../i18n/languages.js';
import { NotFoundError, UnsupportedMediaTypeError } from '../../errors.js';
import { pickLanguage } from '../../i18n/language.js';
import { isLanguage } from '../../i18n/languages.js';
import type { RequestOrigin, Subscriber } from '../../subscribers/subscriber-repository.js';
import { findSubscriber } from '../../subscribers/subscriber-repository.js';
import { verifyToken, type TokenPurpose } from '../../tokens/tokens.js';

/** Query string every public page accepts: the page language. Anything else in it is ignored. */
export const langQuerySchema = z.object({ lang: z.string().max(10).optional() }).passthrough();
/** Path parameters of the pages a reader's signed link opens: the token, which the route verifies before anything else. */
export const tokenParamsSchema = z.object({ token: z.string() });

/** Per-route rate limit for public POSTs (the store is shared through Redis). */
export function rateLimitConfig(config: Pick<Config, 'RATE_LIMIT_PER_MINUTE'>, factor = 1) {
  return { rateLimit: { max: config.RATE_LIMIT_PER_MINUTE * factor, timeWindow: '1 minute' } };
}

/** The page language from ?lang= or Accept-Language. */
export function pageLanguage(request: FastifyRequest): Language {
  return pickLanguage((request.query as { lang?: unknown } | undefined)?.lang, request.headers['accept-language']);
}

/** On pages reached by a reader's link: ?lang= wins, then the reader's own language. */
export function readerLanguage(request: FastifyRequest, subscriber: Subscriber): Language {
  const q = (request.query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(q) ? q : subscriber.language;
}

/** IP and user agent to keep with a consent event (the user agent is cut to a sane length). */
export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null };
}

/** True when the body came as JSON, so the answer should be JSON too. */
export function isJsonRequest(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

/** Sends a page; pages reached through personal links must not be cached anywhere. */
export function sendPage(reply: FastifyReply, page: string, status = 200) {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}

/** The subscriber a link token names; any bad, tampered or stale token is a 404 page. */
export function subscriberFromToken(db: Db, secret: string, purpose: TokenPurpose, token: string): Subscriber {
  const row = verifyToken(secret, purpose, token, (id) => findSubscriber(db, id));
  if (!row) throw new NotFoundError('This link is not valid');
  return row;
}

/**
 * Fastify also parses text/plain; the signup and manage forms take only form data or JSON, so anything
 * else is refused before the handler sees a body it would misread.
 */
export async function formOrJsonOnly(request: FastifyRequest): Promise<void> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('application/json')) return;
  throw new UnsupportedMediaTypeError('Send the form as application/x-www-form-urlencoded or application/json');
}
