import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings, hasRole } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { DigestPageData } from './digest-page-data.js';
import { actionsForStatus, allowedActions, type DigestAction } from './digest-parts.js';

/** The approve form (admins), or why an editor cannot approve. `back` names the page to show again on error. */
export function approveForm(view: ConsoleView, digestId: number, back: 'detail' | 'review'): SafeHtml {
  const s = consoleStrings(view).digests.actions;
  if (!hasRole(view.user, 'admin')) return html`<p class="hint">${s.approveEditor}</p>`;
  return postForm(
    view,
    `/admin/digests/${digestId}/approve`,
    html`<input type="hidden" name="back" value="${back}"><button type="submit">${s.approve}</button> <span class="hint">${s.approveHint}</span>`,
  );
}

function actionForm(view: ConsoleView, d: DigestPageData, action: DigestAction): SafeHtml {
  const s = consoleStrings(view).digests.actions;
  switch (action) {
    case 'approve':
      return approveForm(view, d.id, 'detail');
    case 'pause':
      return postForm(
        view,
        `/admin/digests/${d.id}/pause`,
        html`<label for="pause-reason">${s.pauseReason}</label>
<input type="text" id="pause-reason" name="reason" maxlength="200">
<button type="submit" class="secondary">${s.pause}</button>`,
      );
    case 'resume':
      return postForm(view, `/admin/digests/${d.id}/resume`, html`<button type="submit">${s.resume}</button>`);
    case 'retry':
      return postForm(
        view,
        `/admin/digests/${d.id}/retry`,
        html`<button type="submit" class="secondary">${format(s.retryCount, { n: d.counts.failed })}</button>`,
      );
    case 'cancel':
      // A link to the confirmation step: nothing is cancelled by one click.
      return html`<p><a class="button secondary" href="/admin/digests/${d.id}/cancel">${s.cancel}</a></p>`;
  }
}

/** The actions section of a digest page: only what the status allows and the user's role permits. */
export function digestActionsSection(view: ConsoleView, d: DigestPageData): SafeHtml {
  const s = consoleStrings(view).digests.detail;
  // Approval has its own place in the review section.
  const possible = actionsForStatus(d).filter((a) => a !== 'approve');
  const actions = allowedActions(d, view.user).filter((a) => a !== 'approve');
  const body = actions.length
    ? html`<div class="actions">${actions.map((a) => html`<div>${actionForm(view, d, a)}</div>`)}</div>`
    : html`<p>${possible.length ? s.adminOnly : s.noActions}</p>`;
  return html`<section aria-labelledby="actions-heading">
<h2 id="actions-heading">${s.actions}</h2>
${body}
</section>`;
}
