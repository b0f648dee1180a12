import type { ArchiveIssue } from '../archive/archive-issue.js';
import { type ArchiveListEntry, periodName } from '../archive/archive-service.js';
import { format } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { pageStrings } from '../i18n/page-strings.js';
import { html } from './html.js';
import { layout } from './layout.js';

/** A day in words, in the page's language and the lab's time zone. */
function day(date: Date, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(date);
}

function footerLinks(lang: Language) {
  const t = pageStrings(lang).archive;
  return html`<p><a href="/subscribe?lang=${lang}">${t.subscribe}</a> · <a href="/archive/feed.xml?lang=${lang}" type="application/atom+xml">${t.feed}</a></p>`;
}

/** `/archive`: every published digest, newest first, each a link to its issue. */
export function renderArchiveList(opts: { lang: Language; org: string; timeZone: string; issues: ArchiveListEntry[] }): string {
  const { lang } = opts;
  const t = pageStrings(lang).archive;
  const list = opts.issues.length
    ? html`<ul>${opts.issues.map(
        (i) =>
          html`<li><a href="/archive/${i.period}?lang=${lang}">${i.name}</a> <span class="hint">(${format(t.sentOn, { date: day(i.sentAt, lang, opts.timeZone) })})</span></li>`,
      )}</ul>`
    : html`<p>${t.empty}</p>`;
  return layout({
    lang,
    title: t.title,
    langSwitch: '/archive',
    body: html`<h1>${t.title}</h1>
<p>${format(t.intro, { org: opts.org })}</p>
${list}
${footerLinks(lang)}`,
  });
}

/**
 * Links in the email open in the whole window rather than inside the frame (which may not navigate
 * elsewhere: the frame has no scripts, no forms and no same-origin rights).
 */
function framedEmail(emailHtml: string): string {
  return /<head[^>]*>/i.test(emailHtml) ? emailHtml.replace(/<head[^>]*>/i, (head) => `${head}<base target="_top">`) : `<base target="_top">${emailHtml}`;
}

/** `/archive/:period`: one digest as its readers got it, in a sandboxed frame, and its text part. */
export function renderArchiveIssue(opts: {
  lang: Language;
  org: string;
  timeZone: string;
  period: string;
  issue: ArchiveIssue & { name: string; sentAt: Date };
}): string {
  const { lang, issue } = opts;
  const t = pageStrings(lang).archive;
  const inline = periodName(opts.period, lang, false);
  return layout({
    lang,
    title: `${issue.subject}`,
    langSwitch: `/archive/${opts.period}`,
    wide: true,
    body: html`<p><a href="/archive?lang=${lang}">${t.back}</a></p>
<h1>${issue.name}</h1>
<p>${format(t.issueIntro, { org: opts.org, issue: inline })} <span class="hint">(${format(t.sentOn, { date: day(issue.sentAt, lang, opts.timeZone) })})</span></p>
<iframe class="email-frame" title="${format(t.frameTitle, { issue: inline })}" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${framedEmail(issue.html)}"></iframe>
<details><summary>${t.textVersion}</summary><pre class="text-version">${issue.text}</pre></details>
${footerLinks(lang)}`,
  });
}
