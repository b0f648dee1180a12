import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { MAX_EMAIL_LENGTH } from '../../subscribers/email-address.js';
import { MAX_PASSWORD_LENGTH } from '../../users/password.js';
import type { UserView } from '../../users/user-view.js';
import { USER_ROLES } from '../../domain/statuses.js';
import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { type FieldError, field, formErrors } from './auth-fields.js';

function roleSelect(view: ConsoleView, id: string, selected: string, label: string): SafeHtml {
  const s = consoleStrings(view).shell;
  return html`<label for="${id}"${label ? '' : html` class="visually-hidden"`}>${label}</label>
<select id="${id}" name="role">${USER_ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${s.roles[r]}</option>`)}</select>`;
}

function when(view: ConsoleView, date: Date | null, timeZone: string): string {
  if (!date) return consoleStrings(view).users.never;
  return new Intl.DateTimeFormat(view.lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** The users table: each row's role can change in place; removing goes through a confirmation page. */
function usersTable(view: ConsoleView, list: UserView[], timeZone: string): SafeHtml {
  const s = consoleStrings(view);
  const rows = list.map((u) => {
    const me = u.id === view.user?.id;
    const roleLabel = format(s.users.roleOf, { email: u.email });
    return html`<tr>
<th scope="row">${u.email}${me ? html` <span class="badge">${s.users.you}</span>` : ''}</th>
<td>${s.shell.roles[u.role]}</td>
<td>${when(view, u.lastSignInAt, timeZone)}</td>
<td><div class="actions">${postForm(
      view,
      `/admin/users/${u.id}/role`,
      html`<label for="role-${u.id}" class="visually-hidden">${roleLabel}</label>
<select id="role-${u.id}" name="role">${USER_ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${s.shell.roles[r]}</option>`)}</select>
<button type="submit" class="secondary">${s.users.changeRole}<span class="visually-hidden"> (${u.email})</span></button>`,
      { className: 'inline' },
    )}${me ? '' : html` <a href="/admin/users/${u.id}/remove">${s.users.remove}<span class="visually-hidden"> ${u.email}</span></a>`}</div></td>
</tr>`;
  });
  return html`<table>
<caption>${s.users.listCaption}</caption>
<thead><tr><th scope="col">${s.users.email}</th><th scope="col">${s.users.role}</th><th scope="col">${s.users.lastSignIn}</th><th scope="col">${s.users.actions}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/** The form that adds a user: address, role, and an optional initial password (empty: one is generated and shown once). */
function addForm(view: ConsoleView, values: { email?: string; role?: string }, errors: FieldError[]): SafeHtml {
  const s = consoleStrings(view);
  return html`<section aria-labelledby="add-heading">
<h2 id="add-heading">${s.users.addTitle}</h2>
${formErrors(s.auth.fixThese, errors)}
${postForm(
  view,
  '/admin/users',
  html`${field({ id: 'email', type: 'email', label: s.users.email, value: values.email, errors, autocomplete: 'off', required: true, maxLength: MAX_EMAIL_LENGTH })}
${roleSelect(view, 'role', values.role ?? 'editor', s.users.role)}
${field({ id: 'password', type: 'password', label: s.users.initialPassword, hint: s.users.initialPasswordHint, errors, autocomplete: 'new-password', maxLength: MAX_PASSWORD_LENGTH })}
<div class="actions"><button type="submit">${s.users.add}</button></div>`,
)}
</section>`;
}

/** The users page: the generated password (right after adding, once), the table, and the add form. */
export function usersBody(
  view: ConsoleView,
  opts: {
    users: UserView[];
    timeZone: string;
    generated?: { email: string; password: string };
    values?: { email?: string; role?: string };
    errors?: FieldError[];
  },
): SafeHtml {
  const s = consoleStrings(view).users;
  const generated = opts.generated
    ? html`<div class="card" role="status">
<p>${format(s.generatedPassword, { email: opts.generated.email })}</p>
<p><code class="secret">${opts.generated.password}</code></p>
<p class="hint">${s.generatedPasswordHint}</p>
</div>`
    : '';
  return html`${generated}${usersTable(view, opts.users, opts.timeZone)}${addForm(view, opts.values ?? {}, opts.errors ?? [])}`;
}

/** The confirmation step before a user is removed. */
export function removeUserBody(view: ConsoleView, user: UserView): SafeHtml {
  const s = consoleStrings(view);
  return html`<p>${format(s.users.removeWarning, { email: user.email })}</p>
${postForm(
  view,
  `/admin/users/${user.id}/remove`,
  html`<div class="actions"><button type="submit" class="danger">${s.users.confirmRemove}</button> <a href="/admin/users">${s.shell.cancel}</a></div>`,
)}`;
}
