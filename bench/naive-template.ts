/**
 * The naive reference's template step: the product's digest MJML source filled with one reader's values
 * BEFORE the compiler runs, so mjml2html runs once per reader (what DESIGN forbids and the pipeline avoids).
 * A deliberately small copy of the `{{value}}` / `<!--ld:begin:x-->` block syntax, so the reference does
 * not depend on the product's internal renderer.
 */
import { escapeHtml } from '../src/text/escape-html.js';

/** A value in the naive fill: text, a flag for a block, or a list that repeats a block. */
export type NaiveValue = string | boolean | null | undefined | NaiveScope[];
/** The names a template refers to, for one reader (and, inside a repeated block, one element). */
export interface NaiveScope {
  [name: string]: NaiveValue;
}

const BLOCK = /<!--ld:begin:(!?)(\w+)-->([\s\S]*?)<!--ld:end:\1\2-->/g;
const VALUE = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills a template: blocks repeat for lists, show for truthy values (`!name`: for falsy ones); values are HTML-escaped. */
export function fillNaive(template: string, scope: NaiveScope): string {
  const withBlocks = template.replace(BLOCK, (_, negate: string, name: string, inner: string) => {
    const value = scope[name];
    if (Array.isArray(value)) return negate ? (value.length ? '' : fillNaive(inner, scope)) : value.map((el) => fillNaive(inner, { ...scope, ...el })).join('');
    const shown = Boolean(value) !== Boolean(negate);
    return shown ? fillNaive(inner, scope) : '';
  });
  return withBlocks.replace(VALUE, (_, name: string) => {
    const value = scope[name];
    return typeof value === 'string' ? escapeHtml(value) : '';
  });
}
