import { html, type SafeHtml } from '../../pages/html.js';

/** A field's error id and describedby list: hint first, then error, as screen readers read them. */
function described(id: string, hint?: string, error?: string): { hintId?: string; errorId?: string; attrs: SafeHtml | '' } {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids = [hintId, errorId].filter(Boolean).join(' ');
  return {
    hintId,
    errorId,
    attrs: ids ? html` aria-describedby="${ids}"${error ? html` aria-invalid="true"` : ''}` : '',
  };
}

function hintAndError(d: { hintId?: string; errorId?: string }, hint?: string, error?: string): SafeHtml {
  return html`${hint ? html`<p class="hint" id="${d.hintId}">${hint}</p>` : ''}${error ? html`<p class="error" id="${d.errorId}">${error}</p>` : ''}`;
}

export interface FieldOptions {
  id: string;
  /** The form field's name; the id when not given. */
  name?: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  required?: boolean;
  maxLength?: number;
  type?: 'text' | 'email' | 'url' | 'search' | 'date' | 'datetime-local';
  autocomplete?: string;
  lang?: string;
}

/** A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). */
export function textField(o: FieldOptions): SafeHtml {
  const d = described(o.id, o.hint, o.error);
  return html`<label for="${o.id}">${o.label}</label>${hintAndError(d, o.hint, o.error)}
<input id="${o.id}" name="${o.name ?? o.id}" type="${o.type ?? 'text'}" value="${o.value}"${o.maxLength ? html` maxlength="${o.maxLength}"` : ''}${
    o.required ? html` required` : ''
  }${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.lang ? html` lang="${o.lang}"` : ''}${d.attrs}>`;
}

/** A labelled textarea with its hint and error. */
export function textArea(o: Omit<FieldOptions, 'type'> & { rows?: number }): SafeHtml {
  const d = described(o.id, o.hint, o.error);
  return html`<label for="${o.id}">${o.label}</label>${hintAndError(d, o.hint, o.error)}
<textarea id="${o.id}" name="${o.name ?? o.id}" rows="${o.rows ?? 4}"${o.maxLength ? html` maxlength="${o.maxLength}"` : ''}${o.required ? html` required` : ''}${d.attrs}>${o.value}</textarea>`;
}

/** A labelled select; `options` in display order. */
export function selectField(o: {
  id: string;
  name?: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string; lang?: string }>;
  hint?: string;
  error?: string;
}): SafeHtml {
  const d = described(o.id, o.hint, o.error);
  return html`<label for="${o.id}">${o.label}</label>${hintAndError(d, o.hint, o.error)}
<select id="${o.id}" name="${o.name ?? o.id}"${d.attrs}>${o.options.map(
    (opt) =>
      html`<option value="${opt.value}"${opt.lang ? html` lang="${opt.lang}"` : ''}${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`,
  )}</select>`;
}

/** A checkbox with its label beside it. */
export function checkboxField(o: { id: string; name?: string; label: string; checked: boolean; value?: string; hint?: string }): SafeHtml {
  const d = described(o.id, o.hint);
  return html`<label class="check" for="${o.id}"><input type="checkbox" id="${o.id}" name="${o.name ?? o.id}" value="${o.value ?? 'yes'}"${
    o.checked ? html` checked` : ''
  }${d.attrs}> <span>${o.label}</span></label>${o.hint ? html`<p class="hint" id="${d.hintId}">${o.hint}</p>` : ''}`;
}

/** The errors of a form at its top, each a link to its field; announced when the page loads. */
export function errorList(title: string, errors: Array<{ field: string; message: string }>): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-box" role="alert" id="form-errors"><p><strong>${title}</strong></p><ul>${errors.map(
    (e) => html`<li><a href="#${e.field}">${e.message}</a></li>`,
  )}</ul></div>`;
}
