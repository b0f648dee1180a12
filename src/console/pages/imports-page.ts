import { format } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { ImportSummary } from '../../import/import-summary.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { CSRF_FIELD, csrfField, postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { textField } from './fields.js';
import { formatBytes, formatNumber } from './page-parts.js';

/**
 * The two ways to import: upload files or a whole folder (multipart; the CSRF token also travels in the action's query,
 * where the session plugin reads it for multipart posts) or give an address.
 */
export function importsBody(
  view: ConsoleView,
  s: ConsoleStrings,
  opts: { maxBytes: number; url?: string; errors?: { file?: string; url?: string } },
): SafeHtml {
  const c = s.content;
  const e = opts.errors ?? {};
  const action = `/admin/content/imports/upload?${CSRF_FIELD}=${encodeURIComponent(view.csrfToken)}`;
  const hintId = 'file-hint';
  return html`<p>${c.importsIntro}</p>
<h2 id="upload">${c.uploadHeading}</h2>
<form method="post" action="${action}" enctype="multipart/form-data">${csrfField(view)}
${e.file ? html`<p class="error" id="file-error">${e.file}</p>` : ''}
<label for="file">${c.file}</label>
<p class="hint" id="${hintId}">${format(c.fileHint, { size: formatBytes(view.lang, opts.maxBytes) })}</p>
<input type="file" id="file" name="file" multiple accept=".md,.markdown,.bib,.xml,.rss,.atom" aria-describedby="${hintId}${e.file ? ' file-error' : ''}"${e.file ? html` aria-invalid="true"` : ''}>
<label for="folder">${c.folder}</label>
<p class="hint" id="folder-hint">${c.folderHint}</p>
<input type="file" id="folder" name="file" webkitdirectory aria-describedby="folder-hint${e.file ? ' file-error' : ''}">
<div><button type="submit">${c.upload}</button></div>
</form>
<h2 id="from-url">${c.urlHeading}</h2>
${postForm(
  view,
  '/admin/content/imports/url',
  html`${textField({ id: 'url', label: c.importUrl, value: opts.url ?? '', hint: c.importUrlHint, error: e.url, type: 'url', required: true, maxLength: 2048 })}
<div><button type="submit">${c.importFromUrl}</button></div>`,
)}`;
}

/** What an import did: counts, the items by outcome, what was skipped and why, errors, new topics. */
export function importSummaryBody(lang: Language, s: ConsoleStrings, summary: ImportSummary): SafeHtml {
  const c = s.content;
  const n = (v: number) => formatNumber(lang, v);
  const counts: Array<[string, number]> = [
    [c.added, summary.added],
    [c.updated, summary.updated],
    [c.unchanged, summary.unchanged],
    [c.skipped, summary.skipped.length],
    [c.failed, summary.failed.length],
  ];
  const items = summary.items.filter((i) => i.outcome !== 'unchanged');
  return html`<p>${format(c.filesRead, { files: n(summary.files) })}</p>
<table class="import-counts">
<caption class="visually-hidden">${c.summaryTitle}</caption>
<thead><tr><th scope="col">${c.outcome}</th><th scope="col" class="num">#</th></tr></thead>
<tbody>${counts.map(([label, value]) => html`<tr><th scope="row">${label}</th><td class="num">${n(value)}</td></tr>`)}</tbody>
</table>
${
  items.length
    ? html`<h2 id="items">${c.itemsHeading}</h2>
<p class="hint">${c.mergeNote}</p>
<table>
<thead><tr><th scope="col">${c.itemTitle}</th><th scope="col">${c.kind}</th><th scope="col">${c.outcome}</th></tr></thead>
<tbody>${items.map(
        (i) =>
          html`<tr><th scope="row"><a href="/admin/content/${i.id}/edit">${i.title}</a></th><td>${c.kinds[i.kind]}</td><td>${c.outcomes[i.outcome]}</td></tr>`,
      )}</tbody>
</table>`
    : ''
}
${
  summary.merges.length
    ? html`<h2 id="merges">${c.mergesHeading}</h2>
<table>
<thead><tr><th scope="col">${c.fileColumn}</th><th scope="col">${c.entry}</th><th scope="col">${c.outcome}</th><th scope="col">${c.reason}</th></tr></thead>
<tbody>${summary.merges.map(
        (m) =>
          html`<tr><th scope="row">${m.file}</th><td>${m.entry ?? '—'}</td><td><a href="/admin/content/${m.itemId}/edit">${format(c.mergedInto, { id: m.itemId })}</a></td><td>${m.reason}</td></tr>`,
      )}</tbody>
</table>`
    : ''
}
${
  summary.people.length
    ? html`<h2 id="people">${c.peopleHeading}</h2>
<table>
<thead><tr><th scope="col">${s.people.name}</th><th scope="col">${c.kind}</th><th scope="col">${c.outcome}</th></tr></thead>
<tbody>${summary.people.map(
        (p) =>
          html`<tr><th scope="row"><a href="/admin/content/people/${p.id}/edit">${p.name}</a></th><td>${p.alumni ? c.alumnus : c.person}</td><td>${c.outcomes[p.outcome]}</td></tr>`,
      )}</tbody>
</table>`
    : ''
}
${
  summary.skipped.length
    ? html`<h2 id="skipped">${c.skippedHeading}</h2>
<table>
<thead><tr><th scope="col">${c.fileColumn}</th><th scope="col">${c.entry}</th><th scope="col">${c.reason}</th></tr></thead>
<tbody>${summary.skipped.map((k) => html`<tr><th scope="row">${k.file}</th><td>${k.entry ?? '—'}</td><td>${k.reason}</td></tr>`)}</tbody>
</table>`
    : ''
}
${
  summary.failed.length
    ? html`<h2 id="failed">${c.failedHeading}</h2>
<table>
<thead><tr><th scope="col">${c.fileColumn}</th><th scope="col" class="num">${c.line}</th><th scope="col">${c.message}</th></tr></thead>
<tbody>${summary.failed.map((f) => html`<tr><th scope="row">${f.file}</th><td class="num">${f.line ?? '—'}</td><td>${f.message}</td></tr>`)}</tbody>
</table>`
    : ''
}
${
  summary.notes.length
    ? html`<h2 id="notes">${c.notesHeading}</h2>
<table>
<thead><tr><th scope="col">${c.fileColumn}</th><th scope="col">${c.note}</th></tr></thead>
<tbody>${summary.notes.map((n) => html`<tr><th scope="row">${n.file}</th><td>${n.note}</td></tr>`)}</tbody>
</table>`
    : ''
}
${summary.createdTopics.length ? html`<h2 id="topics">${c.createdTopics}</h2><ul>${summary.createdTopics.map((t) => html`<li><code>${t}</code></li>`)}</ul>` : ''}
<p class="actions"><a href="/admin/content/imports">${c.anotherImport}</a> <a href="/admin/content">${c.title}</a></p>`;
}
