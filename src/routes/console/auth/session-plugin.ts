import cookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendConsolePage, sendFormRefused } from '../../../console/auth/console-reply.js';
import { isCrossSite } from '../../../console/auth/cross-site.js';
import { presessionCsrfToken, sessionCsrfToken, tokensMatch } from '../../../console/auth/csrf.js';
import { safeNext } from '../../../console/auth/safe-next.js';
import { PRESESSION_COOKIE, SESSION_COOKIE } from '../../../console/auth/session-cookie.js';
import { rememberConsoleState } from '../../../console/auth/session-state.js';
import { CSRF_FIELD } from '../../../console/console-form.js';
import { type ConsoleView, consoleStrings } from '../../../console/console-view.js';
import type { AppContext } from '../../../context.js';
import { pickLanguage } from '../../../i18n/language.js';
import { isLanguage } from '../../../i18n/languages.js';
import { html } from '../../../pages/html.js';
import { type Clock, systemClock } from '../../../users/clock.js';
import { createSessionService } from '../../../users/session-service.js';
import { createUserService } from '../../../users/user-service.js';

/** Console routes open without a session: the sign-in and first-admin forms, and the stylesheet and script. */
const OPEN_ROUTES = new Set(['/admin/sign-in', '/admin/setup']);
const isOpenRoute = (url: string | undefined) => url !== undefined && (OPEN_ROUTES.has(url) || url.startsWith('/admin/assets/'));

/** Forms posted before there is a session, whose token is bound to the pre-session cookie instead. */
const PRESESSION_FORMS = OPEN_ROUTES;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The token a POST carries: the `_csrf` form field, or the X-CSRF-Token header (for scripts). A multipart
 * body is read by its route only after this check, so a multipart form carries it in its action's query
 * string (`?_csrf=`), which is accepted for multipart bodies alone.
 */
function sentToken(request: FastifyRequest): unknown {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  if ((request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    return (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  }
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
}

/**
 * Every console request: finds the session from its cookie, sets `request.consoleView`, sends visitors
 * without a session to sign in (303), and refuses (403, nothing changed) any POST that is cross-site or
 * lacks the right CSRF token. Wrapped in fastify-plugin so its hooks cover every console route.
 */
const plugin: FastifyPluginAsync<{ ctx: AppContext; clock?: Clock }> = async (app, { ctx, clock = systemClock }) => {
  const { config, db } = ctx;
  const sessions = createSessionService(db, config, clock);
  const users = createUserService(db, clock);
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  app.decorateRequest('consoleView', null as never);

  app.addHook('onRequest', async (request, reply) => {
    const session = sessions.resume(request.cookies[SESSION_COOKIE]);
    const asked = (request.query as { lang?: unknown } | undefined)?.lang;
    if (session && isLanguage(asked) && asked !== session.user.language) users.setLanguage(session.user.id, asked);
    const lang = isLanguage(asked) ? asked : (session?.user.language ?? pickLanguage(undefined, request.headers['accept-language']));
    const { user } = session ?? {};
    const view: ConsoleView = {
      user: user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null,
      lang,
      csrfToken: session ? sessionCsrfToken(session.csrfSecret) : '',
      path: request.url.split('?')[0] ?? '/admin',
      query: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
    };
    request.consoleView = view;
    rememberConsoleState(request, { session, org: config.ORG_NAME });
    if (!session && !isOpenRoute(request.routeOptions.url)) {
      return reply.redirect(`/admin/sign-in?next=${encodeURIComponent(safeNext(request.url))}`, 303);
    }
    return undefined;
  });

  // After the body is parsed and before any route validates or acts on it.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return undefined;
    if (isCrossSite(request, config.PUBLIC_URL)) return sendFormRefused(reply, request);
    let expected = request.consoleView.csrfToken;
    if (PRESESSION_FORMS.has(request.routeOptions.url ?? '')) {
      const bound = request.cookies[PRESESSION_COOKIE];
      expected = bound ? presessionCsrfToken(config.SECRET_KEY, bound) : '';
    }
    if (!tokensMatch(expected, sentToken(request))) return sendFormRefused(reply, request);
    return undefined;
  });

  // A console address that does not exist is a console 404 page, and only for the signed-in: without a
  // session it is a redirect like every other, so the console's map is not open to strangers.
  app.setNotFoundHandler((request, reply) => {
    const s = consoleStrings(request.consoleView);
    return sendConsolePage(reply, request, { title: s.shell.notFound, body: html`<p><a href="/admin">${s.shell.back}</a></p>` }, 404);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.url?.startsWith('/admin/assets/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
};

export const sessionPlugin = fp(plugin, { name: 'console-session' });
