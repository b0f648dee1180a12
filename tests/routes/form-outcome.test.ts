import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from '../../src/http/error-handler.js';
import { formOutcome, invalidForm } from '../../src/routes/public/form-outcome.js';
import { subscribeFormSchema } from '../../src/subscribers/subscribe-form.js';

describe('a form route reads its schema’s outcome', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const server = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    server.setErrorHandler(errorHandler);
    await server.register(formbody);
    const answer = (schema: z.ZodType) => ({
      attachValidation: true,
      schema: { body: schema, querystring: z.object({ lang: z.string().max(10).optional() }) },
    });
    server.post('/form', answer(subscribeFormSchema((slugs) => slugs.every((s) => s === 'networks'))), async (request) => {
      const outcome = formOutcome(request);
      if (!outcome.ok && request.headers['content-type'] === 'application/json') throw invalidForm(outcome.errors);
      return outcome;
    });
    server.post(
      '/broken',
      answer(
        subscribeFormSchema(() => {
          throw new Error('SQLITE_BUSY: database is locked');
        }),
      ),
      async (request) => formOutcome(request),
    );
    app = server;
    await app.ready();
  });
  afterAll(() => app.close());

  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('hands a valid form to the handler, parsed', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', headers: form, payload: 'email=Ann%40Example.org&consent=on&topics=networks' });
    expect(res.json()).toEqual({ ok: true, form: { email: 'ann@example.org', name: null, topics: ['networks'], consent: true, form: null } });
  });

  it('hands a rejected form to the handler with its field errors and the body as typed', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', headers: form, payload: 'email=Ann%40&topics=astrology&topics=networks' });
    expect(res.json()).toEqual({
      ok: false,
      errors: { email: 'email_invalid', topics: 'topics_unknown', consent: 'consent_required' },
      raw: { email: 'Ann@', topics: ['astrology', 'networks'] },
    });
  });

  it('ignores a bad query string, as the pages always have', async () => {
    const res = await app.inject({ method: 'POST', url: '/form?lang=far-too-long-a-language', headers: form, payload: 'email=a%40b.example&consent=yes' });
    expect(res.json()).toMatchObject({ ok: true, form: { email: 'a@b.example' } });
  });

  it('answers a rejected JSON form with the JSON 400: each field and its English message', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', payload: { email: 'a@b.example', consent: false, website: 'spam' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_input',
      message: 'The request is not valid',
      details: [
        { field: 'consent', message: 'Tick the consent box to subscribe.' },
        { field: 'website', message: 'Leave the field marked “leave empty” empty.' },
      ],
    });
  });

  it('treats a schema that throws as a failure of ours: a 500 that hides the cause', async () => {
    const res = await app.inject({ method: 'POST', url: '/broken', payload: { email: 'a@b.example', consent: true, topics: ['networks'] } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: 'Something went wrong on our side. Please try again later.' });
  });
});
