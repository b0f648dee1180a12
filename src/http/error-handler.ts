import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.js';
import { renderErrorPage } from '../pages/error-page.js';

function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/** The one place that turns errors into responses: domain errors keep their message, 5xx hide theirs. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let code = 'internal_error';
  let message = 'Something went wrong on our side. Please try again later.';
  let details: unknown;
  if (error instanceof DomainError) {
    status = error.statusCode;
    code = error.code;
    message = error.message;
    details = error.details;
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    status = 400;
    code = 'invalid_input';
    message = 'The request is not valid';
    details = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined,
      message: v.message,
    }));
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    code = error.code ? String(error.code).toLowerCase().replace(/^fst_err_/, '') : 'bad_request';
    message = error.message;
  }
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 429) code = 'rate_limited';
  reply.status(status);
  if (wantsHtml(request)) {
    return reply.type('text/html; charset=utf-8').send(renderErrorPage(request, status, status < 500 ? message : null));
  }
  return reply.send({ error: code, message, ...(details ? { details } : {}) });
}
