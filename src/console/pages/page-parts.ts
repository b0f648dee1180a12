import { format } from '../../i18n/format.js';
import { type Language, packFor } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { ConsoleStrings } from '../console-strings.js';

/** A date and time as people read them in this language (UTC, so every viewer sees the same); a dash when missing. */
export function formatDateTime(lang: Language, value: Date | string | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
}

/** A calendar date (no time) in this language. */
export function formatDate(lang: Language, value: Date | string | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** A month (YYYY-MM) short, as a chart's axis shows it: "Mar 26", "mar 26". */
export function monthLabel(lang: Language, month: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A count in this language's digits and separators. */
export function formatNumber(lang: Language, n: number): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** A size in bytes as KB/MB/GB. */
export function formatBytes(lang: Language, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** A language named in itself ("English", "Español"). */
export function languageName(l: Language): string {
  return packFor(l).nativeName;
}

/** A query string from the filters that are set (empty ones left out), with a leading "?" when not empty. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Previous and next links for a paged list, keeping its filters; nothing when it fits on one page. */
export function pager(
  s: ConsoleStrings,
  opts: { path: string; params: Record<string, string | number | undefined>; page: number; limit: number; total: number },
): SafeHtml | '' {
  const pages = Math.max(1, Math.ceil(opts.total / opts.limit));
  if (pages <= 1) return '';
  const link = (page: number) => `${opts.path}${queryString({ ...opts.params, page })}`;
  return html`<nav class="actions pager" aria-label="${format(s.shell.pageOf, { n: opts.page, total: pages })}">
${opts.page > 1 ? html`<a href="${link(opts.page - 1)}" rel="prev">${s.shell.previousPage}</a>` : ''}
<span>${format(s.shell.pageOf, { n: opts.page, total: pages })}</span>
${opts.page < pages ? html`<a href="${link(opts.page + 1)}" rel="next">${s.shell.nextPage}</a>` : ''}
</nav>`;
}

/** A two-column table of facts ("Status: Active"), each label a row header. */
export function factTable(caption: string, rows: Array<[string, SafeHtml | string]>): SafeHtml {
  return html`<table class="facts"><caption class="visually-hidden">${caption}</caption><tbody>${rows.map(
    ([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`,
  )}</tbody></table>`;
}
