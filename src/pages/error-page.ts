import type { FastifyRequest } from 'fastify';
import { pickLanguage } from '../i18n/language.js';
import { pageStrings } from '../i18n/page-strings.js';
import { html } from './html.js';
import { layout } from './layout.js';

/** A friendly HTML error page in the visitor's language; never a stack trace. */
export function renderErrorPage(request: FastifyRequest, status: number, message: string | null): string {
  const lang = pickLanguage((request.query as Record<string, unknown> | undefined)?.lang, request.headers['accept-language']);
  const t = pageStrings(lang).errorPage;
  const [title, fallback] = status === 404 ? [t.notFoundTitle, t.notFoundBody] : status === 429 ? [t.tooManyTitle, t.tooManyBody] : [t.otherTitle, t.otherBody];
  const body = status === 404 || status === 429 || !message ? fallback : message;
  return layout({ lang, title, body: html`<h1>${title}</h1><p>${body}</p>` });
}
