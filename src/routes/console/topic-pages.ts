import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import type { ConsoleStrings } from '../../console/console-strings.js';
import { consoleStrings, hasRole } from '../../console/console-view.js';
import { formFields, type FormFields } from '../../console/form-body.js';
import { labelField, type TopicFormState, topicDeleteBody, topicEditBody, topicsBody } from '../../console/pages/topics-page.js';
import { ConflictError } from '../../errors.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { createTopic, deleteTopic, getTopic, listTopics, moveTopic, nextTopicPosition, topicUsage, updateTopic } from '../../topics/topic-repository.js';
import { topicInputSchema, topicLabel, topicLabelsSchema } from '../../topics/topic-schema.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const NOTICES = ['created', 'saved', 'moved', 'hidden', 'shown', 'deleted'] as const;
const listQuery = z.object({ done: z.enum(NOTICES).optional().catch(undefined) });

/** The labels as typed: an empty box is no label (the default language's then stands in). */
function typedLabels(fields: FormFields): Partial<Record<Language, string>> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, fields.text(labelField(l))]).filter(([, v]) => (v as string).trim() !== ''));
}

/** The field errors of a rejected topic form, in the console's words, by input id. */
function fieldErrors(s: ConsoleStrings, issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [first, second] = issue.path;
    if (first === 'slug') errors.slug = s.topics.errors.slug;
    else if (first === 'labels') errors[labelField((typeof second === 'string' ? second : LANGUAGES[0]) as Language)] = s.topics.errors.label;
  }
  return errors;
}

/**
 * The console's topic pages: every console user sees the list; admins add, relabel, reorder, hide and
 * delete topics with the same rules as the JSON API (topic-schema.ts, topic-repository.ts).
 */
export const topicPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const admin = requireRole('admin');
  const send = (reply: FastifyReply, page: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page);
  const back = (reply: FastifyReply, done: (typeof NOTICES)[number]) => reply.redirect(`/admin/topics?done=${done}`, 303);

  app.get('/', { preHandler: requireRole('editor'), schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const body = topicsBody(view, s, listTopics(db), hasRole(view.user, 'admin'));
    const notice = request.query.done ? s.topics.notices[request.query.done] : null;
    return send(reply, consolePage(view, { title: s.topics.title, body, area: 'topics', notice, org: config.ORG_NAME }));
  });

  app.post('/', { preHandler: admin, schema: { hide: true } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const fields = formFields(request);
    const values = { slug: fields.text('slug'), labels: typedLabels(fields) };
    const again = (form: TopicFormState, status: number) =>
      send(
        reply,
        consolePage(view, { title: s.topics.title, body: topicsBody(view, s, listTopics(db), true, form), area: 'topics', org: config.ORG_NAME }),
        status,
      );
    const parsed = topicInputSchema.safeParse({ ...values, position: nextTopicPosition(db) });
    if (!parsed.success) return again({ values, errors: fieldErrors(s, parsed.error.issues) }, 400);
    try {
      createTopic(db, parsed.data);
    } catch (err) {
      if (err instanceof ConflictError) return again({ values, errors: { slug: s.topics.slugTaken } }, 409);
      throw err;
    }
    return back(reply, 'created');
  });

  app.get('/:id/edit', { preHandler: admin, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const topic = getTopic(db, request.params.id);
    const body = topicEditBody(view, s, topic, { values: { slug: topic.slug, labels: topic.labels }, errors: {} });
    return send(reply, consolePage(view, { title: format(s.topics.editTitle, { slug: topic.slug }), body, area: 'topics', org: config.ORG_NAME }));
  });

  app.post('/:id', { preHandler: admin, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const topic = getTopic(db, request.params.id);
    const labels = typedLabels(formFields(request));
    // The whole label set, checked as when a topic is created: the default language's label is required.
    const parsed = topicLabelsSchema.safeParse(labels);
    if (!parsed.success) {
      const form = {
        values: { slug: topic.slug, labels },
        errors: fieldErrors(
          s,
          parsed.error.issues.map((i) => ({ ...i, path: ['labels', ...i.path] })),
        ),
      };
      const body = topicEditBody(view, s, topic, form);
      return send(reply, consolePage(view, { title: format(s.topics.editTitle, { slug: topic.slug }), body, area: 'topics', org: config.ORG_NAME }), 400);
    }
    updateTopic(db, topic.id, { labels: parsed.data });
    return back(reply, 'saved');
  });

  app.post(
    '/:id/move',
    { preHandler: admin, schema: { hide: true, params: idParams, body: z.object({ direction: z.enum(['up', 'down']) }).passthrough() } },
    async (request, reply) => {
      moveTopic(db, request.params.id, request.body.direction);
      return back(reply, 'moved');
    },
  );

  app.post(
    '/:id/visibility',
    { preHandler: admin, schema: { hide: true, params: idParams, body: z.object({ hidden: z.enum(['yes', 'no']) }).passthrough() } },
    async (request, reply) => {
      const hidden = request.body.hidden === 'yes';
      updateTopic(db, request.params.id, { hidden });
      return back(reply, hidden ? 'hidden' : 'shown');
    },
  );

  app.get('/:id/delete', { preHandler: admin, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const topic = getTopic(db, request.params.id);
    const body = topicDeleteBody(view, s, topic, topicUsage(db, topic.id));
    return send(
      reply,
      consolePage(view, { title: format(s.topics.deleteTitle, { label: topicLabel(topic, view.lang) }), body, area: 'topics', org: config.ORG_NAME }),
    );
  });

  app.post(
    '/:id/delete',
    { preHandler: admin, schema: { hide: true, params: idParams, body: z.object({ confirm: z.literal('yes').optional().catch(undefined) }).passthrough() } },
    async (request, reply) => {
      if (request.body.confirm !== 'yes') return reply.redirect(`/admin/topics/${request.params.id}/delete`, 303);
      deleteTopic(db, request.params.id);
      return back(reply, 'deleted');
    },
  );
};
