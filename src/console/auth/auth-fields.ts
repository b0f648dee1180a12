import { html, type SafeHtml } from '../../pages/html.js';

/** One error of a console form: the id of its field and the message. */
export interface FieldError {
  field: string;
  message: string;
}

/** The list of a form's errors at its top, each linking to its field. */
export function formErrors(title: string, errors: FieldError[]): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-box" role="alert" id="form-errors"><p>${title}</p><ul>${errors.map(
    (e) => html`<li><a href="#${e.field}">${e.message}</a></li>`,
  )}</ul></div>`;
}

/** A labelled input with its hint and error tied to it (aria-describedby, aria-invalid). */
export function field(opts: {
  id: string;
  name?: string;
  type: 'email' | 'password' | 'text';
  label: string;
  value?: string;
  hint?: string;
  errors?: FieldError[];
  autocomplete: string;
  required?: boolean;
  maxLength?: number;
}): SafeHtml {
  const error = opts.errors?.find((e) => e.field === opts.id)?.message;
  const hintId = opts.hint ? `${opts.id}-hint` : '';
  const errorId = error ? `${opts.id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  // A password field is never filled in again: what was typed does not travel back into a page.
  const value = opts.type === 'password' ? '' : (opts.value ?? '');
  return html`<label for="${opts.id}">${opts.label}</label>
${opts.hint ? html`<p class="hint" id="${hintId}">${opts.hint}</p>` : ''}
${error ? html`<p class="error" id="${errorId}">${error}</p>` : ''}
<input id="${opts.id}" name="${opts.name ?? opts.id}" type="${opts.type}" value="${value}" autocomplete="${opts.autocomplete}"${
    opts.maxLength ? html` maxlength="${opts.maxLength}"` : ''
  }${opts.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>`;
}
