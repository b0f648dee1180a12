// Control characters, and invisible format characters that can reorder or hide text (bidi overrides,
// zero-width marks). Tabs and newlines are whitespace and get collapsed instead.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Removes control and invisible characters and collapses whitespace: the plain form of any text we show. */
export function cleanPlainText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

const URL_PATTERNS = [
  /\b[a-z][a-z0-9+.-]*:\/\//i, // any scheme://
  /\b(?:mailto|javascript|data|vbscript|tel|file):/i,
  /\bwww\./i,
  // A bare domain such as example.org/paper; the TLD list keeps "e.g." or "Fig.2" from matching.
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|ai|es|uk|de|fr|info|dev|app|ly|me|co|us|eu|int|mil|xyz|site|online|link|click)\b(?:[/:?#]|$|\s|[.,;)])/i,
];

const MARKUP_PATTERNS = [
  /<\s*\/?\s*[a-z!?][^>]*>/i, // HTML/XML tags, comments, doctype
  /<\s*(?:script|style|iframe|img|a)\b/i, // an opening tag even without its ">"
  /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,30});/i, // HTML entities
  /\]\s*\(/, // Markdown link or image: [text](target)
  /\[[^\]]*\]\s*\[[^\]]*\]/, // Markdown reference link: [text][ref]
];

/** True when the text holds a link in any common form (scheme, www., bare domain). */
export function containsLink(text: string): boolean {
  return URL_PATTERNS.some((p) => p.test(text));
}

/** True when the text holds HTML tags, entities or Markdown links. */
export function containsMarkup(text: string): boolean {
  return MARKUP_PATTERNS.some((p) => p.test(text));
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when it cut. */
export function truncateAtWord(text: string, max: number): string {
  const clean = cleanPlainText(text);
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  // A single enormous word has no boundary to respect; cut it hard.
  const cut = lastSpace > max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
