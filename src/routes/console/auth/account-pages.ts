import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accountBody } from '../../../console/auth/account-page.js';
import type { FieldError } from '../../../console/auth/auth-fields.js';
import { sendConsolePage } from '../../../console/auth/console-reply.js';
import { formBody, formText } from '../../../console/auth/form-values.js';
import { sessionOf } from '../../../console/auth/session-state.js';
import { consoleStrings } from '../../../console/console-view.js';
import type { AppContext } from '../../../context.js';
import { isLanguage } from '../../../i18n/languages.js';
import type { Clock } from '../../../users/clock.js';
import { createUserService, userErrorOf } from '../../../users/user-service.js';

const passwordForm = z.object({ current: formText(1024), password: formText(1024), repeat: formText(1024) });

/** GET /admin/account, POST /admin/account/password (ends the user's other sessions), POST /admin/account/language. */
export const accountPages: FastifyPluginAsync<{ ctx: AppContext; clock?: Clock }> = async (app, { ctx, clock }) => {
  const users = createUserService(ctx.db, clock);

  function page(request: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldError[]; notice?: string | null }, status = 200) {
    const s = consoleStrings(request.consoleView);
    return sendConsolePage(reply, request, { title: s.auth.accountTitle, body: accountBody(request.consoleView, opts), notice: opts.notice }, status);
  }

  app.get('/account', async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const done = (request.query as { done?: unknown }).done;
    return page(request, reply, { notice: done === 'password' ? s.passwordChanged : done === 'language' ? s.languageSaved : null });
  });

  app.post('/account/password', async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const session = sessionOf(request);
    if (!session) return reply.redirect('/admin/sign-in', 303);
    const form = passwordForm.parse(formBody(request.body));
    const errors: FieldError[] = [];
    if (!form.current) errors.push({ field: 'current', message: s.errors.password_required });
    if (form.password !== form.repeat) errors.push({ field: 'repeat', message: s.errors.passwords_differ });
    if (errors.length > 0) return page(request, reply, { errors }, 400);
    try {
      await users.changePassword(session.user.id, { current: form.current, next: form.password }, session.idHash);
    } catch (err) {
      const problem = userErrorOf(err);
      if (!problem) throw err;
      const field = problem.field === 'current' ? 'current' : 'password';
      return page(request, reply, { errors: [{ field, message: s.errors[problem.code] }] }, 400);
    }
    return reply.redirect('/admin/account?done=password', 303);
  });

  app.post('/account/language', async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const user = request.consoleView.user;
    if (!user) return reply.redirect('/admin/sign-in', 303);
    const language = (request.body as { language?: unknown } | undefined)?.language;
    if (!isLanguage(language)) return page(request, reply, { errors: [{ field: 'language', message: s.errors.language_invalid }] }, 400);
    users.setLanguage(user.id, language);
    return reply.redirect(`/admin/account?done=language&lang=${language}`, 303);
  });
};
