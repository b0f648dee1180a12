import type { Language } from '../i18n/languages.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

/** A page that only tells the reader something, with optional links onward. */
export function renderMessagePage(opts: { lang: Language; title: string; body: string; links?: Array<{ href: string; text: string }> }): string {
  return layout({
    lang: opts.lang,
    title: opts.title,
    body: html`<h1>${opts.title}</h1><p role="status">${opts.body}</p>${
      opts.links?.length ? html`<ul>${opts.links.map((l) => html`<li><a href="${l.href}">${l.text}</a></li>`)}</ul>` : ''
    }`,
  });
}

/**
 * A page with one button that POSTs: what confirm, unsubscribe and delete links open, so that link
 * scanners, which only GET, never change anything.
 */
export function renderActionPage(opts: {
  lang: Language;
  title: string;
  body: string;
  action: string;
  button: string;
  danger?: boolean;
  hidden?: Record<string, string>;
  extra?: SafeHtml;
}): string {
  return layout({
    lang: opts.lang,
    title: opts.title,
    body: html`<h1>${opts.title}</h1><p>${opts.body}</p>
<form method="post" action="${opts.action}">
${Object.entries(opts.hidden ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<button type="submit"${opts.danger ? html` class="danger"` : ''}>${opts.button}</button>
</form>${opts.extra ?? ''}`,
  });
}
