import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errorBodySchema } from '../../http/error-handler.js';
import { cspDirectives } from '../../http/csp.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { renderMessagePage } from '../../pages/message-page.js';
import { renderSubscribePage } from '../../pages/subscribe-page.js';
import { fieldsOf, formIdOf } from '../../subscribers/form-inputs.js';
import { subscribeFormSchema, subscribeFormValues } from '../../subscribers/subscribe-form.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { listVisibleTopics, visibleTopicsExist } from '../../topics/topic-repository.js';
import { afterAnswer } from './after-answer.js';
import { formOutcome, invalidForm } from './form-outcome.js';
import { formOrJsonOnly, isJsonRequest, langQuerySchema, originOf, pageLanguage, rateLimitConfig, sendPage } from './route-helpers.js';

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

/** GET and POST /subscribe: the signup form, and a signup from it or from JSON. */
export const subscribeRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);
  const helmet = embeddableHelmet(config.PUBLIC_URL);

  app.get(
    '/subscribe',
    { helmet, schema: { tags: ['public'], summary: 'The signup form (HTML)', querystring: langQuerySchema.extend({ form: z.string().max(64).optional() }) } },
    async (request, reply) =>
      sendPage(
        reply,
        renderSubscribePage({ lang: pageLanguage(request), publicUrl: config.PUBLIC_URL, topics: listVisibleTopics(db), form: formIdOf(request.query.form) }),
      ),
  );

  app.post(
    '/subscribe',
    {
      helmet,
      config: rateLimitConfig(config),
      preValidation: formOrJsonOnly,
      // A rejected body reaches the handler, so an HTML form can be shown again with its errors.
      attachValidation: true,
      schema: {
        tags: ['public'],
        summary: 'Subscribe (form data or JSON). The answer is the same whether the address is new or known.',
        querystring: langQuerySchema,
        // Only the topics the form offers: a hidden one is kept for its readers, not open to new ones.
        body: subscribeFormSchema((slugs) => visibleTopicsExist(db, slugs)),
        response: { 202: acceptedSchema, 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const json = isJsonRequest(request);
      const lang = pageLanguage(request);
      const outcome = formOutcome(request);
      if (!outcome.ok) {
        if (json) throw invalidForm(outcome.errors);
        const values = subscribeFormValues(outcome.raw, lang);
        const form = formIdOf(fieldsOf(outcome.raw).form);
        return sendPage(
          reply,
          renderSubscribePage({ lang, publicUrl: config.PUBLIC_URL, topics: listVisibleTopics(db), values, errors: outcome.errors, form }),
          400,
        );
      }
      const { form } = outcome;
      const source = { via: json ? ('api' as const) : ('page' as const), pageLanguage: lang, origin: originOf(request) };
      afterAnswer(reply, () => subscribers.signup(form, source));
      const t = pageStrings(lang);
      if (json)
        return reply
          .status(202)
          .header('cache-control', 'no-store')
          .send({ status: 'ok' as const, message: t.jsonAccepted });
      return sendPage(reply, renderMessagePage({ lang, title: t.checkInbox.title, body: t.checkInbox.body }));
    },
  );
};
