import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { type ConsoleView, consoleStrings } from '../../console/console-view.js';
import { formFields } from '../../console/form-body.js';
import { filterText, pageNumber } from '../../console/list-query.js';
import { personDeleteBody, personFormBody, peopleListBody } from '../../console/pages/people-page.js';
import { checkPersonForm, newPersonValues, type PersonFormValues, personValues, readPersonForm } from '../../console/person-form.js';
import { format } from '../../i18n/format.js';
import { getPerson, listPeople } from '../../people/person-repository.js';
import { createPerson, deletePerson, updatePerson } from '../../people/person-service.js';

/** People per page of the console's list. */
const PAGE_SIZE = 50;
const NOTICES = ['created', 'saved', 'deleted'] as const;

const listQuery = z.object({
  q: filterText(200),
  status: z.enum(['current', 'alumni']).optional().catch(undefined),
  page: pageNumber,
  done: z.enum(NOTICES).optional().catch(undefined),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const confirmBody = z.object({ confirm: z.literal('yes').optional().catch(undefined) }).passthrough();

/**
 * The console's people pages (editors): the team listed and filtered, people added, edited and deleted with
 * the admin API's schema and use cases.
 */
export const peoplePages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  app.addHook('preHandler', requireRole('editor'));
  const send = (reply: FastifyReply, page: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/', { schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const { page, done, q, status } = request.query;
    const alumni = status === undefined ? undefined : status === 'alumni';
    const { people, total } = listPeople(db, { q, alumni, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = peopleListBody(view.lang, s, { filter: { q, status }, people, total, page, limit: PAGE_SIZE });
    const notice = done ? s.people.notices[done] : null;
    return send(reply, consolePage(view, { title: s.people.title, body, area: 'content', notice, org: config.ORG_NAME }));
  });

  const formPage = (
    request: { consoleView: ConsoleView },
    reply: FastifyReply,
    opts: { title: string; action: string; values: PersonFormValues; errors: Record<string, string>; status?: number },
  ) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const body = personFormBody(view, s, opts);
    return send(reply, consolePage(view, { title: opts.title, body, area: 'content', org: config.ORG_NAME }), opts.status);
  };

  app.get('/new', { schema: { hide: true } }, async (request, reply) =>
    formPage(request, reply, {
      title: consoleStrings(request.consoleView).people.createTitle,
      action: '/admin/content/people',
      values: newPersonValues(),
      errors: {},
    }),
  );

  app.post('/', { schema: { hide: true } }, async (request, reply) => {
    const s = consoleStrings(request.consoleView);
    const values = readPersonForm(formFields(request));
    const checked = checkPersonForm(s, values);
    if (!checked.ok)
      return formPage(request, reply, { title: s.people.createTitle, action: '/admin/content/people', values, errors: checked.errors, status: 422 });
    createPerson(db, checked.input);
    return reply.redirect('/admin/content/people?done=created', 303);
  });

  app.get('/:id/edit', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const person = getPerson(db, request.params.id);
    const s = consoleStrings(request.consoleView);
    return formPage(request, reply, {
      title: format(s.people.editTitle, { name: person.name }),
      action: `/admin/content/people/${person.id}`,
      values: personValues(person),
      errors: {},
    });
  });

  app.post('/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const person = getPerson(db, request.params.id);
    const s = consoleStrings(request.consoleView);
    const values = readPersonForm(formFields(request));
    const checked = checkPersonForm(s, values);
    if (!checked.ok) {
      const title = format(s.people.editTitle, { name: person.name });
      return formPage(request, reply, { title, action: `/admin/content/people/${person.id}`, values, errors: checked.errors, status: 422 });
    }
    updatePerson(db, person.id, checked.input);
    return reply.redirect('/admin/content/people?done=saved', 303);
  });

  app.get('/:id/delete', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const person = getPerson(db, request.params.id);
    const body = personDeleteBody(view, s, person);
    return send(reply, consolePage(view, { title: format(s.people.deleteTitle, { name: person.name }), body, area: 'content', org: config.ORG_NAME }));
  });

  app.post('/:id/delete', { schema: { hide: true, params: idParams, body: confirmBody } }, async (request, reply) => {
    if (request.body.confirm !== 'yes') return reply.redirect(`/admin/content/people/${request.params.id}/delete`, 303);
    deletePerson(db, request.params.id);
    return reply.redirect('/admin/content/people?done=deleted', 303);
  });
};
