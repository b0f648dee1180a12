import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { Provenance } from '../../review/review-schema.js';
import { when } from './digest-parts.js';

/** One profile's provenance, as digestProvenance gives it. */
export type ProfileProvenance = Provenance['profiles'][number];

function events(view: ConsoleView, p: ProfileProvenance): SafeHtml {
  const s = consoleStrings(view).review.provenance;
  if (!p.events.length) return html`<p>${s.noEvents}</p>`;
  const rows = p.events.map(
    (e) => html`<tr>
<td>${when(e.at)}</td>
<td>${e.actor}</td>
<td>${s.actions[e.action]}</td>
<td>${e.target ? html`<code>${e.target}</code>` : '—'}</td>
<td>${e.before !== null || e.after !== null ? html`${e.before !== null ? html`<del>${e.before}</del> ` : ''}${e.after !== null ? html`<ins>${e.after}</ins>` : ''}` : '—'}</td>
</tr>`,
  );
  return html`<table>
<caption>${s.eventsCaption}</caption>
<thead><tr><th scope="col">${s.when}</th><th scope="col">${s.who}</th><th scope="col">${s.what}</th><th scope="col">${s.target}</th><th scope="col">${s.change}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

/**
 * Where a profile's text came from: model and its digest, prompt version, the items with a hash of their
 * text, the checks' findings, the raw answer, and every change with who and when.
 */
export function provenanceSection(view: ConsoleView, prov: Provenance, p: ProfileProvenance): SafeHtml {
  const s = consoleStrings(view);
  const t = s.review.provenance;
  const composer = p.composedWith ? s.digests.composers[p.composedWith] : s.shell.none;
  const rows: Array<[string, SafeHtml | string]> = [
    [t.model, prov.model ?? s.shell.none],
    [t.modelDigest, prov.modelDigest ? html`<code>${prov.modelDigest}</code>` : s.shell.none],
    [t.promptVersion, p.promptVersion ?? s.shell.none],
    [t.composedWith, composer],
    [t.fallback, p.fallback ? s.shell.yes : s.shell.no],
  ];
  if (prov.approvedBy) rows.push([t.approvedBy, html`${prov.approvedBy}, ${when(prov.approvedAt)}`]);
  const items = p.items.length
    ? html`<table><caption>${t.itemsCaption}</caption>
<thead><tr><th scope="col">${t.item}</th><th scope="col">${t.hash}</th></tr></thead>
<tbody>${p.items.map((i) => html`<tr><th scope="row">#${i.id}</th><td><code>${i.hash}</code></td></tr>`)}</tbody></table>`
    : html`<p>${s.shell.none}</p>`;
  const findings = p.findings.length
    ? html`<ul>${p.findings.map((f) => html`<li><code>${f.target}</code>: “${f.text}” (${s.review.lines[f.kind]})</li>`)}</ul>`
    : html`<p>${t.noFindings}</p>`;
  const raw = p.rawAnswer
    ? html`<details><summary>${t.rawAnswer}</summary><pre class="raw-answer" style="white-space: pre-wrap; overflow-wrap: anywhere">${p.rawAnswer}</pre></details>`
    : html`<p>${t.noRawAnswer}</p>`;
  return html`<section aria-labelledby="provenance-heading">
<h2 id="provenance-heading">${t.heading}</h2>
<table><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table>
<h3>${t.items}</h3>
${items}
<h3>${t.findings}</h3>
${findings}
<h3>${t.rawAnswer}</h3>
${raw}
<h3>${t.events}</h3>
${events(view, p)}
</section>`;
}
