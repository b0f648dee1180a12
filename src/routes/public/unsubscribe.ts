import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { renderActionPage, renderMessagePage } from '../../pages/message-page.js';
import { unsubscribeFormSchema } from '../../subscribers/link-forms.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { signToken } from '../../tokens/tokens.js';
import { langQuerySchema, originOf, rateLimitConfig, readerLanguage, sendPage, subscriberFromToken, tokenParamsSchema } from './route-helpers.js';

/**
 * GET shows a button; POST unsubscribes. A POST with `List-Unsubscribe=One-Click` (form or multipart, as
 * RFC 8058 allows) answers 200 with a short plain text: no redirect, no cookie, no token other than the link.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);
  // Registered here only, so multipart bodies are refused everywhere else.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fields: 10, fieldNameSize: 100, fieldSize: 1000, files: 0, fileSize: 0, parts: 10, headerPairs: 50 },
  });
  const schema = { tags: ['public'], params: tokenParamsSchema, querystring: langQuerySchema };

  app.get('/unsubscribe/:token', { schema: { ...schema, summary: 'Unsubscribe page (HTML)' } }, async (request, reply) => {
    const s = subscriberFromToken(db, config.SECRET_KEY, 'unsubscribe', request.params.token);
    const lang = readerLanguage(request, s);
    const t = pageStrings(lang).unsubscribe;
    return sendPage(
      reply,
      renderActionPage({ lang, title: t.title, body: t.body, action: `/unsubscribe/${request.params.token}`, button: t.button, hidden: { confirm: 'yes' } }),
    );
  });

  app.post(
    '/unsubscribe/:token',
    {
      // Mailbox providers post one-click unsubscribes from few addresses, so this route allows more.
      config: rateLimitConfig(config, 10),
      schema: { ...schema, summary: 'Unsubscribe; `List-Unsubscribe=One-Click` gets a plain 200 (RFC 8058)', body: unsubscribeFormSchema },
      // The body schema never fails; this keeps a bad ?lang= from refusing an unsubscribe.
      attachValidation: true,
    },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'unsubscribe', request.params.token);
      const { oneClick } = request.body;
      await subscribers.unsubscribe(s.id, originOf(request), oneClick ? 'one-click' : 'unsubscribe-page');
      const lang = readerLanguage(request, s);
      if (oneClick) {
        return reply.status(200).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(pageStrings(lang).oneClickDone);
      }
      const t = pageStrings(lang).unsubscribe;
      const prefs = `/preferences/${signToken(config.SECRET_KEY, 'preferences', s)}`;
      return sendPage(reply, renderMessagePage({ lang, title: t.doneTitle, body: t.doneBody, links: [{ href: prefs, text: t.preferencesLink }] }));
    },
  );
};
