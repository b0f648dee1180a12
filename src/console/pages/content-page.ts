import { ITEM_KINDS } from '../../domain/item-kinds.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import type { ItemSearch } from '../../items/item-search.js';
import type { ItemView } from '../../items/item-repository.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { Topic } from '../../topics/topic-repository.js';
import { topicLabel } from '../../topics/topic-schema.js';
import { postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { ITEM_FIELDS, type ItemFormValues } from '../item-form.js';
import { checkboxField, errorList, selectField, textArea, textField } from './fields.js';
import { formatDate, formatNumber, languageName, pager } from './page-parts.js';

export interface ContentListData {
  filter: Omit<ItemSearch, 'limit' | 'offset'>;
  items: ItemView[];
  total: number;
  page: number;
  limit: number;
  topics: Topic[];
}

/** The item list: filters (a GET form), links to add and import, one page of items and the pager. */
export function contentListBody(lang: Language, s: ConsoleStrings, d: ContentListData): SafeHtml {
  const c = s.content;
  const labels = new Map(d.topics.map((t) => [t.slug, topicLabel(t, lang)]));
  const any = { value: '', label: c.any };
  const filters = html`<form method="get" action="/admin/content" class="filters" role="search" aria-labelledby="filters-heading">
<h2 id="filters-heading">${c.filtersHeading}</h2>
<input type="hidden" name="lang" value="${lang}">
<div class="side-by-side">
<div>${textField({ id: 'q', label: c.search, value: d.filter.q ?? '', hint: c.searchHint, type: 'search', maxLength: 200 })}</div>
<div>${selectField({ id: 'kind', label: c.kind, value: d.filter.kind ?? '', options: [any, ...ITEM_KINDS.map((k) => ({ value: k, label: c.kinds[k] }))] })}</div>
<div>${selectField({ id: 'topic', label: c.topic, value: d.filter.topic ?? '', options: [any, ...d.topics.map((t) => ({ value: t.slug, label: topicLabel(t, lang) }))] })}</div>
<div>${selectField({ id: 'language', label: c.language, value: d.filter.language ?? '', options: [any, ...LANGUAGES.map((l) => ({ value: l, label: languageName(l), lang: l }))] })}</div>
</div>
<div class="actions"><button type="submit">${c.filter}</button> <a href="/admin/content?lang=${lang}">${c.clearFilters}</a></div>
</form>`;
  const table =
    d.items.length === 0
      ? html`<p>${c.noResults}</p>`
      : html`<table>
<caption class="visually-hidden">${c.listCaption}</caption>
<thead><tr><th scope="col">${c.itemTitle}</th><th scope="col">${c.kind}</th><th scope="col">${c.date}</th><th scope="col">${c.language}</th><th scope="col">${c.topics}</th><th scope="col">${c.source}</th><th scope="col">${c.actions}</th></tr></thead>
<tbody>${d.items.map(
          (item) => html`<tr>
<th scope="row" lang="${item.language}">${item.url ? html`<a href="${item.url}" rel="noopener noreferrer">${item.title}</a>` : item.title}</th>
<td>${c.kinds[item.kind]}</td>
<td>${formatDate(lang, item.date)}</td>
<td lang="${item.language}">${languageName(item.language)}</td>
<td>${item.topics.map((slug) => labels.get(slug) ?? slug).join(', ')}</td>
<td>${item.source}</td>
<td><div class="actions"><a href="/admin/content/${item.id}/edit">${c.edit}<span class="visually-hidden"> ${item.title}</span></a>
<a href="/admin/content/${item.id}/delete">${c.delete}<span class="visually-hidden"> ${item.title}</span></a></div></td>
</tr>`,
        )}</tbody>
</table>`;
  const params = { q: d.filter.q, kind: d.filter.kind, topic: d.filter.topic, language: d.filter.language, lang };
  return html`<p class="actions"><a class="button" href="/admin/content/new">${c.newItem}</a> <a class="button secondary" href="/admin/content/imports">${c.importLink}</a>
<a class="button secondary" href="/admin/content/events">${c.eventsLink}</a> <a class="button secondary" href="/admin/content/people">${s.people.title}</a></p>
${filters}
<p role="status">${format(c.matching, { total: formatNumber(lang, d.total) })}</p>
${table}
${pager(s, { path: '/admin/content', params, page: d.page, limit: d.limit, total: d.total })}`;
}

/** The item form, for a new item (action /admin/content) or an edit (/admin/content/:id), with its errors. */
export function itemFormBody(
  view: ConsoleView,
  s: ConsoleStrings,
  opts: { action: string; values: ItemFormValues; errors: Record<string, string>; topics: Topic[]; timeZone: string },
): SafeHtml {
  const c = s.content;
  const v = opts.values;
  const e = opts.errors;
  const ordered = ITEM_FIELDS.filter((f) => e[f]).map((f) => ({ field: f === 'topics' ? 'topics' : f, message: `${fieldLabel(c, f)}: ${e[f]}` }));
  const topicBoxes = html`<fieldset id="topics"${e.topics ? html` aria-describedby="topics-error"` : ''}>
<legend>${c.topicsLegend}</legend>
${e.topics ? html`<p class="error" id="topics-error">${e.topics}</p>` : ''}
${opts.topics.map((t) => checkboxField({ id: `topic-${t.slug}`, name: 'topics', value: t.slug, label: topicLabel(t, view.lang), checked: v.topics.includes(t.slug) }))}
</fieldset>`;
  const fields = html`${selectField({ id: 'kind', label: c.kind, value: v.kind, error: e.kind, options: ITEM_KINDS.map((k) => ({ value: k, label: c.kinds[k] })) })}
${textField({ id: 'title', label: c.itemTitle, value: v.title, error: e.title, required: true, maxLength: 500 })}
${textArea({ id: 'summary', label: c.summary, value: v.summary, error: e.summary, rows: 6, maxLength: 5000 })}
${textField({ id: 'url', label: c.url, value: v.url, error: e.url, type: 'url', maxLength: 2000 })}
${textArea({ id: 'authors', label: c.authors, value: v.authors, hint: c.authorsHint, error: e.authors, rows: 4 })}
${textField({ id: 'date', label: c.date, value: v.date, hint: c.dateHint, error: e.date, type: 'date', required: true })}
${topicBoxes}
${selectField({ id: 'language', label: c.language, value: v.language, error: e.language, options: LANGUAGES.map((l) => ({ value: l, label: languageName(l), lang: l })) })}
${textField({ id: 'venue', label: c.venue, value: v.venue, error: e.venue, maxLength: 500 })}
${textField({ id: 'doi', label: c.doi, value: v.doi, hint: c.doiHint, error: e.doi, maxLength: 232 })}
${checkboxField({ id: 'external', label: c.external, checked: v.external, hint: c.externalHint })}
<fieldset id="event-fields" aria-describedby="event-hint">
<legend>${c.eventLegend}</legend>
<p class="hint" id="event-hint">${c.eventHint}</p>
${textField({ id: 'startsAt', label: c.startsAt, value: v.startsAt, hint: format(c.eventTimeHint, { zone: opts.timeZone }), error: e.startsAt, type: 'datetime-local' })}
${textField({ id: 'endsAt', label: c.endsAt, value: v.endsAt, error: e.endsAt, type: 'datetime-local' })}
${textField({ id: 'endDate', label: c.endDate, value: v.endDate, error: e.endDate, type: 'date' })}
${textField({ id: 'location', label: c.location, value: v.location, error: e.location, maxLength: 300 })}
</fieldset>
<div class="actions"><button type="submit">${c.save}</button> <a href="/admin/content">${s.shell.cancel}</a></div>`;
  return html`${errorList(c.fixErrors, ordered)}
${postForm(view, opts.action, fields)}`;
}

function fieldLabel(c: ConsoleStrings['content'], field: (typeof ITEM_FIELDS)[number]): string {
  const labels: Record<(typeof ITEM_FIELDS)[number], string> = {
    kind: c.kind,
    title: c.itemTitle,
    summary: c.summary,
    url: c.url,
    authors: c.authors,
    date: c.date,
    topics: c.topicsLegend,
    language: c.language,
    venue: c.venue,
    doi: c.doi,
    external: c.external,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    endDate: c.endDate,
    location: c.location,
  };
  return labels[field];
}

/** The confirmation step of deleting an item. */
export function itemDeleteBody(view: ConsoleView, s: ConsoleStrings, item: ItemView): SafeHtml {
  const c = s.content;
  return html`<p>${c.deleteExplain}</p>
${postForm(
  view,
  `/admin/content/${item.id}/delete`,
  html`<input type="hidden" name="confirm" value="yes"><div class="actions"><button type="submit" class="danger">${c.deleteButton}</button> <a href="/admin/content">${s.shell.cancel}</a></div>`,
)}`;
}
