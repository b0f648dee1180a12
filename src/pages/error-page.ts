import type { FastifyRequest } from 'fastify';
import { pickLanguage } from '../i18n/language.js';
import { html } from './html.js';
import { layout } from './layout.js';

const TEXT = {
  en: {
    404: ['Link not found', 'This link is not valid. It may have been copied incompletely, or the subscription it belonged to no longer exists.'],
    429: ['Too many requests', 'Please wait a minute and try again.'],
    other: ['Something went wrong', 'Please try again later.'],
  },
  es: {
    404: ['Enlace no encontrado', 'Este enlace no es válido. Puede que se haya copiado de forma incompleta o que la suscripción ya no exista.'],
    429: ['Demasiadas solicitudes', 'Espera un minuto y vuelve a intentarlo.'],
    other: ['Algo ha ido mal', 'Vuelve a intentarlo más tarde.'],
  },
} as const;

/** A friendly HTML error page in the visitor's language; never a stack trace. */
export function renderErrorPage(request: FastifyRequest, status: number, message: string | null): string {
  const lang = pickLanguage((request.query as Record<string, unknown> | undefined)?.lang, request.headers['accept-language']);
  const t = TEXT[lang];
  const [title, fallback] = status === 404 ? t[404] : status === 429 ? t[429] : t.other;
  const body = status === 404 || status === 429 || !message ? fallback : message;
  return layout({ lang, title, body: html`<h1>${title}</h1><p>${body}</p>` });
}
