import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';

/** The title of a reader's preview page: "Email to ana@example.org". */
export function previewTitle(view: ConsoleView, email: string): string {
  return format(consoleStrings(view).digests.preview.title, { email });
}

/**
 * An email shown exactly as it was sent: its subject, the HTML in a sandboxed frame (no scripts, no
 * forms, no same-origin access; its own route adds a CSP of its own), and a link to the plain-text part.
 */
export function emailFrame(opts: { subject?: { label: string; text: string }; frameTitle: string; src: string; textLabel: string }): SafeHtml {
  const sep = opts.src.includes('?') ? '&' : '?';
  return html`${opts.subject ? html`<table><tbody><tr><th scope="row">${opts.subject.label}</th><td>${opts.subject.text}</td></tr></tbody></table>` : ''}
<iframe class="email" sandbox title="${opts.frameTitle}" src="${opts.src}"></iframe>
<p><a href="${opts.src}${sep}format=text">${opts.textLabel}</a></p>`;
}

/** A reader's email from a digest, as they got it (or will get it). */
export function digestPreviewBody(view: ConsoleView, digestId: number, subscriberId: number, subject: string): SafeHtml {
  const s = consoleStrings(view).digests.preview;
  return html`<p><a href="/admin/digests/${digestId}">${s.backToDigest}</a></p>
${emailFrame({ subject: { label: s.subject, text: subject }, frameTitle: s.frameTitle, src: `/admin/digests/${digestId}/preview/email?subscriber=${subscriberId}`, textLabel: s.textPart })}`;
}
