import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { renderActionPage, renderMessagePage } from '../../pages/message-page.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { signToken } from '../../tokens/tokens.js';
import { langQuerySchema, originOf, rateLimitConfig, readerLanguage, sendPage, subscriberFromToken, tokenParamsSchema } from './route-helpers.js';

/** Double opt-in: GET shows a button (link scanners only GET), POST confirms. */
export const confirmRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);
  // `signup` names the signup whose waiting choices this link applies (see pending_signups).
  const schema = { tags: ['public'], params: tokenParamsSchema, querystring: langQuerySchema.extend({ signup: z.string().max(64).optional() }) };

  app.get('/confirm/:token', { schema: { ...schema, summary: 'Confirmation page (HTML)' } }, async (request, reply) => {
    const s = subscriberFromToken(db, config.SECRET_KEY, 'confirm', request.params.token);
    const lang = readerLanguage(request, s);
    const t = pageStrings(lang).confirm;
    const signup = request.query.signup ? `?signup=${encodeURIComponent(request.query.signup)}` : '';
    return sendPage(reply, renderActionPage({ lang, title: t.title, body: t.body, action: `/confirm/${request.params.token}${signup}`, button: t.button }));
  });

  app.post(
    '/confirm/:token',
    { config: rateLimitConfig(config), schema: { ...schema, summary: 'Confirm a subscription (HTML answer)' } },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'confirm', request.params.token);
      const lang = readerLanguage(request, s);
      const t = pageStrings(lang).confirm;
      const outcome = subscribers.confirm(s.id, originOf(request), request.query.signup);
      if (outcome === 'not-applicable') {
        return sendPage(
          reply,
          renderMessagePage({ lang, title: t.notPendingTitle, body: t.notPendingBody, links: [{ href: `/subscribe?lang=${lang}`, text: t.subscribeLink }] }),
        );
      }
      const prefs = `/preferences/${signToken(config.SECRET_KEY, 'preferences', s)}`;
      return sendPage(reply, renderMessagePage({ lang, title: t.doneTitle, body: t.doneBody, links: [{ href: prefs, text: t.preferencesLink }] }));
    },
  );
};
