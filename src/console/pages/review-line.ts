import { postForm } from '../console-form.js';
import type { ConsoleView } from '../console-view.js';
import { consoleStrings } from '../console-view.js';
import { format } from '../../i18n/format.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { targetName } from '../../review/line-targets.js';
import type { LineTarget, ProfileReview } from '../../review/review-schema.js';

type Line = NonNullable<ProfileReview['intro']>;

/** The id of a line's block in the page (the redirect after a change comes back to it). */
export function lineAnchor(target: LineTarget): string {
  return `line-${targetName(target).replace(/:/g, '-')}`;
}

/** An edit the page shows again because it was refused: the text as typed and why. */
export interface RefusedEdit {
  target: string;
  text: string;
  message: string;
}

/** A line's findings in words: "Flagged: …: “12%” (figure), “Dr Smith” (name)". Colour only repeats what the text says. */
export function findingsText(view: ConsoleView, line: Line, id: string): SafeHtml {
  if (!line.findings.length) return html``;
  const s = consoleStrings(view).review.lines;
  const words = line.findings.map((f, i) => html`${i ? ', ' : ''}“<span class="finding">${f.text}</span>” (${s[f.kind]})`);
  if (line.kept) return html`<p class="hint" id="${id}">${s.kept} ${words}</p>`;
  return html`<p class="flag" id="${id}"><span aria-hidden="true">⚠ </span>${s.flagged} ${words}</p>`;
}

/**
 * One line of the email and what an editor can do to it: one form whose buttons edit it (the textarea's
 * text), keep it despite its flags (only when flagged), or put the fallback text in its place. When the
 * digest is no longer in review the line is shown as text only.
 */
export function lineBlock(
  view: ConsoleView,
  opts: {
    digestId: number;
    profileId: number;
    target: LineTarget;
    line: Line;
    name: string;
    itemTitle: string | null;
    editable: boolean;
    refused?: RefusedEdit;
  },
): SafeHtml {
  const s = consoleStrings(view).review.lines;
  const key = targetName(opts.target);
  const anchor = lineAnchor(opts.target);
  const refused = opts.refused?.target === key ? opts.refused : undefined;
  const flagged = opts.line.findings.length > 0 && !opts.line.kept;
  const findings = findingsText(view, opts.line, `${anchor}-findings`);
  const origin = html`<p class="hint">${s.origin}: ${s.origins[opts.line.origin]}</p>`;
  if (!opts.editable) {
    return html`<div class="line" id="${anchor}"><p><strong>${opts.name}</strong></p>
<p>${opts.line.text || s.empty}</p>${origin}${findings}</div>`;
  }
  const label = opts.itemTitle ? format(s.editLabel, { line: opts.name, item: opts.itemTitle }) : s.editIntroLabel;
  const context = opts.itemTitle ? format(s.context, { line: opts.name, item: opts.itemTitle }) : `(${opts.name})`;
  const hidden = html`<span class="visually-hidden"> ${context}</span>`;
  const describedBy = [opts.line.findings.length ? `${anchor}-findings` : '', refused ? `${anchor}-error` : '', `${anchor}-hint`].filter(Boolean).join(' ');
  const body = html`<input type="hidden" name="target" value="${key}">
<label for="${anchor}-text">${label}</label>
${findings}
${refused ? html`<p class="error" id="${anchor}-error">${refused.message}</p>` : ''}
<textarea id="${anchor}-text" name="text" maxlength="2000" rows="3" aria-describedby="${describedBy}"${refused ? html` aria-invalid="true"` : ''}>${refused ? refused.text : opts.line.text}</textarea>
<p class="hint" id="${anchor}-hint">${s.editHint}</p>
${origin}
<div class="actions">
<button type="submit" name="action" value="edit">${s.save}${hidden}</button>
${flagged ? html`<button type="submit" name="action" value="keep" class="secondary">${s.keep}${hidden}</button>` : ''}
<button type="submit" name="action" value="fallback" class="secondary">${s.fallback}${hidden}</button>
</div>`;
  return html`<div class="line" id="${anchor}">${postForm(view, `/admin/digests/${opts.digestId}/profiles/${opts.profileId}/change`, body)}</div>`;
}
