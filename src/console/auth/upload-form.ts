import { html, type SafeHtml } from '../../pages/html.js';
import { CSRF_FIELD, csrfField } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';

/**
 * A multipart form (a file upload) for console pages. The session plugin checks the CSRF token before a
 * route reads its body, and a multipart body is read only by the route, so the token travels in the
 * action's query string (accepted for multipart posts only), as well as in the usual hidden field.
 */
export function uploadForm(view: Pick<ConsoleView, 'csrfToken'>, action: string, body: SafeHtml, opts: { className?: string } = {}): SafeHtml {
  const target = `${action}${action.includes('?') ? '&' : '?'}${CSRF_FIELD}=${encodeURIComponent(view.csrfToken)}`;
  return html`<form method="post" action="${target}" enctype="multipart/form-data"${opts.className ? html` class="${opts.className}"` : ''}>${csrfField(view)}${body}</form>`;
}
