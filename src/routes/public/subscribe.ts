import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { cspDirectives } from '../../http/csp.js';
import { pageStrings } from '../../i18n/strings.js';
import { en } from '../../i18n/strings-en.js';
import { renderMessagePage } from '../../pages/message-page.js';
import { renderSubscribePage } from '../../pages/subscribe-page.js';
import { DEFAULT_API_FORM_ID, DEFAULT_FORM_ID } from '../../subscribers/consent.js';
import { queueLinkMail } from '../../subscribers/link-mail.js';
import { signup } from '../../subscribers/signup.js';
import { parseSubscribeInput, subscribeBodySchema } from '../../subscribers/subscribe-input.js';
import { listTopics } from '../../topics/topic-repository.js';
import { formOrJsonOnly, isJsonRequest, langQuerySchema, originOf, pageLanguage, rateLimitConfig, sendPage } from './route-helpers.js';

const FORM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Helmet settings for the signup form and its answers: other sites may frame them (the form is meant to
 * be embedded), and the form may post to PUBLIC_URL even when that is another origin than the frame's.
 */
function embeddableHelmet(publicUrl: string) {
  return {
    frameguard: false as const,
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
    contentSecurityPolicy: { directives: cspDirectives(publicUrl, { embeddable: true }) },
  };
}

const acceptedSchema = z.object({ status: z.literal('ok'), message: z.string() });
const errorSchema = z.object({ error: z.string(), message: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })).optional() });

/** GET and POST /subscribe: the signup form, and a signup from it or from JSON. */
export const subscribeRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config, queues } = ctx;
  const helmet = embeddableHelmet(config.PUBLIC_URL);

  app.get(
    '/subscribe',
    { helmet, schema: { tags: ['public'], summary: 'The signup form (HTML)', querystring: langQuerySchema.extend({ form: z.string().max(64).optional() }) } },
    async (request, reply) => {
      const form = request.query.form && FORM_ID.test(request.query.form) ? request.query.form : null;
      return sendPage(reply, renderSubscribePage({ lang: pageLanguage(request), publicUrl: config.PUBLIC_URL, topics: listTopics(db), form }));
    },
  );

  app.post(
    '/subscribe',
    {
      helmet,
      config: rateLimitConfig(config),
      // The body is checked in the handler so an HTML form can be shown again with its errors.
      preValidation: formOrJsonOnly,
      attachValidation: true,
      schema: {
        tags: ['public'],
        summary: 'Subscribe (form data or JSON). The answer is the same whether the address is new or known.',
        querystring: langQuerySchema,
        body: subscribeBodySchema,
        response: { 202: acceptedSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const json = isJsonRequest(request);
      const lang = pageLanguage(request);
      const topics = listTopics(db);
      const parsed = parseSubscribeInput(request.body, new Set(topics.map((t) => t.slug)), lang);
      if (!parsed.ok) {
        if (json) {
          const details = Object.entries(parsed.errors).map(([field, code]) => ({ field, message: en.errors[code] }));
          return reply.status(400).send({ error: 'invalid_input', message: 'The request is not valid', details });
        }
        const form = typeof (request.body as { form?: unknown })?.form === 'string' && FORM_ID.test((request.body as { form: string }).form) ? (request.body as { form: string }).form : null;
        return sendPage(reply, renderSubscribePage({ lang, publicUrl: config.PUBLIC_URL, topics, values: parsed.values, errors: parsed.errors, form }), 400);
      }
      const input = parsed.input;
      const mail = signup(
        db,
        config,
        { ...input, form: input.form ?? (json ? DEFAULT_API_FORM_ID : DEFAULT_FORM_ID), consentLanguage: json ? input.language : lang },
        originOf(request),
      );
      queueLinkMail(queues, mail, request.log);
      if (json) return reply.status(202).header('cache-control', 'no-store').send({ status: 'ok' as const, message: pageStrings(lang).jsonAccepted });
      const t = pageStrings(lang);
      return sendPage(reply, renderMessagePage({ lang, title: t.checkInbox.title, body: t.checkInbox.body }));
    },
  );
};
