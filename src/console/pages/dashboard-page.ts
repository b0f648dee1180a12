import type { Digest } from '../../digests/digest-repository.js';
import { SUBSCRIBER_STATUSES } from '../../domain/statuses.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { MonthFlow, SubscriberCounts } from '../../subscribers/subscriber-stats.js';
import { topicLabel } from '../../topics/topic-schema.js';
import { barChart } from '../chart.js';
import type { ConsoleStrings } from '../console-strings.js';
import { formatDateTime, formatNumber, languageName, monthLabel } from './page-parts.js';

export interface DashboardData {
  counts: SubscriberCounts;
  flow: MonthFlow[];
  digests: Digest[];
  /** Whether the viewer may open the subscriber list (admins): the counts then link to it. */
  linkSubscribers: boolean;
}

function subscriberTables(lang: Language, s: ConsoleStrings, data: DashboardData): SafeHtml {
  const d = s.dashboard;
  const { counts } = data;
  const n = (v: number) => formatNumber(lang, v);
  const statusCell = (status: (typeof SUBSCRIBER_STATUSES)[number]) =>
    data.linkSubscribers ? html`<a href="/admin/subscribers?status=${status}">${d.statuses[status]}</a>` : d.statuses[status];
  return html`<h2 id="subscribers">${d.subscribersHeading}</h2>
<p>${format(d.totals, { total: n(counts.total), active: n(counts.byStatus.active) })}</p>
<div class="cards">
<div class="card"><table>
<caption>${d.byStatus}</caption>
<thead><tr><th scope="col">${d.status}</th><th scope="col" class="num">${d.count}</th></tr></thead>
<tbody>${SUBSCRIBER_STATUSES.map((st) => html`<tr><th scope="row">${statusCell(st)}</th><td class="num">${n(counts.byStatus[st])}</td></tr>`)}</tbody>
</table></div>
<div class="card"><table>
<caption>${d.byLanguage}</caption>
<thead><tr><th scope="col">${d.language}</th><th scope="col" class="num">${d.activeReaders}</th></tr></thead>
<tbody>${LANGUAGES.map((l) => html`<tr><th scope="row" lang="${l}">${languageName(l)}</th><td class="num">${n(counts.byLanguage[l])}</td></tr>`)}</tbody>
</table><p class="hint">${d.byLanguageHint}</p></div>
</div>
${
  counts.byTopic.length === 0
    ? html`<p>${d.noTopics}</p>`
    : html`<table>
<caption>${d.byTopic}</caption>
<thead><tr><th scope="col">${d.topic}</th><th scope="col" class="num">${d.activeReaders}</th><th scope="col" class="num">${d.allReaders}</th></tr></thead>
<tbody>${counts.byTopic.map(
        (t) => html`<tr><th scope="row">${topicLabel(t.topic, lang)}</th><td class="num">${n(t.active)}</td><td class="num">${n(t.all)}</td></tr>`,
      )}</tbody>
</table>`
}`;
}

function digestTable(lang: Language, s: ConsoleStrings, digests: Digest[]): SafeHtml {
  const d = s.dashboard;
  const n = (v: number) => formatNumber(lang, v);
  if (digests.length === 0) return html`<p>${d.noDigests}</p>`;
  return html`<table>
<caption class="visually-hidden">${d.digestsHeading}</caption>
<thead><tr><th scope="col">${d.period}</th><th scope="col">${d.digestStatus}</th><th scope="col" class="num">${d.sent}</th><th scope="col" class="num">${d.failed}</th><th scope="col" class="num">${d.profiles}</th><th scope="col">${d.composed}</th><th scope="col">${d.created}</th></tr></thead>
<tbody>${digests.map(
    (g) => html`<tr>
<th scope="row"><a href="/admin/digests/${g.id}" aria-label="${format(d.openDigest, { period: g.period })}">${g.period}</a>${g.dryRun ? html` <span class="badge">${d.dryRun}</span>` : ''}</th>
<td><span class="badge">${d.digestStatuses[g.status]}</span></td>
<td class="num">${n(g.sentCount)}</td>
<td class="num">${n(g.failedCount)}</td>
<td class="num">${n(g.profileCount)}</td>
<td>${format(d.composedValue, { llm: n(g.composedWithLlm), fallback: n(g.composedWithoutLlm) })}</td>
<td>${formatDateTime(lang, g.createdAt)}</td>
</tr>`,
  )}</tbody>
</table>
<p><a href="/admin/digests">${d.allDigests}</a></p>`;
}

/** The dashboard's body: subscribers by status, language and topic; joined and left per month; the last digests. */
export function dashboardBody(lang: Language, s: ConsoleStrings, data: DashboardData): SafeHtml {
  const d = s.dashboard;
  const chart = barChart({
    id: 'flow-chart',
    title: d.flowHeading,
    desc: d.flowDesc,
    categories: data.flow.map((f) => monthLabel(lang, f.month)),
    series: [
      { name: d.joined, values: data.flow.map((f) => f.joined) },
      { name: d.unsubscribed, values: data.flow.map((f) => f.unsubscribed) },
    ],
    categoryHeader: d.month,
    tableSummary: d.flowTable,
  });
  return html`${subscriberTables(lang, s, data)}
<h2 id="flow">${d.flowHeading}</h2>
${chart}
<h2 id="digests">${d.digestsHeading}</h2>
${digestTable(lang, s, data.digests)}`;
}
