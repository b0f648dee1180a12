import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../../console/auth/auth-fields.js';
import { sendConsolePage } from '../../../console/auth/console-reply.js';
import { formBody, formText } from '../../../console/auth/form-values.js';
import { newPresessionSecret, presessionCsrfToken } from '../../../console/auth/csrf.js';
import { safeNext } from '../../../console/auth/safe-next.js';
import { consoleCookieOptions, PRESESSION_COOKIE, SESSION_COOKIE } from '../../../console/auth/session-cookie.js';
import { setupBody } from '../../../console/auth/setup-page.js';
import { signInBody } from '../../../console/auth/sign-in-page.js';
import { consoleStrings } from '../../../console/console-view.js';
import type { AppContext } from '../../../context.js';
import { format } from '../../../i18n/format.js';
import { html } from '../../../pages/html.js';
import { createAuthService, type StartedSession } from '../../../users/auth-service.js';
import type { Clock } from '../../../users/clock.js';
import { userErrorOf } from '../../../users/user-service.js';
import { accountPages } from './account-pages.js';

const signInForm = z.object({ email: formText(1000), password: formText(1024), next: formText(1000) });
const setupForm = z.object({ adminToken: formText(1024), email: formText(1000), password: formText(1024), repeat: formText(1024) });

/** The rate limit of @fastify/rate-limit on the sign-in and setup POSTs, per client: a second line behind the throttle. */
function signInRateLimit(perMinute: number) {
  return { rateLimit: { max: perMinute * 3, timeWindow: '1 minute' } };
}

/**
 * GET/POST /admin/sign-in, POST /admin/sign-out, GET/POST /admin/setup (the first admin, with ADMIN_TOKEN,
 * only while there are no users), and the account pages.
 */
export const authPages: FastifyPluginAsync<{ ctx: AppContext; clock?: Clock }> = async (app, { ctx, clock }) => {
  const { config, db } = ctx;
  const auth = createAuthService(db, config, clock);
  const sessionCookie = consoleCookieOptions(config, config.SESSION_MAX_HOURS * 3600);

  /** The pre-session token for the sign-in and setup forms, setting its cookie when the browser has none. */
  function presessionToken(request: FastifyRequest, reply: FastifyReply): string {
    let bound = request.cookies[PRESESSION_COOKIE];
    if (!bound || bound.length > 100) {
      bound = newPresessionSecret();
      reply.setCookie(PRESESSION_COOKIE, bound, consoleCookieOptions(config));
    }
    return presessionCsrfToken(config.SECRET_KEY, bound);
  }

  function startSession(reply: FastifyReply, started: StartedSession, next: string) {
    reply.setCookie(SESSION_COOKIE, started.token, sessionCookie);
    reply.clearCookie(PRESESSION_COOKIE, consoleCookieOptions(config));
    return reply.redirect(next, 303);
  }

  function signInPage(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { email?: string; next: string; error?: string; notice?: string | null },
    status = 200,
  ) {
    request.consoleView.csrfToken = presessionToken(request, reply);
    const s = consoleStrings(request.consoleView).auth;
    const body = signInBody(request.consoleView, { email: opts.email, next: opts.next, offerSetup: auth.users.count() === 0 });
    return sendConsolePage(reply, request, { title: s.signInTitle, body, error: opts.error, notice: opts.notice }, status);
  }

  function setupPage(request: FastifyRequest, reply: FastifyReply, opts: { email?: string; errors?: FieldError[]; error?: string }, status = 200) {
    request.consoleView.csrfToken = presessionToken(request, reply);
    const s = consoleStrings(request.consoleView).auth;
    return sendConsolePage(reply, request, { title: s.setupTitle, body: setupBody(request.consoleView, opts), error: opts.error }, status);
  }

  function throttledMessage(request: FastifyRequest, verdict: { retryAfterSeconds: number; refused: boolean }) {
    const s = consoleStrings(request.consoleView).auth;
    return verdict.refused ? s.refused : format(s.throttled, { minutes: Math.ceil(verdict.retryAfterSeconds / 60) });
  }

  const origin = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as { next?: unknown; done?: unknown };
    const next = safeNext(query.next);
    if (request.consoleView.user) return reply.redirect(next, 303);
    const s = consoleStrings(request.consoleView).auth;
    return signInPage(request, reply, { next, notice: query.done === 'signed-out' ? s.signedOut : null });
  });

  app.post('/sign-in', { config: signInRateLimit(config.RATE_LIMIT_PER_MINUTE) }, async (request, reply) => {
    const form = signInForm.parse(formBody(request.body));
    const next = safeNext(form.next);
    const result = await auth.signIn({ email: form.email, password: form.password }, origin(request), request.cookies[SESSION_COOKIE]);
    if (result.ok) return startSession(reply, result, next);
    if (result.reason === 'throttled') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return signInPage(request, reply, { email: form.email, next, error: throttledMessage(request, result) }, 429);
    }
    const s = consoleStrings(request.consoleView).auth;
    return signInPage(request, reply, { email: form.email, next, error: s.signInFailed }, 401);
  });

  app.post('/sign-out', async (request, reply) => {
    auth.sessions.end(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, consoleCookieOptions(config));
    return reply.redirect(`/admin/sign-in?done=signed-out&lang=${request.consoleView.lang}`, 303);
  });

  app.get('/setup', async (request, reply) => {
    if (auth.users.count() > 0) return reply.redirect('/admin/sign-in', 303);
    return setupPage(request, reply, {});
  });

  app.post('/setup', { config: signInRateLimit(config.RATE_LIMIT_PER_MINUTE) }, async (request, reply) => {
    const s = consoleStrings(request.consoleView).auth;
    const form = setupForm.parse(formBody(request.body));
    const closed = () =>
      sendConsolePage(reply, request, { title: s.setupTitle, error: s.setupClosed, body: html`<p><a href="/admin/sign-in">${s.signIn}</a></p>` }, 409);
    if (auth.users.count() > 0) return closed();
    if (form.password !== form.repeat) {
      return setupPage(request, reply, { email: form.email, errors: [{ field: 'repeat', message: s.errors.passwords_differ }] }, 400);
    }
    try {
      const result = await auth.setUp(
        { adminToken: form.adminToken, user: { email: form.email, password: form.password, language: request.consoleView.lang } },
        origin(request),
      );
      if (result.ok) return startSession(reply, result, '/admin');
      if (result.reason === 'users_exist') return closed();
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return setupPage(request, reply, { email: form.email, error: throttledMessage(request, result) }, 429);
      }
      return setupPage(request, reply, { email: form.email, errors: [{ field: 'adminToken', message: s.errors.admin_token_wrong }] }, 403);
    } catch (err) {
      const problem = userErrorOf(err);
      if (!problem) throw err;
      if (problem.code === 'users_exist') return closed();
      return setupPage(request, reply, { email: form.email, errors: [{ field: problem.field, message: s.errors[problem.code] }] }, 400);
    }
  });

  await app.register(accountPages, { ctx, clock });
};
