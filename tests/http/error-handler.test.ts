import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  TooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  type ErrorKind,
} from '../../src/errors.js';
import { errorHandler, STATUS_OF_KIND } from '../../src/http/error-handler.js';

// Written out here, not read from the handler: the test pins the contract.
const EXPECTED: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
};

const HTML = { accept: 'text/html' };

describe('the error handler', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const server = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    server.setErrorHandler(errorHandler);
    server.get('/kind/:kind', async (request) => {
      const { kind } = request.params as { kind: ErrorKind };
      throw new DomainError(kind, `a ${kind} error`, kind === 'invalid_input' ? [{ field: 'email', message: 'Enter your email address.' }] : undefined);
    });
    server.get('/crash', async () => {
      throw new Error('SQLITE_CANTOPEN: /secret/path/labdigest.db');
    });
    server.post('/typed', { schema: { body: z.object({ n: z.number() }) } }, async () => 'ok');
    server.post('/form', async () => {
      throw new InvalidInputError('The request is not valid', [{ field: 'email', message: 'Enter your email address.' }]);
    });
    app = server;
    await app.ready();
  });
  afterAll(() => app.close());

  it('maps every kind to its status, one entry per kind', () => {
    expect(STATUS_OF_KIND).toEqual(EXPECTED);
  });

  for (const [kind, status] of Object.entries(EXPECTED)) {
    it(`answers a ${kind} error with ${status}, its kind as the code and its message`, async () => {
      const res = await app.inject({ url: `/kind/${kind}` });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({
        error: kind,
        message: `a ${kind} error`,
        ...(kind === 'invalid_input' ? { details: [{ field: 'email', message: 'Enter your email address.' }] } : {}),
      });
    });
  }

  it('keeps the subclasses’ kinds and messages', () => {
    const cases: Array<[DomainError, ErrorKind, string]> = [
      [new NotFoundError(), 'not_found', 'Not found'],
      [new InvalidInputError('bad', { a: 1 }), 'invalid_input', 'bad'],
      [new ConflictError('taken'), 'conflict', 'taken'],
      [new UnauthorizedError(), 'unauthorized', 'A valid bearer token is required'],
      [new TooLargeError('big'), 'too_large', 'big'],
      [new UnsupportedMediaTypeError('text'), 'unsupported_media_type', 'text'],
    ];
    for (const [error, kind, message] of cases) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind, message, name: error.constructor.name });
    }
    expect(new InvalidInputError('bad', { a: 1 }).details).toEqual({ a: 1 });
  });

  it('shows a browser the same status as a page, with the message of a 4xx', async () => {
    const res = await app.inject({ url: '/kind/conflict', headers: HTML });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('a conflict error');
  });

  it('answers JSON to a client that sent JSON, even when it also accepts HTML', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/form',
      headers: { 'content-type': 'application/json', accept: 'text/html,application/json;q=0.9' },
      payload: { email: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({
      error: 'invalid_input',
      message: 'The request is not valid',
      details: [{ field: 'email', message: 'Enter your email address.' }],
    });
  });

  it('hides the message of a 5xx, as JSON and as a page', async () => {
    const json = await app.inject({ url: '/crash' });
    expect(json.statusCode).toBe(500);
    expect(json.json()).toEqual({ error: 'internal_error', message: 'Something went wrong on our side. Please try again later.' });
    const page = await app.inject({ url: '/crash', headers: HTML });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Something went wrong');
    for (const body of [json.body, page.body]) {
      expect(body).not.toContain('SQLITE');
      expect(body).not.toContain('/secret/path');
    }
  });

  it('answers a failed schema with invalid_input and the fields', async () => {
    const res = await app.inject({ method: 'POST', url: '/typed', payload: { n: 'one' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_input', message: 'The request is not valid', details: [{ field: 'n' }] });
  });

  it('passes Fastify’s own 4xx through with a readable code', async () => {
    const res = await app.inject({ method: 'POST', url: '/typed', headers: { 'content-type': 'application/json' }, payload: '{"n":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('ctp_invalid_json_body');
  });
});
