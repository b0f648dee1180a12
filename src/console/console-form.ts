import { html, type SafeHtml } from '../pages/html.js';
import type { ConsoleView } from './console-view.js';

/** The name of the hidden field that carries the CSRF token in every console form. */
export const CSRF_FIELD = '_csrf';

/** The hidden CSRF field every console form must carry (the session plugin refuses a POST without it). */
export function csrfField(view: Pick<ConsoleView, 'csrfToken'>): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${view.csrfToken}">`;
}

/** A form that posts to `action` with its CSRF field: the only way console pages change anything. */
export function postForm(view: Pick<ConsoleView, 'csrfToken'>, action: string, body: SafeHtml, opts: { className?: string; enctype?: string } = {}): SafeHtml {
  return html`<form method="post" action="${action}"${opts.className ? html` class="${opts.className}"` : ''}${opts.enctype ? html` enctype="${opts.enctype}"` : ''}>${csrfField(view)}${body}</form>`;
}
