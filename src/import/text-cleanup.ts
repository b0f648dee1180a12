import { decode } from 'html-entities';
import { marked } from 'marked';
import { ParseError } from './import-errors.js';

// Every pass here is linear in the text: a lazy `[\s\S]*?` after an opener that is never closed rescans the
// rest of the text from each opener, and 150 KB of unclosed "{{" or "<" took seconds (minutes at 10 MiB).
// Tags are `<` up to the next `>` with no `<` inside, so the scans from two openers never overlap.
const BLOCK_TAGS = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|figcaption|hr)\b[^<>]*>/gi;
const ANY_TAG = /<[^<>]*>/g;
const RAW_TEXT_OPENER = /<(script|style|iframe|noscript)\b/gi;

/**
 * Replaces each `open … close` (the first close after the open, as a lazy regex would) by `replacement`.
 * Once a close is not found after an open, none is after any later open either: stop there, so each character
 * is looked at a bounded number of times.
 */
export function replacePaired(text: string, open: string, close: string, replacement: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) break;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) break;
    out += text.slice(from, start) + replacement;
    from = end + close.length;
  }
  return out + text.slice(from);
}

/** Drops <script>…</script> and its kin with their content; an element never closed stays for the tag pass. */
function dropRawTextElements(html: string): string {
  let out = '';
  let from = 0;
  const unclosed = new Set<string>();
  RAW_TEXT_OPENER.lastIndex = 0;
  for (let m = RAW_TEXT_OPENER.exec(html); m; m = RAW_TEXT_OPENER.exec(html)) {
    const name = m[1]!.toLowerCase();
    if (m.index < from || unclosed.has(name)) continue;
    const closer = new RegExp(`</${name}\\s*>`, 'gi');
    closer.lastIndex = m.index + m[0].length;
    const end = closer.exec(html);
    if (!end) {
      // No closer after this opener means none after any later opener of the same name.
      unclosed.add(name);
      continue;
    }
    out += `${html.slice(from, m.index)} `;
    from = end.index + end[0].length;
    RAW_TEXT_OPENER.lastIndex = from;
  }
  return out + html.slice(from);
}

/**
 * kramdown's attribute lists and extensions ({: .class}, {:toc}, {::nomarkdown}, {:/}): markup, never words.
 * One line at most and no nested brace, so each character is looked at a bounded number of times.
 */
const KRAMDOWN_ATTRIBUTES = /\{:{1,2}[^{}\n]{0,200}\}/g;

/** Removes Hugo shortcodes ({{< >}}, {{% %}}), Liquid/Go template tags and kramdown attributes, keeping text between paired ones. */
export function stripTemplateTags(text: string): string {
  let out = replacePaired(text, '{{<', '>}}', ' ');
  out = replacePaired(out, '{{%', '%}}', ' ');
  out = replacePaired(out, '{%', '%}', ' ');
  return replacePaired(out, '{{', '}}', ' ').replace(KRAMDOWN_ATTRIBUTES, ' ');
}

/** Collapses spaces inside paragraphs and keeps paragraphs apart by one blank line. */
function tidy(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** HTML to plain text: scripts, styles and comments dropped, tags removed, entities decoded. */
export function htmlToText(html: string): string {
  const withoutCode = dropRawTextElements(replacePaired(html, '<!--', '-->', ' '))
    .replace(BLOCK_TAGS, '\n\n')
    .replace(ANY_TAG, '')
    .replace(/[<>]/g, ' ');
  // Decoding after stripping tags means an encoded "&lt;b&gt;" comes out as text, not as markup.
  return tidy(decode(withoutCode));
}

/**
 * How many characters of container markers (blockquote ">", list bullets and numbers, indentation) a line
 * may start with before Markdown sees it. Each nesting level costs marked a recursion (ten thousand "> "
 * overflowed its stack) and more work per line (a thousand nested list items took 13 s); 32 characters
 * allow about sixteen levels, more than any real page, and only change whitespace and markers, not words.
 */
export const MAX_CONTAINER_PREFIX = 32;
const CONTAINER_PREFIX = /^[ \t>*+\-0-9.)]+/gm;

/** Shortens the container-marker prefix of every line to its last MAX_CONTAINER_PREFIX characters. */
export function boundNesting(markdown: string): string {
  return markdown.replace(CONTAINER_PREFIX, (prefix) => (prefix.length > MAX_CONTAINER_PREFIX ? prefix.slice(-MAX_CONTAINER_PREFIX) : prefix));
}

/**
 * How much Markdown one call hands to marked. Its emphasis and list rules are superlinear (150 KB of "*a" took
 * 15 s), and what is read here becomes a summary of at most 5,000 characters, so the rest would be thrown away.
 */
export const MAX_MARKDOWN_CHARS = 12_000;

/** The first MAX_MARKDOWN_CHARS characters of Markdown, cut at the last line break or space before the limit. */
export function clipMarkdown(markdown: string): string {
  if (markdown.length <= MAX_MARKDOWN_CHARS) return markdown;
  const head = markdown.slice(0, MAX_MARKDOWN_CHARS);
  const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  return cut > MAX_MARKDOWN_CHARS / 2 ? head.slice(0, cut) : head;
}

/** Markdown (with inline HTML and template tags) to plain text. Throws ParseError if marked still gives up. */
export function markdownToText(markdown: string): string {
  let html: string;
  try {
    html = marked.parse(clipMarkdown(boundNesting(stripTemplateTags(markdown))), { async: false, gfm: true });
  } catch (error) {
    if (error instanceof RangeError) throw new ParseError('the Markdown is nested too deeply to read');
    throw error;
  }
  return htmlToText(html);
}

/** Inline Markdown such as a venue "*Scientific Data*" to plain text on one line. */
export function inlineMarkdownToText(markdown: string): string {
  return markdownToText(markdown).replace(/\s+/g, ' ').trim();
}

/** How far into a body summaryFromBody looks for a paragraph of prose. */
const SUMMARY_SEARCH_CHARS = 4 * MAX_MARKDOWN_CHARS;

/** The summary of a Markdown body: the text before <!--more-->, else the first paragraph of prose. */
export function summaryFromBody(body: string): string {
  const cleaned = stripTemplateTags(body.replace(/\r\n?/g, '\n'));
  const more = /<!--\s*more\s*-->/i.exec(cleaned);
  if (more) return markdownToText(cleaned.slice(0, more.index));
  // Blocks that read as nothing (markup only) are skipped; the search stops after a few summaries' worth of text.
  let read = 0;
  for (const block of cleaned.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed || /^(#|!\[|<!--|---|```|\||>?\s*$)/.test(trimmed)) continue;
    read += trimmed.length;
    if (read > SUMMARY_SEARCH_CHARS) break;
    const text = markdownToText(trimmed);
    if (text) return text;
  }
  return '';
}
