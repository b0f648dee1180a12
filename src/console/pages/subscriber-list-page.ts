import { SUBSCRIBER_STATUSES } from '../../domain/statuses.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { SubscriberFilter } from '../../subscribers/subscriber-query.js';
import type { SubscriberView } from '../../subscribers/subscriber-view.js';
import type { Topic } from '../../topics/topic-repository.js';
import { topicLabel } from '../../topics/topic-schema.js';
import type { ConsoleStrings } from '../console-strings.js';
import { selectField, textField } from './fields.js';
import { formatDate, formatNumber, languageName, pager, queryString } from './page-parts.js';

export interface SubscriberListData {
  filter: SubscriberFilter;
  rows: SubscriberView[];
  total: number;
  page: number;
  limit: number;
  topics: Topic[];
}

/**
 * The subscriber list: the filters (a GET form, so a filtered list has an address to keep), the CSV
 * export of the same filters, a table of one page, and the pager.
 */
export function subscriberListBody(lang: Language, s: ConsoleStrings, d: SubscriberListData): SafeHtml {
  const t = s.subscribers;
  const labels = new Map(d.topics.map((topic) => [topic.slug, topicLabel(topic, lang)]));
  const topicOptions = [{ value: '', label: t.any }, ...d.topics.map((topic) => ({ value: topic.slug, label: topicLabel(topic, lang) }))];
  const filters = html`<form method="get" action="/admin/subscribers" class="filters" role="search" aria-labelledby="filters-heading">
<h2 id="filters-heading">${t.filtersHeading}</h2>
<input type="hidden" name="lang" value="${lang}">
<div class="side-by-side">
<div>${textField({ id: 'q', label: t.search, value: d.filter.q ?? '', hint: t.searchHint, type: 'search', maxLength: 254 })}</div>
<div>${selectField({ id: 'status', label: t.status, value: d.filter.status ?? '', options: [{ value: '', label: t.any }, ...SUBSCRIBER_STATUSES.map((st) => ({ value: st, label: t.statuses[st] }))] })}</div>
<div>${selectField({ id: 'language', label: t.language, value: d.filter.language ?? '', options: [{ value: '', label: t.any }, ...LANGUAGES.map((l) => ({ value: l, label: languageName(l), lang: l }))] })}</div>
<div>${selectField({ id: 'topic', label: t.topic, value: d.filter.topic ?? '', options: topicOptions })}</div>
</div>
<div class="actions"><button type="submit">${t.filter}</button> <a href="/admin/subscribers?lang=${lang}">${t.clearFilters}</a></div>
</form>`;
  const params = { q: d.filter.q, status: d.filter.status, language: d.filter.language, topic: d.filter.topic };
  const table =
    d.rows.length === 0
      ? html`<p>${t.noResults}</p>`
      : html`<table>
<caption class="visually-hidden">${t.listCaption}</caption>
<thead><tr><th scope="col">${t.email}</th><th scope="col">${t.name}</th><th scope="col">${t.language}</th><th scope="col">${t.status}</th><th scope="col">${t.topics}</th><th scope="col">${t.joined}</th></tr></thead>
<tbody>${d.rows.map(
          (r) => html`<tr>
<th scope="row"><a href="/admin/subscribers/${r.id}">${r.email}</a></th>
<td>${r.name ?? ''}</td>
<td lang="${r.language}">${languageName(r.language)}</td>
<td><span class="badge">${t.statuses[r.status]}</span>${r.paused ? html` <span class="badge">${t.paused}</span>` : ''}</td>
<td>${r.topics.map((slug) => labels.get(slug) ?? slug).join(', ')}</td>
<td>${formatDate(lang, r.createdAt)}</td>
</tr>`,
        )}</tbody>
</table>`;
  return html`${filters}
<p role="status">${format(t.matching, { total: formatNumber(lang, d.total) })}</p>
<p><a class="button secondary" href="/admin/subscribers/export.csv${queryString(params)}" download>${t.exportCsv}</a></p>
${table}
${pager(s, { path: '/admin/subscribers', params: { ...params, lang }, page: d.page, limit: d.limit, total: d.total })}`;
}
