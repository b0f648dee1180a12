import { LANGUAGES, type Language, packFor } from '../i18n/languages.js';
import { html, SafeHtml } from './html.js';

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--accent:#0b5cad;--border:#d0d7de;--err:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--accent:#58a6ff;--border:#3d444d;--err:#ff7b72}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:36rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.5rem;line-height:1.25}
label{display:block;font-weight:600;margin-top:1rem}input[type=email],input[type=text],select{width:100%;padding:.5rem;font:inherit;border:1px solid var(--border);border-radius:4px;background:var(--bg);color:var(--fg)}
fieldset{border:1px solid var(--border);border-radius:4px;margin-top:1rem}legend{font-weight:600}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin-top:.5rem}.check input{margin-top:.3rem}
button{margin-top:1.25rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}button.danger{background:var(--err)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.hint{color:var(--muted);font-size:.9rem}.error{color:var(--err);font-weight:600}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.lang{float:right;font-size:.9rem}a{color:var(--accent)}
main.wide{max-width:46rem}.email-frame{display:block;width:100%;height:75vh;border:1px solid var(--border);border-radius:4px;background:#fff}
pre.text-version{white-space:pre-wrap;font:inherit}
`;

/** Links to the same page in every language, each named in itself. */
function languageSwitch(path: string): SafeHtml {
  const links = LANGUAGES.map((l) => html`<a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${packFor(l).nativeName}</a>`);
  return html`<nav class="lang" aria-label="Language">${links.flatMap((link, i) => (i === 0 ? [link] : [html` · `, link]))}</nav>`;
}

/**
 * The page shell every public page shares: language attribute, one stylesheet, no scripts. `langSwitch`
 * is the page's path, offered in every language; `wide` makes room for an email (the archive).
 */
export function layout(opts: { lang: Language; title: string; body: SafeHtml; langSwitch?: string; wide?: boolean }): string {
  const sw = opts.langSwitch;
  return html`<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${opts.title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main${opts.wide ? html` class="wide"` : ''}>
${sw ? languageSwitch(sw) : ''}
${opts.body}
</main>
</body>
</html>
`.value;
}
