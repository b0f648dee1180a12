import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import type { DigestView } from '../../digests/digest-schema.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { periodLabel, statusBadge, when } from './digest-parts.js';

/** What the create form holds: the values typed (kept after an error) and the error of each field. */
export interface DigestCreateForm {
  period: string;
  windowStart: string;
  windowEnd: string;
  dryRun: boolean;
  errors: Partial<Record<'period' | 'windowStart' | 'windowEnd', string>>;
}

/** An empty create form for this month. */
export function emptyCreateForm(period: string): DigestCreateForm {
  return { period, windowStart: '', windowEnd: '', dryRun: false, errors: {} };
}

function field(id: keyof DigestCreateForm['errors'], label: string, type: 'month' | 'date', value: string, error: string | undefined, hint?: string): SafeHtml {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<label for="${id}">${label}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<input type="${type}" id="${id}" name="${id}" value="${value}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>`;
}

function createForm(view: ConsoleView, form: DigestCreateForm): SafeHtml {
  const s = consoleStrings(view).digests.create;
  return html`<section aria-labelledby="create-heading">
<h2 id="create-heading">${s.heading}</h2>
<p>${s.intro}</p>
${postForm(
  view,
  '/admin/digests',
  html`${field('period', s.period, 'month', form.period, form.errors.period, s.periodHint)}
<fieldset>
<legend>${s.windowLegend}</legend>
<p class="hint" id="window-hint">${s.windowHint}</p>
${field('windowStart', s.windowStart, 'date', form.windowStart, form.errors.windowStart)}
${field('windowEnd', s.windowEnd, 'date', form.windowEnd, form.errors.windowEnd)}
</fieldset>
<label class="check"><input type="checkbox" name="dryRun" value="on" aria-describedby="dry-run-hint"${form.dryRun ? html` checked` : ''}> ${s.dryRun}</label>
<p class="hint" id="dry-run-hint">${s.dryRunHint}</p>
<button type="submit">${s.submit}</button>`,
)}
</section>`;
}

function digestTable(view: ConsoleView, digests: DigestView[]): SafeHtml {
  const s = consoleStrings(view);
  const l = s.digests.list;
  if (!digests.length) return html`<p>${l.empty}</p>`;
  const rows = digests.map(
    (d) => html`<tr>
<th scope="row"><a href="/admin/digests/${d.id}">${periodLabel(d.period, view.lang)}</a> <span class="hint">${d.period} · #${d.id}</span></th>
<td>${statusBadge(s.digests.statuses[d.status], d.status)}</td>
<td>${d.dryRun ? s.shell.yes : s.shell.no}</td>
<td class="num">${d.counts.sent}</td>
<td class="num">${d.counts.failed}</td>
<td class="num">${d.counts.planned}</td>
<td>${when(d.createdAt)}</td>
</tr>`,
  );
  return html`<table>
<caption>${l.caption}</caption>
<thead><tr><th scope="col">${l.period}</th><th scope="col">${l.status}</th><th scope="col">${l.dryRun}</th><th scope="col" class="num">${l.sent}</th><th scope="col" class="num">${l.failed}</th><th scope="col" class="num">${l.planned}</th><th scope="col">${l.created}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/** The digests page: every digest (newest first) and the form that creates one. */
export function digestListBody(view: ConsoleView, digests: DigestView[], form: DigestCreateForm): SafeHtml {
  return html`${digestTable(view, digests)}
${createForm(view, form)}`;
}
