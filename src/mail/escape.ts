import { escapeHtml } from '../text/escape-html.js';

// C0 controls and DEL other than tab/newline, plus the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g;

/** Untrusted text made into one clean line: control characters dropped, whitespace runs made one space. */
export function oneLine(value: string): string {
  return value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** Escapes a value for HTML content and double-quoted attributes. */
export function escapeForHtml(value: string): string {
  return escapeHtml(oneLine(value));
}

/** Makes a value safe for the plain-text part (no line breaks an attacker could use to fake content). */
export function escapeForText(value: string): string {
  return oneLine(value);
}

/** The URL if it is an absolute http(s) URL, otherwise null: anything else never becomes a link. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Collapses the blank lines left behind by empty blocks in the text part. */
export function tidyText(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
}
