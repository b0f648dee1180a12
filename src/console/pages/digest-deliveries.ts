import type { ConsoleView } from '../console-view.js';
import { consoleStrings, hasRole } from '../console-view.js';
import type { DeliveryView } from '../../deliveries/delivery-schema.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../domain/statuses.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { statusBadge, when } from './digest-parts.js';

/** One page of a digest's deliveries, as digestDeliveriesView gives it, and the status it is filtered by. */
export interface DeliveriesPage {
  deliveries: DeliveryView[];
  total: number;
  page: number;
  limit: number;
  status?: DeliveryStatus;
}

/** The address of one page of deliveries (status filter kept), anchored at the table. */
export function deliveriesPageUrl(digestId: number, page: number, status?: DeliveryStatus): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('page', String(page));
  const qs = q.toString();
  return `/admin/digests/${digestId}${qs ? `?${qs}` : ''}#deliveries`;
}

function filterForm(view: ConsoleView, digestId: number, status: DeliveryStatus | undefined): SafeHtml {
  const s = consoleStrings(view).digests;
  const options = DELIVERY_STATUSES.map((st) => html`<option value="${st}"${st === status ? html` selected` : ''}>${s.deliveryStatuses[st]}</option>`);
  return html`<form method="get" action="/admin/digests/${digestId}" class="actions">
<div><label for="delivery-status">${s.deliveries.filter}</label>
<select id="delivery-status" name="status"><option value="">${s.deliveries.all}</option>${options}</select></div>
<div><button type="submit" class="secondary">${s.deliveries.apply}</button></div>
</form>`;
}

function pager(view: ConsoleView, digestId: number, p: DeliveriesPage): SafeHtml {
  const shell = consoleStrings(view).shell;
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  if (pages === 1) return html``;
  return html`<nav aria-label="${consoleStrings(view).digests.deliveries.heading}" class="actions">
${p.page > 1 ? html`<a href="${deliveriesPageUrl(digestId, p.page - 1, p.status)}" rel="prev">${shell.previousPage}</a>` : ''}
<span>${format(shell.pageOf, { n: p.page, total: pages })}</span>
${p.page < pages ? html`<a href="${deliveriesPageUrl(digestId, p.page + 1, p.status)}" rel="next">${shell.nextPage}</a>` : ''}
</nav>`;
}

/** An address an editor may see: its first letter and its domain ("a…@example.org"). */
export function maskedAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}…${email.slice(at)}` : '…';
}

function row(view: ConsoleView, digestId: number, d: DeliveryView): SafeHtml {
  const s = consoleStrings(view).digests;
  // Readers' addresses and their emails (which carry their signed links) are for admins, who manage subscribers.
  const admin = hasRole(view.user, 'admin');
  const reader = !admin
    ? html`${maskedAddress(d.email)}`
    : d.subscriberId !== null && d.subject
      ? html`<a href="/admin/digests/${digestId}/preview?subscriber=${d.subscriberId}" aria-label="${format(s.deliveries.previewOf, { email: d.email })}">${d.email}</a>`
      : html`${d.email}`;
  return html`<tr>
<th scope="row">${reader}</th>
<td>${statusBadge(s.deliveryStatuses[d.status], d.status)}</td>
<td>${d.composedWith ? s.composers[d.composedWith] : '—'}</td>
<td class="num">${d.attempts}</td>
<td>${when(d.sentAt)}</td>
<td>${d.error ?? ''}</td>
</tr>`;
}

/** The deliveries of a digest: a status filter, one page of rows (each reader links to their email), and a pager. */
export function deliveriesSection(view: ConsoleView, digestId: number, p: DeliveriesPage): SafeHtml {
  const s = consoleStrings(view).digests.deliveries;
  const from = p.total ? (p.page - 1) * p.limit + 1 : 0;
  const to = Math.min(p.total, p.page * p.limit);
  const table = p.deliveries.length
    ? html`<table>
<caption>${s.caption} · ${format(s.range, { from, to, total: p.total })}</caption>
<thead><tr><th scope="col">${s.email}</th><th scope="col">${s.status}</th><th scope="col">${s.composedWith}</th><th scope="col" class="num">${s.attempts}</th><th scope="col">${s.sentAt}</th><th scope="col">${s.error}</th></tr></thead>
<tbody>${p.deliveries.map((d) => row(view, digestId, d))}</tbody>
</table>`
    : html`<p>${s.empty}</p>`;
  return html`<section id="deliveries" aria-labelledby="deliveries-heading">
<h2 id="deliveries-heading">${s.heading}</h2>
${filterForm(view, digestId, p.status)}
${table}
${pager(view, digestId, p)}
</section>`;
}
