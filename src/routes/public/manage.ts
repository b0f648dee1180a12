import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { en } from '../../i18n/strings-en.js';
import { pageStrings } from '../../i18n/strings.js';
import { renderManagePage } from '../../pages/manage-page.js';
import { renderMessagePage } from '../../pages/message-page.js';
import { checkEmail } from '../../subscribers/email-address.js';
import { queueLinkMail } from '../../subscribers/link-mail.js';
import { requestManageLink } from '../../subscribers/manage-link.js';
import { formOrJsonOnly, isJsonRequest, langQuerySchema, pageLanguage, rateLimitConfig, sendPage } from './route-helpers.js';

/** "Email me a link to my preferences". The answer never says whether the address is subscribed. */
export const manageRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config, queues } = ctx;

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
        body: z.object({ email: z.string().max(1000) }),
        response: {
          202: z.object({ status: z.literal('ok'), message: z.string() }),
          400: z.object({ error: z.string(), message: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })) }),
        },
      },
    },
    async (request, reply) => {
      const json = isJsonRequest(request);
      const lang = pageLanguage(request);
      const raw = (request.body as { email?: unknown } | undefined)?.email;
      const checked = checkEmail(raw);
      if ('error' in checked) {
        if (json) return reply.status(400).send({ error: 'invalid_input', message: 'The request is not valid', details: [{ field: 'email', message: en.errors[checked.error] }] });
        return sendPage(reply, renderManagePage({ lang, email: typeof raw === 'string' ? raw.slice(0, 300) : '', error: checked.error }), 400);
      }
      queueLinkMail(queues, requestManageLink(db, config, checked.email), request.log);
      const t = pageStrings(lang).manage;
      if (json) return reply.status(202).header('cache-control', 'no-store').send({ status: 'ok' as const, message: t.sentBody });
      return sendPage(reply, renderMessagePage({ lang, title: t.sentTitle, body: t.sentBody }));
    },
  );
};
