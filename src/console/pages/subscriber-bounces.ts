import type { ReaderBounceEvent } from '../../bounces/bounce-repository.js';
import type { Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ConsoleStrings } from '../console-strings.js';
import { formatDateTime } from './page-parts.js';

/** The reader detail's section on bounces and complaints: every event kept, newest first, with its digest. */
export function bounceSection(lang: Language, s: ConsoleStrings, events: ReaderBounceEvent[]): SafeHtml {
  const t = s.subscribers;
  const table =
    events.length === 0
      ? html`<p>${t.noBounces}</p>`
      : html`<table class="bounces">
<caption class="visually-hidden">${t.bouncesHeading}</caption>
<thead><tr><th scope="col">${t.receivedAt}</th><th scope="col">${t.bounceKind}</th><th scope="col">${t.digest}</th><th scope="col">${t.bounceStatus}</th><th scope="col">${t.diagnostic}</th><th scope="col">${t.bounceSource}</th></tr></thead>
<tbody>${events.map(
          (e) => html`<tr>
<th scope="row"><time datetime="${e.receivedAt.toISOString()}">${formatDateTime(lang, e.receivedAt)}</time></th>
<td><span class="badge">${t.bounceKinds[e.kind]}</span></td>
<td>${e.digestId !== null && e.period !== null ? html`<a href="/admin/digests/${e.digestId}">${e.period}</a>` : '—'}</td>
<td>${e.status ?? '—'}</td>
<td>${e.diagnostic ?? '—'}</td>
<td>${t.bounceSources[e.source]}</td>
</tr>`,
        )}</tbody>
</table>`;
  return html`<h2 id="bounces">${t.bouncesHeading}</h2>
<p class="hint">${t.bouncesHint}</p>
${table}`;
}
