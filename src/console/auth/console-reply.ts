import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../pages/html.js';
import { type ConsolePageOptions, consolePage } from '../console-page.js';
import { consoleStrings } from '../console-view.js';
import { orgOf } from './session-state.js';

/** Sends a whole console page with a status; console pages are personal, so nothing caches them. */
export function sendConsolePage(reply: FastifyReply, request: FastifyRequest, opts: Omit<ConsolePageOptions, 'org'>, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(consolePage(request.consoleView, { ...opts, org: orgOf(request) }));
}

/** The 403 page for a form that failed the CSRF or same-site check: it says that nothing was changed. */
export function sendFormRefused(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const s = consoleStrings(request.consoleView);
  return sendConsolePage(
    reply,
    request,
    { title: s.auth.refusedTitle, error: s.auth.csrfRefused, body: html`<p><a href="/admin">${s.shell.back}</a></p>` },
    403,
  );
}

/** The 403 page for a role that may not use a page or an action. */
export function sendForbidden(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const s = consoleStrings(request.consoleView);
  return sendConsolePage(reply, request, { title: s.shell.forbidden, body: html`<p><a href="/admin">${s.shell.back}</a></p>` }, 403);
}
