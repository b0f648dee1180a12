import type { ReaderBounceEvent } from '../../bounces/bounce-repository.js';
import type { ReaderDelivery } from '../../deliveries/reader-deliveries.js';
import { format } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ConsentRecordView, SubscriberView } from '../../subscribers/subscriber-view.js';
import type { Topic } from '../../topics/topic-repository.js';
import { topicLabel } from '../../topics/topic-schema.js';
import { postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { factTable, formatDateTime, languageName } from './page-parts.js';
import { bounceSection } from './subscriber-bounces.js';

export interface SubscriberDetailData {
  subscriber: SubscriberView & { consentRecords: ConsentRecordView[] };
  deliveries: ReaderDelivery[];
  bounceEvents: ReaderBounceEvent[];
  topics: Topic[];
}

function consentLog(lang: Language, s: ConsoleStrings, records: ConsentRecordView[]): SafeHtml {
  const t = s.subscribers;
  if (records.length === 0) return html`<p>${t.noConsent}</p>`;
  return html`<table class="consent">
<caption class="visually-hidden">${t.consentHeading}</caption>
<thead><tr><th scope="col">${t.event}</th><th scope="col">${t.at}</th><th scope="col">${t.form}</th><th scope="col">${t.version}</th><th scope="col">${t.ip}</th><th scope="col">${t.userAgent}</th></tr></thead>
<tbody>${records.map(
    (r) => html`<tr>
<th scope="row">${t.consentEvents[r.event as keyof typeof t.consentEvents] ?? r.event}</th>
<td><time datetime="${r.at}">${formatDateTime(lang, r.at)}</time></td>
<td>${r.form ?? '—'}</td>
<td>${r.consentVersion ?? '—'}${r.consentText ? html`<details><summary>${t.consentText}</summary><q>${r.consentText}</q></details>` : ''}</td>
<td>${r.ip ?? '—'}</td>
<td>${r.userAgent ?? '—'}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function deliveryTable(lang: Language, s: ConsoleStrings, subscriberId: number, deliveries: ReaderDelivery[]): SafeHtml {
  const t = s.subscribers;
  if (deliveries.length === 0) return html`<p>${t.noDeliveries}</p>`;
  return html`<table>
<caption class="visually-hidden">${t.deliveriesHeading}</caption>
<thead><tr><th scope="col">${t.digest}</th><th scope="col">${t.deliveryStatus}</th><th scope="col">${t.sentAt}</th><th scope="col" class="num">${t.attempts}</th><th scope="col">${t.error}</th><th scope="col">${t.preview}</th></tr></thead>
<tbody>${deliveries.map(
    (d) => html`<tr>
<th scope="row"><a href="/admin/digests/${d.digestId}">${d.period}</a></th>
<td><span class="badge">${t.deliveryStatuses[d.status]}</span></td>
<td>${formatDateTime(lang, d.sentAt)}</td>
<td class="num">${d.attempts}</td>
<td>${d.error ?? '—'}</td>
<td><a href="/admin/digests/${d.digestId}/preview?subscriber=${subscriberId}">${format(t.previewLabel, { period: d.period })}</a></td>
</tr>`,
  )}</tbody>
</table>`;
}

/** One subscriber: details, consent log, deliveries with a link to each email, bounces and complaints, and the way to erasure. */
export function subscriberDetailBody(lang: Language, s: ConsoleStrings, d: SubscriberDetailData): SafeHtml {
  const t = s.subscribers;
  const r = d.subscriber;
  const labels = new Map(d.topics.map((topic) => [topic.slug, topicLabel(topic, lang)]));
  const facts = factTable(t.detailsHeading, [
    [t.email, r.email],
    [t.name, r.name ?? '—'],
    [t.language, html`<span lang="${r.language}">${languageName(r.language)}</span>`],
    [t.status, t.statuses[r.status]],
    [t.paused, r.paused ? s.shell.yes : s.shell.no],
    [t.frequency, t.frequencies[r.frequency as 'monthly'] ?? r.frequency],
    [t.topics, r.topics.length ? r.topics.map((slug) => labels.get(slug) ?? slug).join(', ') : s.shell.none],
    [t.createdAt, formatDateTime(lang, r.createdAt)],
    [t.confirmedAt, formatDateTime(lang, r.confirmedAt)],
    [t.unsubscribedAt, formatDateTime(lang, r.unsubscribedAt)],
  ]);
  return html`<p><a href="/admin/subscribers">${t.backToList}</a></p>
<h2 id="details">${t.detailsHeading}</h2>
${facts}
<h2 id="consent">${t.consentHeading}</h2>
<p class="hint">${t.consentHint}</p>
${consentLog(lang, s, r.consentRecords)}
<h2 id="deliveries">${t.deliveriesHeading}</h2>
${deliveryTable(lang, s, r.id, d.deliveries)}
${bounceSection(lang, s, d.bounceEvents)}
<h2 id="erase">${t.eraseHeading}</h2>
<p><a href="/admin/subscribers/${r.id}/erase">${t.eraseLink}</a></p>`;
}

/** The confirmation step of an erasure: what goes, what stays, and the one button that does it. */
export function eraseConfirmBody(view: ConsoleView, s: ConsoleStrings, subscriber: SubscriberView): SafeHtml {
  const t = s.subscribers;
  const form = postForm(
    view,
    `/admin/subscribers/${subscriber.id}/erase`,
    html`<input type="hidden" name="confirm" value="yes"><div class="actions"><button type="submit" class="danger">${t.eraseButton}</button> <a href="/admin/subscribers/${subscriber.id}">${s.shell.cancel}</a></div>`,
  );
  return html`<p>${t.eraseIntro}</p>
<ul>${t.eraseGoes.map((line) => html`<li>${line}</li>`)}</ul>
<p>${t.eraseStays}</p>
${form}`;
}
