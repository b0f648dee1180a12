import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../console/auth/auth-fields.js';
import { sendConsolePage } from '../../console/auth/console-reply.js';
import { formBody, formText } from '../../console/auth/form-values.js';
import { requireRole } from '../../console/auth/require-role.js';
import { removeUserBody, usersBody } from '../../console/auth/users-page.js';
import { consoleStrings } from '../../console/console-view.js';
import type { AppContext } from '../../context.js';
import { USER_ROLES } from '../../domain/statuses.js';
import { NotFoundError } from '../../errors.js';
import { format } from '../../i18n/format.js';
import { generatePassword } from '../../users/password.js';
import { createUserService, userErrorOf } from '../../users/user-service.js';

const addForm = z.object({ email: formText(1000), role: z.enum(USER_ROLES).catch('editor'), password: formText(1024) });
const roleForm = z.object({ role: z.enum(USER_ROLES).nullable().catch(null) });
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Users are shown in the lab's clock when the console learns one; until then in UTC, and said so. */
const TIME_ZONE = 'UTC';

/** /admin/users (admins only): the list, add a user, change a role, remove with a confirmation step. */
export const userPages: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const users = createUserService(ctx.db);
  app.addHook('preHandler', requireRole('admin'));

  function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      notice?: string | null;
      error?: string | null;
      generated?: { email: string; password: string };
      values?: { email?: string; role?: string };
      errors?: FieldError[];
    } = {},
    status = 200,
  ) {
    const s = consoleStrings(request.consoleView);
    const body = usersBody(request.consoleView, { users: users.list(), timeZone: TIME_ZONE, ...opts });
    return sendConsolePage(reply, request, { title: s.users.title, area: 'users', body, notice: opts.notice, error: opts.error }, status);
  }

  function userOf(params: unknown) {
    const parsed = idParams.safeParse(params);
    const user = parsed.success ? users.find(parsed.data.id) : undefined;
    if (!user) throw new NotFoundError('There is no such user');
    return user;
  }

  app.get('/', async (request, reply) => {
    const s = consoleStrings(request.consoleView).users;
    const done = (request.query as { done?: unknown }).done;
    const notices: Record<string, string> = { role: s.roleChanged, removed: s.removed };
    const added = (request.query as { email?: unknown }).email;
    const notice =
      done === 'added' && typeof added === 'string'
        ? format(s.added, { email: added.slice(0, 254) })
        : typeof done === 'string'
          ? (notices[done] ?? null)
          : null;
    return listPage(request, reply, { notice });
  });

  app.post('/', async (request, reply) => {
    const s = consoleStrings(request.consoleView);
    const form = addForm.parse(formBody(request.body));
    const generated = form.password === '';
    const password = generated ? generatePassword() : form.password;
    try {
      const user = await users.create({ email: form.email, role: form.role, password });
      if (!generated) return reply.redirect(`/admin/users?done=added&email=${encodeURIComponent(user.email)}`, 303);
      // Shown once, in this answer only: never in a URL, a log or the database.
      return listPage(request, reply, { notice: format(s.users.added, { email: user.email }), generated: { email: user.email, password } }, 201);
    } catch (err) {
      const problem = userErrorOf(err);
      if (!problem) throw err;
      const status = problem.code === 'email_taken' ? 409 : 400;
      return listPage(request, reply, { values: form, errors: [{ field: problem.field, message: s.auth.errors[problem.code] }] }, status);
    }
  });

  app.post('/:id/role', async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const user = userOf(request.params);
    const { role } = roleForm.parse(formBody(request.body));
    if (!role) return listPage(request, reply, { error: s.errors.role_invalid }, 400);
    try {
      users.changeRole(user.id, role);
    } catch (err) {
      const problem = userErrorOf(err);
      if (!problem) throw err;
      return listPage(request, reply, { error: s.errors[problem.code] }, 409);
    }
    return reply.redirect('/admin/users?done=role', 303);
  });

  app.get('/:id/remove', async (request, reply) => {
    const s = consoleStrings(request.consoleView);
    const user = userOf(request.params);
    return sendConsolePage(reply, request, {
      title: format(s.users.removeTitle, { email: user.email }),
      area: 'users',
      body: removeUserBody(request.consoleView, user),
    });
  });

  app.post('/:id/remove', async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const user = userOf(request.params);
    try {
      users.remove(user.id, request.consoleView.user?.id);
    } catch (err) {
      const problem = userErrorOf(err);
      if (!problem) throw err;
      return listPage(request, reply, { error: s.errors[problem.code] }, 409);
    }
    return reply.redirect('/admin/users?done=removed', 303);
  });
};
