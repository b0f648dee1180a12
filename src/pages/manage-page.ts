import type { Language } from '../i18n/languages.js';
import { pageStrings } from '../i18n/page-strings.js';
import { MAX_EMAIL_LENGTH } from '../subscribers/email-address.js';
import type { FormErrorCode } from '../subscribers/form-errors.js';
import { errorSummary, inputField } from './form-fields.js';
import { html } from './html.js';
import { layout } from './layout.js';

/** "Email me a link to my preferences": one field. */
export function renderManagePage(opts: { lang: Language; email?: string; error?: FormErrorCode }): string {
  const t = pageStrings(opts.lang);
  const m = t.manage;
  const error = opts.error ? t.errors[opts.error] : undefined;
  const body = html`<h1>${m.title}</h1>
<p>${m.intro}</p>
${errorSummary(t.errorSummary, error ? [{ field: 'email', message: error }] : [])}
<form method="post" action="/manage?lang=${opts.lang}">
${inputField({ id: 'email', type: 'email', label: m.email, value: opts.email ?? '', error, required: true, maxLength: MAX_EMAIL_LENGTH, autocomplete: 'email' })}
<button type="submit">${m.submit}</button>
</form>`;
  return layout({ lang: opts.lang, title: m.title, body, langSwitch: '/manage' });
}
