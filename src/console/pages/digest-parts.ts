import type { ConsoleView } from '../console-view.js';
import { hasRole } from '../console-view.js';
import type { DigestStatus } from '../../domain/statuses.js';
import { packFor } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { DigestPageData } from './digest-page-data.js';

/** A moment as the console shows it: `2026-11-05 14:03 UTC` in a <time>, the same in every language. */
export function when(iso: string | null | undefined, none = '—'): SafeHtml {
  if (!iso) return html`${none}`;
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** A day as the console shows it: `2026-11-05`. */
export function day(iso: string): SafeHtml {
  return html`<time datetime="${iso}">${iso.slice(0, 10)}</time>`;
}

/** "November 2026" for the period 2026-11, in the view's language. */
export function periodLabel(period: string, lang: ConsoleView['lang']): string {
  const [year, month] = period.split('-');
  const name = packFor(lang).dates.months[Number(month) - 1];
  return name ? `${name} ${year}` : period;
}

/** A status as a badge: its word is the text, so it never relies on colour. */
export function statusBadge(label: string, status: string): SafeHtml {
  return html`<span class="badge status-${status}">${label}</span>`;
}

/** Something a person can do to a digest from its page. */
export type DigestAction = 'approve' | 'pause' | 'resume' | 'retry' | 'cancel';

/** Every action a digest page may show; all of them are for admins only. */
export const ADMIN_ACTIONS: readonly DigestAction[] = ['approve', 'pause', 'resume', 'retry', 'cancel'];

const CANCELLABLE: readonly DigestStatus[] = ['planned', 'composing', 'review', 'sending', 'paused'];

/** The actions this digest's status allows, whoever is looking. */
export function actionsForStatus(digest: Pick<DigestPageData, 'status' | 'counts'>): DigestAction[] {
  const out: DigestAction[] = [];
  if (digest.status === 'review') out.push('approve');
  if (digest.status === 'sending') out.push('pause');
  if (digest.status === 'paused') out.push('resume');
  if (digest.counts.failed > 0 && (digest.status === 'sending' || digest.status === 'sent')) out.push('retry');
  if (CANCELLABLE.includes(digest.status)) out.push('cancel');
  return out;
}

/** The actions this user may take on this digest now: the status allows them and the role does too. */
export function allowedActions(digest: Pick<DigestPageData, 'status' | 'counts'>, user: ConsoleView['user']): DigestAction[] {
  return hasRole(user, 'admin') ? actionsForStatus(digest) : [];
}

/** Like format(), but the values may be markup (a <time>, a link): the words around them are escaped. */
export function formatHtml(template: string, vars: Readonly<Record<string, SafeHtml | string | number>>): SafeHtml {
  const parts = template.split(/\{(\w+)\}/);
  return html`${parts.map((part, i) => (i % 2 === 0 ? html`${part}` : part in vars ? html`${vars[part]}` : html`{${part}}`))}`;
}
