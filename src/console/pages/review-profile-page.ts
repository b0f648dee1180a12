import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { packFor } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ProfileReview, Provenance } from '../../review/review-schema.js';
import type { DigestPageData } from './digest-page-data.js';
import { emailFrame } from './digest-preview-page.js';
import { when } from './digest-parts.js';
import { approveSection, topicWords } from './review-list-page.js';
import { lineBlock, type RefusedEdit } from './review-line.js';
import { type ProfileProvenance, provenanceSection } from './review-provenance.js';

/** "Profile 12: English, elections, networks". */
export function profileTitle(view: ConsoleView, p: ProfileReview): string {
  return format(consoleStrings(view).review.profileTitle, { n: p.id, language: packFor(p.language).nativeName, topics: topicWords(view, p) });
}

function about(view: ConsoleView, p: ProfileReview): SafeHtml {
  const s = consoleStrings(view);
  const t = s.review;
  const rows: Array<[string, SafeHtml | string]> = [
    [t.profiles.language, html`<span lang="${p.language}">${packFor(p.language).nativeName}</span>`],
    [t.profiles.topics, topicWords(view, p)],
    [t.profiles.readers, String(p.readerCount)],
    [t.profiles.flagged, p.flagged ? html`<span class="flag"><span aria-hidden="true">⚠ </span>${p.flagged}</span>` : '0'],
    [t.profiles.composedWith, html`${p.composedWith ? s.digests.composers[p.composedWith] : '—'} · ${when(p.composedAt)}`],
  ];
  if (p.llmError) rows.push([t.profile.llmError, p.llmError]);
  return html`<table><caption class="visually-hidden">${t.profile.summary}</caption><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table>`;
}

function ownText(view: ConsoleView, item: ProfileReview['items'][number]): SafeHtml {
  const t = consoleStrings(view).review.profile;
  const rows: Array<[string, SafeHtml | string]> = [
    [t.ownTitle, item.title],
    [t.ownSummary, item.ownSummary],
    [t.authors, item.authors.join(', ') || '—'],
  ];
  if (item.venue) rows.push([t.venue, item.venue]);
  if (item.url) rows.push([t.link, html`<a href="${item.url}" rel="noopener noreferrer">${item.url}</a>`]);
  return html`<table><caption>${t.own}</caption><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table>`;
}

function text(view: ConsoleView, d: DigestPageData, p: ProfileReview, refused: RefusedEdit | undefined): SafeHtml {
  const s = consoleStrings(view).review;
  if (!p.intro) return html`<p>${s.profile.notComposed}</p>`;
  const editable = d.status === 'review';
  const common = { digestId: d.id, profileId: p.id, editable, refused };
  const items = p.items.map(
    (item) => html`<section class="item" aria-labelledby="item-${item.id}-title">
<h3 id="item-${item.id}-title">${item.title}</h3>
<div class="side-by-side">
<div>
<h4>${s.profile.written}</h4>
${lineBlock(view, { ...common, target: { itemId: item.id, field: 'line' }, line: item.line, name: s.lines.line, itemTitle: item.title })}
${lineBlock(view, { ...common, target: { itemId: item.id, field: 'summary' }, line: item.summary, name: s.lines.summary, itemTitle: item.title })}
</div>
<div>${ownText(view, item)}</div>
</div>
</section>`,
  );
  const people = (p.people ?? []).map(
    (person) => html`<section class="item" aria-labelledby="person-${person.id}-name">
<h4 id="person-${person.id}-name">${person.name}</h4>
<div class="side-by-side">
<div>${lineBlock(view, { ...common, target: { personId: person.id }, line: person.line, name: s.lines.welcome, itemTitle: person.name })}</div>
<div><p>${person.role ?? ''}</p><p>${person.bio}</p></div>
</div>
</section>`,
  );
  const team = people.length ? html`<h3>${s.lines.team}</h3>${people}` : '';
  return html`<h3>${s.lines.intro}</h3>
${lineBlock(view, { ...common, target: 'intro', line: p.intro, name: s.lines.intro, itemTitle: null })}
${items}
${team}`;
}

function profileActions(view: ConsoleView, d: DigestPageData, p: ProfileReview): SafeHtml {
  const s = consoleStrings(view).review.actions;
  const base = `/admin/digests/${d.id}/profiles/${p.id}`;
  const regenerate =
    d.status === 'review'
      ? postForm(
          view,
          `${base}/regenerate`,
          html`<button type="submit" class="secondary" aria-describedby="regenerate-hint">${s.regenerate}</button><p class="hint" id="regenerate-hint">${s.regenerateHint}</p>`,
        )
      : '';
  const testSend = p.intro
    ? postForm(
        view,
        `${base}/test-send`,
        html`<label for="test-send-to">${s.testSendTo}</label>
<input type="email" id="test-send-to" name="to" value="${view.user?.email ?? ''}" required maxlength="320" autocomplete="email" aria-describedby="test-send-hint">
<p class="hint" id="test-send-hint">${s.testSendHint}</p>
<button type="submit">${s.testSend}</button>`,
      )
    : '';
  return html`<section aria-labelledby="profile-actions-heading">
<h2 id="profile-actions-heading">${s.heading}</h2>
${regenerate}
${testSend}
</section>`;
}

/**
 * One profile under review: who reads it, the email exactly as they get it (sandboxed), every line beside
 * the item's own text with its flags and forms, the profile's actions, approval and provenance.
 */
export function profileReviewBody(
  view: ConsoleView,
  d: DigestPageData,
  p: ProfileReview,
  provenance: { digest: Provenance; profile: ProfileProvenance } | null,
  opts: { subject?: string; refused?: RefusedEdit } = {},
): SafeHtml {
  const { subject, refused } = opts;
  const s = consoleStrings(view).review;
  const email = p.intro
    ? html`<section aria-labelledby="email-heading">
<h2 id="email-heading">${s.profile.email}</h2>
${emailFrame({
  subject: subject ? { label: consoleStrings(view).digests.preview.subject, text: subject } : undefined,
  frameTitle: s.profile.frameTitle,
  src: `/admin/digests/${d.id}/profiles/${p.id}/email`,
  textLabel: s.profile.textPart,
})}
</section>`
    : '';
  return html`<p><a href="/admin/digests/${d.id}/review">${s.profile.backToReview}</a></p>
${about(view, p)}
${email}
<section aria-labelledby="text-heading">
<h2 id="text-heading">${s.profile.text}</h2>
<p class="hint">${s.profile.textHint}</p>
${text(view, d, p, refused)}
</section>
${profileActions(view, d, p)}
${approveSection(view, d, null)}
${provenance ? provenanceSection(view, provenance.digest, provenance.profile) : ''}`;
}
