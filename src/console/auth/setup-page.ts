import { html, type SafeHtml } from '../../pages/html.js';
import { MAX_EMAIL_LENGTH } from '../../subscribers/email-address.js';
import { MAX_PASSWORD_LENGTH } from '../../users/password.js';
import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { type FieldError, field, formErrors } from './auth-fields.js';

/** The first admin's form: ADMIN_TOKEN, address, password twice. */
export function setupBody(view: ConsoleView, opts: { email?: string; errors?: FieldError[] }): SafeHtml {
  const s = consoleStrings(view).auth;
  const errors = opts.errors ?? [];
  return html`<p>${s.setupIntro}</p>
${formErrors(s.fixThese, errors)}
${postForm(
  view,
  '/admin/setup',
  html`${field({ id: 'adminToken', type: 'password', label: s.adminToken, hint: s.adminTokenHint, errors, autocomplete: 'off', required: true, maxLength: 512 })}
${field({ id: 'email', type: 'email', label: s.email, value: opts.email, errors, autocomplete: 'username', required: true, maxLength: MAX_EMAIL_LENGTH })}
${field({ id: 'password', type: 'password', label: s.password, hint: s.passwordHint, errors, autocomplete: 'new-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
${field({ id: 'repeat', type: 'password', label: s.repeatPassword, errors, autocomplete: 'new-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
<div class="actions"><button type="submit">${s.createAdmin}</button></div>`,
)}`;
}
