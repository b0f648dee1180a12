import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { errorBodySchema } from '../../http/error-handler.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { renderManagePage } from '../../pages/manage-page.js';
import { renderMessagePage } from '../../pages/message-page.js';
import { fieldsOf } from '../../subscribers/form-inputs.js';
import { manageFormSchema } from '../../subscribers/link-forms.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { afterAnswer } from './after-answer.js';
import { formOutcome, invalidForm } from './form-outcome.js';
import { formOrJsonOnly, isJsonRequest, langQuerySchema, pageLanguage, rateLimitConfig, sendPage } from './route-helpers.js';

/** "Email me a link to my preferences". The answer never says whether the address is subscribed. */
export const manageRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);

  app.get('/manage', { schema: { tags: ['public'], summary: 'Ask for a preferences link (HTML)', querystring: langQuerySchema } }, async (request, reply) =>
    sendPage(reply, renderManagePage({ lang: pageLanguage(request) })),
  );

  app.post(
    '/manage',
    {
      config: rateLimitConfig(config),
      preValidation: formOrJsonOnly,
      attachValidation: true,
      schema: {
        tags: ['public'],
        summary: 'Ask for a preferences link (form data or JSON); the same answer for every address',
        querystring: langQuerySchema,
        body: manageFormSchema,
        response: {
          202: z.object({ status: z.literal('ok'), message: z.string() }),
          400: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const json = isJsonRequest(request);
      const lang = pageLanguage(request);
      const outcome = formOutcome(request);
      if (!outcome.ok) {
        if (json) throw invalidForm(outcome.errors);
        const typed = fieldsOf(outcome.raw).email;
        return sendPage(reply, renderManagePage({ lang, email: typeof typed === 'string' ? typed.slice(0, 300) : '', error: outcome.errors.email }), 400);
      }
      const { email } = outcome.form;
      afterAnswer(reply, () => subscribers.requestManageLink(email));
      const t = pageStrings(lang).manage;
      if (json)
        return reply
          .status(202)
          .header('cache-control', 'no-store')
          .send({ status: 'ok' as const, message: t.sentBody });
      return sendPage(reply, renderMessagePage({ lang, title: t.sentTitle, body: t.sentBody }));
    },
  );
};
