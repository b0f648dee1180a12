import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { approveForm, digestActionsSection } from './digest-actions.js';
import { type DeliveriesPage, deliveriesSection } from './digest-deliveries.js';
import type { DigestPageData } from './digest-page-data.js';
import { day, formatHtml, periodLabel, when } from './digest-parts.js';
import { digestProgressFragment, isSettled } from './digest-progress.js';

/** How often (seconds) console.js reloads the figures of a digest at work. */
export const REFRESH_SECONDS = 3;

/** The detail page's title: "Digest November 2026". */
export function digestTitle(view: ConsoleView, d: Pick<DigestPageData, 'period'>): string {
  return format(consoleStrings(view).digests.detailTitle, { period: periodLabel(d.period, view.lang) });
}

function figures(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view).digests.detail;
  const settled = isSettled(d.status);
  return html`<section aria-labelledby="figures-heading">
<h2 id="figures-heading">${s.figures}</h2>
<div id="digest-figures"${settled ? '' : html` data-refresh-url="/admin/digests/${d.id}/progress" data-refresh-seconds="${REFRESH_SECONDS}" data-reload-when-final`}>
${digestProgressFragment(view, d)}
</div>
${settled ? '' : html`<p><a href="/admin/digests/${d.id}">${s.refresh}</a></p>`}
</section>`;
}

function summary(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view);
  const t = s.digests.detail;
  const rows: Array<[string, SafeHtml | string]> = [
    [t.window, formatHtml(t.windowRange, { start: day(d.windowStart), end: day(d.windowEnd) })],
    [t.model, d.model ?? s.shell.none],
    [t.dryRun, d.dryRun ? s.shell.yes : s.shell.no],
    [t.created, when(d.createdAt)],
    [t.started, when(d.startedAt)],
    [t.finished, when(d.finishedAt)],
  ];
  if (d.review.modelDigest) rows.splice(2, 0, [t.modelDigest, html`<code>${d.review.modelDigest}</code>`]);
  if (d.status === 'paused' && d.review.pausedReason) rows.push([t.pausedReason, d.review.pausedReason]);
  if (d.error) rows.push([t.error, d.error]);
  return html`<section aria-labelledby="summary-heading">
<h2 id="summary-heading">${t.summary}</h2>
<table><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table>
</section>`;
}

function reviewSection(view: ConsoleView, d: DigestPageData): SafeHtml {
  const t = consoleStrings(view).digests.detail;
  const r = d.review;
  const state = r.approvedBy
    ? html`<p>${formatHtml(t.approvedBy, { who: r.approvedBy, when: when(r.approvedAt) })}</p>`
    : d.status === 'review'
      ? html`<p>${t.reviewWaiting}</p>`
      : r.required
        ? ''
        : html`<p>${t.reviewNotRequired}</p>`;
  const link = r.required || d.counts.profiles > 0 ? html`<p><a href="/admin/digests/${d.id}/review">${t.reviewLink}</a></p>` : '';
  return html`<section aria-labelledby="review-heading">
<h2 id="review-heading">${t.reviewHeading}</h2>
${state}
${link}
${d.status === 'review' ? approveForm(view, d.id, 'detail') : ''}
</section>`;
}

/** A digest's page: live figures, summary, review state, the actions its status allows, and its deliveries. */
export function digestDetailBody(view: ConsoleView, d: DigestPageData, deliveries: DeliveriesPage): SafeHtml {
  return html`${figures(view, d)}
${reviewSection(view, d)}
${digestActionsSection(view, d)}
${summary(view, d)}
${deliveriesSection(view, d.id, deliveries)}`;
}

/** The confirmation step before cancelling: what will happen, a button that does it, and a way back. */
export function digestCancelBody(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view).digests.cancelPage;
  return html`<p>${format(s.question, { waiting: d.counts.waiting })}</p>
${postForm(view, `/admin/digests/${d.id}/cancel`, html`<button type="submit" class="danger">${s.confirm}</button>`)}
<p><a href="/admin/digests/${d.id}">${s.keep}</a></p>`;
}
