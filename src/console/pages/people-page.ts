import { format } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { PersonView } from '../../people/person-repository.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { PERSON_FIELDS, type PersonFormValues } from '../person-form.js';
import { checkboxField, errorList, selectField, textArea, textField } from './fields.js';
import { formatDate, formatNumber, pager } from './page-parts.js';

/** The people list's filters as the page keeps them. */
export interface PeopleFilterValues {
  q?: string;
  status?: 'current' | 'alumni';
}

/** The people list: filters (a GET form), a link to add someone, one page of people and the pager. */
export function peopleListBody(
  lang: Language,
  s: ConsoleStrings,
  d: { filter: PeopleFilterValues; people: PersonView[]; total: number; page: number; limit: number },
): SafeHtml {
  const p = s.people;
  const filters = html`<form method="get" action="/admin/content/people" class="filters" role="search" aria-labelledby="filters-heading">
<h2 id="filters-heading">${p.filtersHeading}</h2>
<input type="hidden" name="lang" value="${lang}">
<div class="side-by-side">
<div>${textField({ id: 'q', label: p.search, value: d.filter.q ?? '', hint: p.searchHint, type: 'search', maxLength: 200 })}</div>
<div>${selectField({
    id: 'status',
    label: p.status,
    value: d.filter.status ?? '',
    options: [
      { value: '', label: p.statuses.any },
      { value: 'current', label: p.statuses.current },
      { value: 'alumni', label: p.statuses.alumni },
    ],
  })}</div>
</div>
<div class="actions"><button type="submit">${p.filter}</button> <a href="/admin/content/people?lang=${lang}">${p.clearFilters}</a></div>
</form>`;
  const table =
    d.people.length === 0
      ? html`<p>${p.noResults}</p>`
      : html`<table>
<caption class="visually-hidden">${p.listCaption}</caption>
<thead><tr><th scope="col">${p.name}</th><th scope="col">${p.role}</th><th scope="col">${p.startDate}</th><th scope="col">${p.alumni}</th><th scope="col">${p.source}</th><th scope="col">${p.actions}</th></tr></thead>
<tbody>${d.people.map(
          (person) => html`<tr>
<th scope="row">${person.name}</th>
<td>${person.role ?? '—'}</td>
<td>${formatDate(lang, person.startDate)}</td>
<td>${person.alumni ? p.yes : p.no}</td>
<td>${p.sources[person.source]}</td>
<td><div class="actions"><a href="/admin/content/people/${person.id}/edit">${p.edit}<span class="visually-hidden"> ${person.name}</span></a>
<a href="/admin/content/people/${person.id}/delete">${p.delete}<span class="visually-hidden"> ${person.name}</span></a></div></td>
</tr>`,
        )}</tbody>
</table>`;
  return html`<p>${p.intro}</p>
<p class="actions"><a class="button" href="/admin/content/people/new">${p.newPerson}</a> <a href="/admin/content">${s.content.title}</a></p>
${filters}
<p role="status">${format(p.matching, { total: formatNumber(lang, d.total) })}</p>
${table}
${pager(s, { path: '/admin/content/people', params: { q: d.filter.q, status: d.filter.status, lang }, page: d.page, limit: d.limit, total: d.total })}`;
}

/** The person form, for someone new (/admin/content/people) or an edit (/admin/content/people/:id), with its errors. */
export function personFormBody(
  view: ConsoleView,
  s: ConsoleStrings,
  opts: { action: string; values: PersonFormValues; errors: Record<string, string> },
): SafeHtml {
  const p = s.people;
  const v = opts.values;
  const e = opts.errors;
  const labels: Record<(typeof PERSON_FIELDS)[number], string> = {
    name: p.name,
    role: p.role,
    photoUrl: p.photoUrl,
    bio: p.bio,
    startDate: p.startDate,
    links: p.links,
    alumni: p.alumni,
  };
  const ordered = PERSON_FIELDS.filter((f) => e[f]).map((f) => ({ field: f, message: `${labels[f]}: ${e[f]}` }));
  const fields = html`${textField({ id: 'name', label: p.name, value: v.name, error: e.name, required: true, maxLength: 200 })}
${textField({ id: 'role', label: p.role, value: v.role, error: e.role, maxLength: 300 })}
${textField({ id: 'startDate', label: p.startDate, value: v.startDate, hint: p.startDateHint, error: e.startDate, type: 'date' })}
${textField({ id: 'photoUrl', label: p.photoUrl, value: v.photoUrl, error: e.photoUrl, type: 'url', maxLength: 2000 })}
${textArea({ id: 'bio', label: p.bio, value: v.bio, error: e.bio, rows: 4, maxLength: 2000 })}
${textArea({ id: 'links', label: p.links, value: v.links, hint: p.linksHint, error: e.links, rows: 3 })}
${checkboxField({ id: 'alumni', label: p.alumni, checked: v.alumni, hint: p.alumniHint })}
<div class="actions"><button type="submit">${p.save}</button> <a href="/admin/content/people">${s.shell.cancel}</a></div>`;
  return html`${errorList(p.fixErrors, ordered)}
${postForm(view, opts.action, fields)}`;
}

/** The confirmation step of deleting a person. */
export function personDeleteBody(view: ConsoleView, s: ConsoleStrings, person: PersonView): SafeHtml {
  const p = s.people;
  return html`<p>${p.deleteExplain}</p>
${postForm(
  view,
  `/admin/content/people/${person.id}/delete`,
  html`<input type="hidden" name="confirm" value="yes"><div class="actions"><button type="submit" class="danger">${p.deleteButton}</button> <a href="/admin/content/people">${s.shell.cancel}</a></div>`,
)}`;
}
