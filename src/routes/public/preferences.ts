import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Language } from '../../i18n/languages.js';
import { pageStrings } from '../../i18n/strings.js';
import { html } from '../../pages/html.js';
import { renderActionPage, renderMessagePage } from '../../pages/message-page.js';
import { renderPreferencesPage } from '../../pages/preferences-page.js';
import { withdrawPendingDeliveries } from '../../digests/withdraw.js';
import { NotFoundError } from '../../errors.js';
import { eraseSubscriber } from '../../subscribers/erase.js';
import { requestExportLink } from '../../subscribers/export-link.js';
import { queueLinkMail } from '../../subscribers/link-mail.js';
import { resubscribeSubscriber, updatePreferences, type PreferencesInput } from '../../subscribers/lifecycle.js';
import { parsePreferencesInput, preferencesBodySchema } from '../../subscribers/preferences-input.js';
import { purgeSubscriberTraces } from '../../subscribers/purge-traces.js';
import { getSubscriber, topicSlugsOf, type Subscriber } from '../../subscribers/subscriber-repository.js';
import { signToken } from '../../tokens/tokens.js';
import { listTopics } from '../../topics/topic-repository.js';
import { langQuerySchema, originOf, rateLimitConfig, readerLanguage, sendPage, subscriberFromToken, tokenParamsSchema } from './route-helpers.js';

const YES = new Set(['yes', 'on', 'true', '1']);
const yes = (v: unknown) => v === true || (typeof v === 'string' && YES.has(v.toLowerCase()));
const field = (body: unknown, name: string) => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

/** The preference centre: choices, pause, subscribe again, ask for my data by email, delete my data. */
export const preferencesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config, queues } = ctx;
  const schema = { tags: ['public'], params: tokenParamsSchema, querystring: langQuerySchema };
  const limited = rateLimitConfig(config);

  const page = (
    lang: Language,
    s: Subscriber,
    token: string,
    extra: { values?: PreferencesInput; notice?: 'saved' | 'resubscribed'; errors?: Parameters<typeof renderPreferencesPage>[0]['errors'] } = {},
  ) =>
    renderPreferencesPage({
      lang,
      subscriber: s,
      topics: listTopics(db),
      values: extra.values ?? { name: s.name, language: s.language, topics: topicSlugsOf(db, s.id), paused: s.paused },
      preferencesToken: token,
      unsubscribeToken: signToken(config.SECRET_KEY, 'unsubscribe', s.id),
      notice: extra.notice,
      errors: extra.errors,
    });

  app.get('/preferences/:token', { schema: { ...schema, summary: 'Preference centre (HTML)' } }, async (request, reply) => {
    const s = subscriberFromToken(db, config.SECRET_KEY, 'preferences', request.params.token);
    return sendPage(reply, page(readerLanguage(request, s), s, request.params.token));
  });

  app.post(
    '/preferences/:token',
    { config: limited, attachValidation: true, schema: { ...schema, summary: 'Save preferences (HTML answer)', body: preferencesBodySchema } },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'preferences', request.params.token);
      const lang = readerLanguage(request, s);
      const parsed = parsePreferencesInput(request.body, new Set(listTopics(db).map((t) => t.slug)), s.language);
      if (!parsed.ok) return sendPage(reply, page(lang, s, request.params.token, { values: parsed.input, errors: parsed.errors }), 400);
      updatePreferences(db, s.id, parsed.input);
      if (parsed.input.paused) await withdrawPendingDeliveries(ctx, s.id);
      // The page follows the language just chosen unless ?lang= says otherwise.
      const saved = getSubscriber(db, s.id);
      return sendPage(reply, page(readerLanguage(request, saved), saved, request.params.token, { notice: 'saved' }));
    },
  );

  app.post(
    '/preferences/:token/resubscribe',
    {
      config: limited,
      attachValidation: true,
      schema: { ...schema, summary: 'Subscribe again (HTML answer)', body: z.object({ consent: z.string().max(10) }) },
    },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'preferences', request.params.token);
      const lang = readerLanguage(request, s);
      if (!yes(field(request.body, 'consent'))) return sendPage(reply, page(lang, s, request.params.token, { errors: { consent: 'consent_required' } }), 400);
      resubscribeSubscriber(db, config.SECRET_KEY, s.id, originOf(request), lang);
      return sendPage(reply, page(lang, getSubscriber(db, s.id), request.params.token, { notice: 'resubscribed' }));
    },
  );

  // The old direct download: the preference link travels in every digest, so a forwarded newsletter must
  // not hand over the consent log. The data now leaves only through a short-lived link mailed to the reader.
  app.get('/preferences/:token/export', { schema: { ...schema, summary: 'Gone: always the 404 page (ask by POST instead)' } }, async () => {
    throw new NotFoundError('This link is not valid');
  });

  app.post(
    '/preferences/:token/export',
    { config: limited, schema: { ...schema, summary: 'Email me a short-lived link to download my data (HTML answer)' } },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'preferences', request.params.token);
      const lang = readerLanguage(request, s);
      // Throttled or not, the same page: a repeat within minutes simply sends nothing new.
      queueLinkMail(queues, requestExportLink(db, config, s.id), request.log);
      const p = pageStrings(lang).preferences;
      return sendPage(
        reply,
        renderMessagePage({ lang, title: p.exportSentTitle, body: p.exportSentBody, links: [{ href: `/preferences/${request.params.token}`, text: p.back }] }),
      );
    },
  );

  app.post(
    '/preferences/:token/delete',
    {
      config: limited,
      attachValidation: true,
      schema: { ...schema, summary: 'Delete my data: without confirm=yes shows the confirm step', body: z.object({ confirm: z.string().max(10).optional() }).optional() },
    },
    async (request, reply) => {
      const s = subscriberFromToken(db, config.SECRET_KEY, 'preferences', request.params.token);
      const lang = readerLanguage(request, s);
      const p = pageStrings(lang).preferences;
      if (!yes(field(request.body, 'confirm'))) {
        const back = `/preferences/${request.params.token}`;
        return sendPage(
          reply,
          renderActionPage({
            lang,
            title: p.deleteTitle,
            body: p.deleteBody,
            action: `${back}/delete`,
            button: p.deleteConfirm,
            danger: true,
            hidden: { confirm: 'yes' },
            extra: renderBackLink(back, p.cancel),
          }),
        );
      }
      await withdrawPendingDeliveries(ctx, s.id);
      eraseSubscriber(db, config.SECRET_KEY, s.id, 'reader');
      await purgeSubscriberTraces(ctx, s.email);
      return sendPage(reply, renderMessagePage({ lang, title: p.goodbyeTitle, body: p.goodbyeBody }));
    },
  );
};

function renderBackLink(href: string, text: string) {
  return html`<p><a href="${href}">${text}</a></p>`;
}
