// Control characters, and invisible format characters that can reorder or hide text (bidi overrides,
// zero-width marks). Tabs and newlines are whitespace and get collapsed instead.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Removes control and invisible characters and collapses whitespace: the plain form of any text we show. */
export function cleanPlainText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

// Hand-written: no link-finding library (linkify-it would be the one) is installed. Mail clients make links of
// far more than schemes: bare domains with any top-level domain, addresses and IPs, so all of those count.
const URL_PATTERNS = [
  /\b[a-z][a-z0-9+.-]{0,31}:\/\//i, // any scheme:// (bounded: an unbounded run rescanned long dotted text from every letter)
  /\b(?:mailto|javascript|data|vbscript|tel|file|sms|callto|magnet|xmpp):/i,
  /\bwww\d{0,3}[.\u3002\uFF0E\uFF61]/i,
  /[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]+[.\u3002\uFF0E\uFF61][\p{L}\p{N}]/u, // an e-mail address
  /(?<![\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\p{N})/u, // IPv4, alone or with a port or path
];

/** Dots that IDNA reads as dots (browsers and some mail clients too): full stop, ideographic and full-width ones. */
const DOT = '[.\u3002\uFF0E\uFF61]';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
/** Two or more dot-separated labels: a domain when one of the labels after the first can be a top-level domain. */
const DOTTED_NAME = new RegExp(`${LABEL}(?:${DOT}${LABEL})+`, 'gu');
/** IPv6: eight hex groups, or groups around "::" ("2001:db8::1", "::1"), in brackets or not. */
const IPV6 =
  /(?<![\p{L}\p{N}:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?|::[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})(?![\p{L}\p{N}:])/iu;
const COMMON_TLDS = new Set('com org net edu gov io ai es uk de fr info dev app ly me co us eu int mil xyz site online link click'.split(' '));

/**
 * Whether a label can be read as a top-level domain: punycode, or two or more letters written in one case
 * ("org", "ORG", "museum", "рф"). A capital only at the start ("Sci.Rep", "e.g.The") is prose, unless the
 * word is a common top-level domain ("Example.Com").
 */
function topLevelDomain(label: string): boolean {
  if (/^xn--[a-z0-9-]+$/i.test(label)) return true;
  if (!/^\p{L}{2,63}$/u.test(label)) return false;
  const lower = label.toLowerCase();
  return label === lower || label === label.toUpperCase() || COMMON_TLDS.has(lower);
}

/** True when the text names a domain: "example.museum", "lab.example.org/x", "evil.co", "xn--bcher-kva.example". */
function containsBareDomain(text: string): boolean {
  for (const m of text.matchAll(DOTTED_NAME)) {
    const labels = m[0].split(new RegExp(DOT, 'u'));
    // Any label after the first ends a domain ("example.com.Next" holds example.com); the first is a host name.
    if (labels.slice(1).some(topLevelDomain)) return true;
  }
  return false;
}

const MARKUP_PATTERNS = [
  /<\s*\/?\s*[a-z!?][^>]*>/i, // HTML/XML tags, comments, doctype
  /<\s*(?:script|style|iframe|img|a)\b/i, // an opening tag even without its ">"
  /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,30});/i, // HTML entities
  /\]\s*\(/, // Markdown link or image: [text](target)
  /\[[^\]]*\]\s*\[[^\]]*\]/, // Markdown reference link: [text][ref]
];

/**
 * True when the text holds a link in any form a mail client might make one of: a scheme, www., a bare domain
 * with any top-level domain, an e-mail address, an IPv4 or IPv6 address. Abbreviations and decimals ("e.g.",
 * "U.S.", "Ph.D.", "v2.0", "3.5%") are not links.
 */
export function containsLink(text: string): boolean {
  return URL_PATTERNS.some((p) => p.test(text)) || IPV6.test(text) || containsBareDomain(text);
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
