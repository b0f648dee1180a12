import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { DigestPageData } from './digest-page-data.js';
import { statusBadge } from './digest-parts.js';

/** Statuses in which the figures stop changing by themselves, so the page stops refreshing them. */
const SETTLED = new Set(['sent', 'cancelled', 'failed', 'review']);

/** True when the digest's figures will not move until a person acts. */
export function isSettled(status: string): boolean {
  return SETTLED.has(status);
}

function progressBar(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view).digests.detail;
  const composing = d.status === 'planned' || d.status === 'composing';
  const done = composing ? d.counts.composedWithLlm + d.counts.composedWithoutLlm : d.counts.sent;
  // The composed counts are per reader's email (a profile's text is copied to each of its readers).
  const total = d.counts.planned;
  if (!total) return html``;
  const text = format(composing ? s.composingProgress : s.sendingProgress, { done, total });
  return html`<p class="progress"><progress id="digest-progress" max="${total}" value="${Math.min(done, total)}" aria-labelledby="digest-progress-text">${text}</progress>
<span id="digest-progress-text">${text}</span></p>`;
}

/**
 * The live part of a digest's page: status, progress bar and every figure. The page reloads it from
 * /admin/digests/:id/progress while the digest is at work; it carries [data-final] once nothing moves.
 */
export function digestProgressFragment(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view).digests;
  const c = s.detail.counts;
  const rows: Array<[string, number]> = [
    [c.items, d.counts.items],
    [c.profiles, d.counts.profiles],
    [c.profilesWithLlm, d.counts.profilesWithLlm],
    [c.profilesWithoutLlm, d.counts.profilesWithoutLlm],
    [c.composedWithLlm, d.counts.composedWithLlm],
    [c.composedWithoutLlm, d.counts.composedWithoutLlm],
    [c.llmCalls, d.counts.llmCalls],
    [c.planned, d.counts.planned],
    [c.skipped, d.counts.skipped],
    [c.waiting, d.counts.waiting],
    [c.sent, d.counts.sent],
    [c.failed, d.counts.failed],
    [c.cancelled, d.counts.cancelled],
    [c.groundingReplaced, d.review.groundingReplaced],
    [c.hardBounces, d.counts.hardBounces],
    [c.softBounces, d.counts.softBounces],
    [c.complaints, d.counts.complaints],
  ];
  return html`<p>${s.detail.status}: ${statusBadge(s.statuses[d.status], d.status)}</p>
${progressBar(view, d)}
<table class="figures">
<caption class="visually-hidden">${s.detail.figures}</caption>
<tbody>${rows.map(([label, n]) => html`<tr><th scope="row">${label}</th><td class="num">${n}</td></tr>`)}</tbody>
</table>
${isSettled(d.status) ? html`<span data-final hidden></span>` : ''}`;
}
