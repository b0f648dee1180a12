import { LANGUAGES, packFor } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { MAX_PASSWORD_LENGTH } from '../../users/password.js';
import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { type FieldError, field, formErrors } from './auth-fields.js';

/** The signed-in user's own page: change the password (current, new, repeat) and the console language. */
export function accountBody(view: ConsoleView, opts: { errors?: FieldError[] } = {}): SafeHtml {
  const s = consoleStrings(view).auth;
  const errors = opts.errors ?? [];
  const options = LANGUAGES.map((l) => html`<option value="${l}" lang="${l}"${l === view.lang ? html` selected` : ''}>${packFor(l).nativeName}</option>`);
  return html`<section aria-labelledby="password-heading">
<h2 id="password-heading">${s.passwordSection}</h2>
${formErrors(s.fixThese, errors)}
${postForm(
  view,
  '/admin/account/password',
  html`<input type="text" name="username" value="${view.user?.email ?? ''}" autocomplete="username" hidden>
${field({ id: 'current', type: 'password', label: s.currentPassword, errors, autocomplete: 'current-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
${field({ id: 'password', type: 'password', label: s.newPassword, hint: s.passwordHint, errors, autocomplete: 'new-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
${field({ id: 'repeat', type: 'password', label: s.repeatPassword, errors, autocomplete: 'new-password', required: true, maxLength: MAX_PASSWORD_LENGTH })}
<div class="actions"><button type="submit">${s.changePassword}</button></div>`,
)}
</section>
<section aria-labelledby="language-heading">
<h2 id="language-heading">${s.languageSection}</h2>
${postForm(
  view,
  '/admin/account/language',
  html`<label for="language">${s.language}</label>
<select id="language" name="language">${options}</select>
<div class="actions"><button type="submit">${s.saveLanguage}</button></div>`,
)}
</section>`;
}
