import { format } from '../i18n/format.js';
import { LANGUAGES, packFor } from '../i18n/languages.js';
import { html, SafeHtml } from '../pages/html.js';
import { csrfField } from './console-form.js';
import type { ConsoleStrings } from './console-strings.js';
import { type ConsoleView, consoleStrings, hasRole } from './console-view.js';

/** The areas of the console, in the order of the navigation. */
export type ConsoleArea = keyof ConsoleStrings['shell']['nav'];

const NAV: Array<{ area: ConsoleArea; href: string; admin?: boolean }> = [
  { area: 'dashboard', href: '/admin' },
  { area: 'digests', href: '/admin/digests' },
  { area: 'content', href: '/admin/content' },
  { area: 'subscribers', href: '/admin/subscribers', admin: true },
  { area: 'topics', href: '/admin/topics' },
  { area: 'settings', href: '/admin/settings', admin: true },
  { area: 'users', href: '/admin/users', admin: true },
];

export interface ConsolePageOptions {
  title: string;
  body: SafeHtml;
  /** The navigation entry to mark as the current page. */
  area?: ConsoleArea;
  /** A confirmation shown at the top ("Saved."), announced to screen readers. */
  notice?: string | null;
  /** An error shown at the top, announced to screen readers. */
  error?: string | null;
  /** Organisation name for the header. */
  org: string;
}

function header(view: ConsoleView, s: ConsoleStrings, org: string, area: ConsoleArea | undefined): SafeHtml {
  const user = view.user;
  const product = format(s.shell.product, { org });
  if (!user) return html`<header class="top"><p class="brand">${product}</p></header>`;
  const links = NAV.filter((n) => !n.admin || hasRole(user, 'admin')).map(
    (n) => html`<li><a href="${n.href}"${n.area === area ? html` aria-current="page"` : ''}>${s.shell.nav[n.area]}</a></li>`,
  );
  return html`<header class="top">
<p class="brand"><a href="/admin">${product}</a></p>
<nav aria-label="${s.shell.navLabel}"><ul class="nav">${links}</ul></nav>
<div class="account">
<span>${format(s.shell.signedInAs, { email: user.email, role: s.shell.roles[user.role] })}</span>
<a href="/admin/account">${s.shell.changePassword}</a>
<form method="post" action="/admin/sign-out" class="inline">${csrfField(view)}<button type="submit" class="link">${s.shell.signOut}</button></form>
</div>
</header>`;
}

/** The same page in another language: its query kept (a preview's reader, a list's filters), but not a notice or a token. */
function switchHref(view: ConsoleView, lang: string): string {
  const params = new URLSearchParams(view.query ?? '');
  for (const drop of ['lang', 'done', 'error', '_csrf']) params.delete(drop);
  params.set('lang', lang);
  return `${view.path}?${params.toString()}`;
}

function languageSwitch(view: ConsoleView, s: ConsoleStrings): SafeHtml {
  const links = LANGUAGES.map(
    (l) => html`<a href="${switchHref(view, l)}" lang="${l}" hreflang="${l}"${l === view.lang ? html` aria-current="true"` : ''}>${packFor(l).nativeName}</a>`,
  );
  return html`<nav class="lang" aria-label="${s.shell.languageLabel}">${links.flatMap((link, i) => (i === 0 ? [link] : [html` · `, link]))}</nav>`;
}

/**
 * The frame of every console page: skip link, header with navigation (by role), language switch, the
 * page's notice or error in a live region, and the body. Our own stylesheet and script only; the page
 * works without the script.
 */
export function consolePage(view: ConsoleView, opts: ConsolePageOptions): string {
  const s = consoleStrings(view);
  const title = `${opts.title} · ${format(s.shell.product, { org: opts.org })}`;
  return html`<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="/admin/assets/console.css">
<script src="/admin/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${s.shell.skipToContent}</a>
${header(view, s, opts.org, opts.area)}
<main id="main" tabindex="-1">
${languageSwitch(view, s)}
<h1>${opts.title}</h1>
${opts.notice ? html`<div class="notice" role="status"><strong>${s.shell.noticeLabel}:</strong> ${opts.notice}</div>` : ''}
${opts.error ? html`<div class="error-box" role="alert"><strong>${s.shell.errorLabel}:</strong> ${opts.error}</div>` : ''}
${opts.body}
</main>
</body>
</html>
`.value;
}

export { SafeHtml };
