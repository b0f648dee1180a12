import { LANGUAGES, type Language, packFor } from '../i18n/languages.js';
import type { Topic } from '../topics/topic-repository.js';
import { topicLabel } from '../topics/topic-schema.js';
import { html, type SafeHtml } from './html.js';

function describedBy(...ids: Array<string | false | undefined>): string | false {
  const list = ids.filter(Boolean).join(' ');
  return list || false;
}

/** A list of the errors at the top of a form, each linking to its field; announced when the page loads. */
export function errorSummary(title: string, errors: Array<{ field: string; message: string }>): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="error" role="alert" id="error-summary"><p>${title}</p><ul>${errors.map(
    (e) => html`<li><a href="#${e.field}">${e.message}</a></li>`,
  )}</ul></div>`;
}

/** A labelled text or email input with an optional hint and error, both linked by aria-describedby. */
export function inputField(opts: {
  id: string;
  type: 'text' | 'email';
  label: string;
  value: string;
  hint?: string;
  error?: string;
  required?: boolean;
  maxLength: number;
  autocomplete: string;
}): SafeHtml {
  const hintId = opts.hint ? `${opts.id}-hint` : undefined;
  const errorId = opts.error ? `${opts.id}-error` : undefined;
  return html`<label for="${opts.id}">${opts.label}</label>
${opts.hint ? html`<p class="hint" id="${hintId}">${opts.hint}</p>` : ''}
${opts.error ? html`<p class="error" id="${errorId}">${opts.error}</p>` : ''}
<input id="${opts.id}" name="${opts.id}" type="${opts.type}" value="${opts.value}" maxlength="${opts.maxLength}" autocomplete="${opts.autocomplete}"${
    opts.required ? html` required` : ''
  }${describedBy(hintId, errorId) ? html` aria-describedby="${describedBy(hintId, errorId)}"` : ''}${opts.error ? html` aria-invalid="true"` : ''}>`;
}

/** The newsletter language picker. */
export function languageSelect(opts: { label: string; value: string; error?: string }): SafeHtml {
  const errorId = opts.error ? 'language-error' : undefined;
  return html`<label for="language">${opts.label}</label>
${opts.error ? html`<p class="error" id="${errorId}">${opts.error}</p>` : ''}
<select id="language" name="language"${errorId ? html` aria-describedby="${errorId}" aria-invalid="true"` : ''}>
${LANGUAGES.map(
  // Each language named in itself, as language pickers should.
  (l) => html`<option value="${l}" lang="${l}"${opts.value === l ? html` selected` : ''}>${packFor(l).nativeName}</option>`,
)}
</select>`;
}

/** The topics as checkboxes in a fieldset with a legend. */
export function topicCheckboxes(opts: {
  lang: Language;
  legend: string;
  hint: string;
  topics: Topic[];
  checked: readonly string[];
  error?: string;
}): SafeHtml | '' {
  if (opts.topics.length === 0) return '';
  const ids = describedBy('topics-hint', opts.error && 'topics-error');
  return html`<fieldset id="topics" aria-describedby="${ids}">
<legend>${opts.legend}</legend>
<p class="hint" id="topics-hint">${opts.hint}</p>
${opts.error ? html`<p class="error" id="topics-error">${opts.error}</p>` : ''}
${opts.topics.map(
  (t) =>
    html`<label class="check" for="topic-${t.slug}"><input type="checkbox" id="topic-${t.slug}" name="topics" value="${t.slug}"${
      opts.checked.includes(t.slug) ? html` checked` : ''
    }> <span>${topicLabel(t, opts.lang)}</span></label>`,
)}
</fieldset>`;
}

/** The consent box: never ticked in advance, quoting what the reader agrees to. */
export function consentCheckbox(opts: { legend: string; label: string; text: string; checked: boolean; error?: string }): SafeHtml {
  return html`<fieldset>
<legend>${opts.legend}</legend>
${opts.error ? html`<p class="error" id="consent-error">${opts.error}</p>` : ''}
<label class="check" for="consent"><input type="checkbox" id="consent" name="consent" value="yes" required${opts.checked ? html` checked` : ''}${
    opts.error ? html` aria-describedby="consent-error" aria-invalid="true"` : ''
  }> <span>${opts.label} <q>${opts.text}</q></span></label>
</fieldset>`;
}

/** A field people never see and bots fill in: off-screen, out of the tab order, hidden from screen readers. */
export function honeypotField(name: string, label: string): SafeHtml {
  return html`<div class="hp" aria-hidden="true"><label for="${name}">${label}</label><input type="text" id="${name}" name="${name}" value="" tabindex="-1" autocomplete="off"></div>`;
}
