import { html, type SafeHtml } from '../../pages/html.js';
import { MAX_EMAIL_LENGTH } from '../../subscribers/email-address.js';
import { MAX_PASSWORD_LENGTH } from '../../users/password.js';
import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { field } from './auth-fields.js';

/** The sign-in form; on a fresh install (no users) it also offers the first admin's setup. */
export function signInBody(view: ConsoleView, opts: { email?: string; next: string; offerSetup: boolean }): SafeHtml {
  const s = consoleStrings(view).auth;
  const form = postForm(
    view,
    '/admin/sign-in',
    html`<input type="hidden" name="next" value="${opts.next}">
${field({ id: 'email', type: 'email', label: s.email, value: opts.email, autocomplete: 'username', required: true, maxLength: MAX_EMAIL_LENGTH })}
${field({ id: 'password', type: 'password', label: s.password, autocomplete: 'current-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
<div class="actions"><button type="submit">${s.signIn}</button></div>`,
  );
  const setup = opts.offerSetup
    ? html`<section aria-labelledby="setup-heading" class="card">
<h2 id="setup-heading">${s.setUpFirstAdmin}</h2>
<p>${s.firstAdminOffer}</p>
<p><a class="button secondary" href="/admin/setup?lang=${view.lang}">${s.setUpFirstAdmin}</a></p>
</section>`
    : '';
  return html`${form}${setup}`;
}
