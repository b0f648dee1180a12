import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ConsoleArea, consolePage } from '../../console/console-page.js';
import { DomainError, UnauthorizedError } from '../../errors.js';
import { STATUS_OF_KIND } from '../../http/error-handler.js';
import type { SafeHtml } from '../../pages/html.js';

/** What a use case said when it refused: the page shows the message with this status, nothing changed. */
export interface Refusal {
  status: number;
  message: string;
}

/**
 * Runs a use case for a console form. A conflict or invalid input comes back as a Refusal for the page
 * to show; anything else (not found, a bug) goes on to the error handler.
 */
export async function attempt<T>(run: () => T | Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & Refusal)> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'invalid_input')) {
      return { ok: false, status: STATUS_OF_KIND[err.kind], message: err.message };
    }
    throw err;
  }
}

/** Who acts, for the use cases' logs and provenance: the signed-in user's email. */
export function actorOf(request: FastifyRequest): string {
  const user = request.consoleView.user;
  if (!user) throw new UnauthorizedError('Sign in first');
  return user.email;
}

/** Sends a whole console page. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  org: string,
  page: { title: string; body: SafeHtml; area?: ConsoleArea; notice?: string | null; error?: string | null; status?: number },
) {
  return reply
    .status(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(consolePage(request.consoleView, { title: page.title, body: page.body, area: page.area ?? 'digests', notice: page.notice, error: page.error, org }));
}

/** A 303 to a GET page after a form did its work (post/redirect/get), with a notice key. */
export function seeOther(reply: FastifyReply, url: string, done?: string) {
  const [path, hash] = url.split('#');
  const sep = path!.includes('?') ? '&' : '?';
  return reply.redirect(`${path}${done ? `${sep}done=${done}` : ''}${hash ? `#${hash}` : ''}`, 303);
}

/** The CSP of an email shown in the console: it runs nothing and loads nothing from outside. */
export const EMAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** Serves a stored email (HTML, or its text part) for a sandboxed frame: its own strict CSP, never cached. */
export function sendEmail(reply: FastifyReply, mail: { html: string; text: string }, format: 'html' | 'text') {
  reply.header('content-security-policy', EMAIL_CSP).header('cache-control', 'no-store');
  if (format === 'text') return reply.type('text/plain; charset=utf-8').send(mail.text);
  return reply.type('text/html; charset=utf-8').send(mail.html);
}
