import { escapeHtml } from '../text/escape-html.js';

/** A piece of HTML that is already safe; `html` leaves it as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** Tagged template that escapes every interpolated value unless it is SafeHtml (or an array of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const parts = Array.isArray(v) ? v : [v];
    for (const p of parts) out += p instanceof SafeHtml ? p.value : p === false || p == null ? '' : escapeHtml(p);
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}
