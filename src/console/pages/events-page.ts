import { format } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { ItemView } from '../../items/item-repository.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ConsoleStrings } from '../console-strings.js';
import { formatDate } from './page-parts.js';

/** An event's start or end as the lab reads it: its time in the lab's zone, or only the day for an all-day event. */
function when(lang: Language, timeZone: string, instant: string | null, day: string | null): string {
  if (instant) return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
  return formatDate(lang, day);
}

function table(lang: Language, s: ConsoleStrings, timeZone: string, caption: string, events: ItemView[]): SafeHtml {
  const c = s.content;
  return html`<table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">${c.itemTitle}</th><th scope="col">${c.starts}</th><th scope="col">${c.ends}</th><th scope="col">${c.location}</th><th scope="col">${c.actions}</th></tr></thead>
<tbody>${events.map(
    (e) => html`<tr>
<th scope="row" lang="${e.language}">${e.url ? html`<a href="${e.url}" rel="noopener noreferrer">${e.title}</a>` : e.title}</th>
<td>${when(lang, timeZone, e.startsAt, e.date)}</td>
<td>${e.endsAt || e.endDate ? when(lang, timeZone, e.endsAt, e.endDate) : '—'}</td>
<td>${e.location ?? '—'}</td>
<td><div class="actions"><a href="/admin/content/${e.id}/edit">${c.edit}<span class="visually-hidden"> ${e.title}</span></a>
<a href="/admin/content/${e.id}/delete">${c.delete}<span class="visually-hidden"> ${e.title}</span></a></div></td>
</tr>`,
  )}</tbody>
</table>`;
}

/** The lab's events: those coming up (or under way) and the past ones, at the times of the lab's zone. */
export function eventsBody(lang: Language, s: ConsoleStrings, d: { timeZone: string; upcoming: ItemView[]; past: ItemView[] }): SafeHtml {
  const c = s.content;
  return html`<p>${format(c.eventsIntro, { zone: d.timeZone })}</p>
<p class="actions"><a class="button" href="/admin/content/new?kind=event">${c.newEvent}</a> <a href="/admin/content?kind=event">${c.title}</a></p>
<h2 id="upcoming">${c.upcomingHeading}</h2>
${d.upcoming.length ? table(lang, s, d.timeZone, c.upcomingHeading, d.upcoming) : html`<p>${c.noUpcoming}</p>`}
<h2 id="past">${c.pastHeading}</h2>
${d.past.length ? table(lang, s, d.timeZone, c.pastHeading, d.past) : html`<p>${c.noPast}</p>`}`;
}
