import { html, type SafeHtml } from '../../pages/html.js';
import { preflightRows, preflightSummary } from '../../preflight/preflight-text.js';
import type { PreflightReport } from '../../preflight/preflight-types.js';
import { redactSecrets } from '../../settings/settings-view.js';
import type { ConsoleStrings } from '../console-strings.js';

/** The preflight report: one row per check with its result, what was found and what to do; secrets masked. */
export function preflightBody(s: ConsoleStrings, report: PreflightReport, secrets: readonly string[]): SafeHtml {
  const t = s.preflight;
  const rows = preflightRows(t, report);
  const clean = (text: string) => redactSecrets(text, secrets);
  return html`<p>${t.intro}</p>
<p class="preflight-summary" data-failed="${report.counts.fail}"><strong>${preflightSummary(t, report)}</strong></p>
<table class="health preflight">
<caption class="visually-hidden">${t.title}</caption>
<thead><tr><th scope="col">${t.check}</th><th scope="col">${t.status}</th><th scope="col">${t.found}</th><th scope="col">${t.fix}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-status="${r.status}"><th scope="row">${r.check}</th><td>${r.status === 'fail' ? html`<strong class="flag">${r.result}</strong>` : html`<span class="badge">${r.result}</span>`}</td><td>${clean(r.found)}</td><td>${clean(r.fix)}</td></tr>`,
  )}</tbody>
</table>`;
}
