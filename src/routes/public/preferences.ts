import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import type { Language } from '../../i18n/languages.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { html } from '../../pages/html.js';
import { renderActionPage, renderMessagePage } from '../../pages/message-page.js';
import { renderPreferencesPage } from '../../pages/preferences-page.js';
import {
  deleteFormSchema,
  preferencesFormSchema,
  preferencesFormValues,
  resubscribeFormSchema,
  type PreferencesErrors,
  type PreferencesValues,
} from '../../subscribers/preferences-form.js';
import { createSubscriberService } from '../../subscribers/subscriber-service.js';
import { topicSlugsOf, type Subscriber } from '../../subscribers/subscriber-repository.js';
import { signToken } from '../../tokens/tokens.js';
import { topicsForReader } from '../../topics/topic-repository.js';
import { formOutcome } from './form-outcome.js';
import { langQuerySchema, originOf, rateLimitConfig, readerLanguage, sendPage, subscriberFromToken, tokenParamsSchema } from './route-helpers.js';

/** The preference centre: choices, pause, subscribe again, ask for my data by email, delete my data. */
export const preferencesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const subscribers = createSubscriberService(ctx, app.log);
  const schema = { tags: ['public'], params: tokenParamsSchema, querystring: langQuerySchema };
  const limited = rateLimitConfig(config);
  const reader = (token: string) => subscriberFromToken(db, config.SECRET_KEY, 'preferences', token);

  const page = (
    lang: Language,
    s: Subscriber,
    token: string,
    extra: { values?: PreferencesValues; notice?: 'saved' | 'resubscribed'; errors?: PreferencesErrors } = {},
  ) =>
    renderPreferencesPage({
      lang,
      subscriber: s,
      // A hidden topic stays on the page of a reader who chose it, until they let it go.
      topics: topicsForReader(db, topicSlugsOf(db, s.id)),
      values: extra.values ?? { name: s.name, language: s.language, topics: topicSlugsOf(db, s.id), paused: s.paused },
      preferencesToken: token,
      unsubscribeToken: signToken(config.SECRET_KEY, 'unsubscribe', s),
      notice: extra.notice,
      errors: extra.errors,
    });

  app.get('/preferences/:token', { schema: { ...schema, summary: 'Preference centre (HTML)' } }, async (request, reply) => {
    const s = reader(request.params.token);
    return sendPage(reply, page(readerLanguage(request, s), s, request.params.token));
  });

  app.post(
    '/preferences/:token',
    {
      config: limited,
      attachValidation: true,
      schema: { ...schema, summary: 'Save preferences (HTML answer)', body: preferencesFormSchema(subscribers.topicsExist) },
    },
    async (request, reply) => {
      const s = reader(request.params.token);
      const outcome = formOutcome(request);
      if (!outcome.ok) {
        const values = preferencesFormValues(outcome.raw, s.language);
        return sendPage(reply, page(readerLanguage(request, s), s, request.params.token, { values, errors: outcome.errors }), 400);
      }
      const saved = await subscribers.savePreferences(s.id, outcome.form);
      // The page follows the language just chosen unless ?lang= says otherwise.
      return sendPage(reply, page(readerLanguage(request, saved), saved, request.params.token, { notice: 'saved' }));
    },
  );

  app.post(
    '/preferences/:token/resubscribe',
    { config: limited, attachValidation: true, schema: { ...schema, summary: 'Subscribe again (HTML answer)', body: resubscribeFormSchema } },
    async (request, reply) => {
      const s = reader(request.params.token);
      const lang = readerLanguage(request, s);
      const outcome = formOutcome(request);
      if (!outcome.ok) return sendPage(reply, page(lang, s, request.params.token, { errors: outcome.errors }), 400);
      const again = subscribers.resubscribe(s.id, originOf(request), lang);
      return sendPage(reply, page(lang, again, request.params.token, { notice: 'resubscribed' }));
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
      const s = reader(request.params.token);
      const lang = readerLanguage(request, s);
      // Throttled or not, the same page: a repeat within minutes simply sends nothing new.
      subscribers.requestExportLink(s.id);
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
      // The body schema never fails; this keeps a bad ?lang= from refusing the step.
      attachValidation: true,
      schema: { ...schema, summary: 'Delete my data: without confirm=yes shows the confirm step', body: deleteFormSchema },
    },
    async (request, reply) => {
      const s = reader(request.params.token);
      const lang = readerLanguage(request, s);
      const p = pageStrings(lang).preferences;
      if (!request.body.confirm) {
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
      await subscribers.erase(s.id, 'reader');
      return sendPage(reply, renderMessagePage({ lang, title: p.goodbyeTitle, body: p.goodbyeBody }));
    },
  );
};

function renderBackLink(href: string, text: string) {
  return html`<p><a href="${href}">${text}</a></p>`;
}
