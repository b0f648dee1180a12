import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { packFor } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ProfileReview } from '../../review/review-schema.js';
import { approveForm } from './digest-actions.js';
import type { DigestPageData } from './digest-page-data.js';
import { periodLabel } from './digest-parts.js';

/** "Review of digest November 2026". */
export function reviewTitle(view: ConsoleView, d: Pick<DigestPageData, 'period'>): string {
  return format(consoleStrings(view).review.digestTitle, { period: periodLabel(d.period, view.lang) });
}

/** A profile's topics as words, or "no topics". */
export function topicWords(view: ConsoleView, p: Pick<ProfileReview, 'topics'>): string {
  return p.topics.length ? p.topics.map((t) => t.label).join(', ') : consoleStrings(view).review.profiles.noTopics;
}

/** Whether the digest's text may still change, and the approve form for admins (why not, for editors); `flagged` null leaves the count out. */
export function approveSection(view: ConsoleView, d: DigestPageData, flagged: number | null): SafeHtml {
  const s = consoleStrings(view);
  if (d.status !== 'review') return html`<p class="hint">${format(s.review.notInReview, { status: s.digests.statuses[d.status] })}</p>`;
  return html`<section aria-labelledby="approve-heading">
<h2 id="approve-heading">${s.review.approve.heading}</h2>
${flagged === null ? '' : flagged ? html`<p class="flag"><span aria-hidden="true">⚠ </span>${format(s.review.approve.flaggedWarning, { n: flagged })}</p>` : html`<p>${s.review.approve.noneFlagged}</p>`}
${approveForm(view, d.id, 'review')}
</section>`;
}

/** A digest's review: every profile (language, topics, readers, flags) with a link to it, and the approval. */
export function reviewListBody(view: ConsoleView, d: DigestPageData, profiles: ProfileReview[]): SafeHtml {
  const s = consoleStrings(view);
  const t = s.review.profiles;
  const rows = profiles.map(
    (p) => html`<tr>
<th scope="row"><a href="/admin/digests/${d.id}/profiles/${p.id}">${format(t.openProfile, { n: p.id })}</a></th>
<td lang="${p.language}">${packFor(p.language).nativeName}</td>
<td>${topicWords(view, p)}</td>
<td class="num">${p.readerCount}</td>
<td class="num">${p.flagged ? html`<span class="flag"><span aria-hidden="true">⚠ </span>${p.flagged}</span>` : '0'}</td>
<td>${p.composedWith ? s.digests.composers[p.composedWith] : '—'}</td>
</tr>`,
  );
  const table = profiles.length
    ? html`<table>
<caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.profile}</th><th scope="col">${t.language}</th><th scope="col">${t.topics}</th><th scope="col" class="num">${t.readers}</th><th scope="col" class="num">${t.flagged}</th><th scope="col">${t.composedWith}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p>${t.empty}</p>`;
  return html`<p><a href="/admin/digests/${d.id}">${s.digests.preview.backToDigest}</a></p>
<p>${s.review.intro}</p>
${table}
${approveSection(
  view,
  d,
  profiles.reduce((n, p) => n + p.flagged, 0),
)}`;
}
