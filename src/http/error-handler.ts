import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type ErrorKind } from '../errors.js';
import { renderErrorPage } from '../pages/error-page.js';

/** The HTTP status of each kind of domain error; nothing else in the code base maps kinds to statuses. */
export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
};

/** The JSON body of every error answer, for routes that declare their 4xx responses. */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
});

/**
 * What busboy (under @fastify/multipart) throws for a multipart body it cannot read: no boundary, cut short,
 * a malformed part header. They come as plain Errors without a code, so only their words tell them apart.
 */
const MULTIPART_FAILURE = /^(Multipart: |Unexpected end of (form|multipart data)|Malformed (part header|content type|urlencoded form))/;

function isBrokenMultipart(error: FastifyError, request: FastifyRequest): boolean {
  return error.statusCode === undefined && MULTIPART_FAILURE.test(error.message) && /^multipart\//i.test(request.headers['content-type'] ?? '');
}

const HIDDEN_MESSAGE = 'Something went wrong on our side. Please try again later.';

/**
 * A browser gets the error page; the API and anyone who sent JSON get JSON, whatever their Accept header
 * says (a JSON client that also accepts HTML still wants its field details).
 */
function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  if ((request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/** Status, `error` code, message and details of any error: domain errors by kind, Fastify's own 4xx as they come. */
function describe(error: FastifyError, request: FastifyRequest): { status: number; code: string; message: string; details?: unknown } {
  if (error instanceof DomainError) {
    return { status: STATUS_OF_KIND[error.kind], code: error.kind, message: error.message, details: error.details };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined,
      message: v.message,
    }));
    return { status: 400, code: 'invalid_input', message: 'The request is not valid', details };
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const code =
      error.statusCode === 429
        ? 'rate_limited'
        : error.code
          ? String(error.code)
              .toLowerCase()
              .replace(/^fst_err_/, '')
          : 'bad_request';
    return { status: error.statusCode, code, message: error.message };
  }
  if (isBrokenMultipart(error, request)) {
    return { status: 400, code: 'invalid_input', message: 'The multipart body cannot be read: it has no boundary, is cut short or is malformed' };
  }
  return { status: 500, code: 'internal_error', message: HIDDEN_MESSAGE };
}

/** The one place that turns errors into responses: domain errors keep their message, 5xx hide theirs. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, code, message, details } = describe(error, request);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  reply.status(status);
  if (wantsHtml(request)) {
    return reply.type('text/html; charset=utf-8').send(renderErrorPage(request, status, status < 500 ? message : null));
  }
  return reply.send({ error: code, message, ...(details ? { details } : {}) });
}
