import { decode } from 'html-entities';
import { marked } from 'marked';

const BLOCK_TAGS = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|figcaption|hr)\b[^>]*>/gi;

/** Removes Hugo shortcodes ({{< >}}, {{% %}}) and Liquid/Go template tags, keeping text between paired ones. */
export function stripTemplateTags(text: string): string {
  return text
    .replace(/\{\{<[\s\S]*?>\}\}/g, ' ')
    .replace(/\{\{%[\s\S]*?%\}\}/g, ' ')
    .replace(/\{%[\s\S]*?%\}/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ');
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
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|iframe|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/[<>]/g, ' ');
  // Decoding after stripping tags means an encoded "&lt;b&gt;" comes out as text, not as markup.
  return tidy(decode(withoutCode));
}

/** Markdown (with inline HTML and template tags) to plain text. */
export function markdownToText(markdown: string): string {
  const html = marked.parse(stripTemplateTags(markdown), { async: false, gfm: true });
  return htmlToText(html);
}

/** Inline Markdown such as a venue "*Scientific Data*" to plain text on one line. */
export function inlineMarkdownToText(markdown: string): string {
  return markdownToText(markdown).replace(/\s+/g, ' ').trim();
}

/** The summary of a Markdown body: the text before <!--more-->, else the first paragraph of prose. */
export function summaryFromBody(body: string): string {
  const cleaned = stripTemplateTags(body.replace(/\r\n?/g, '\n'));
  const more = /<!--\s*more\s*-->/i.exec(cleaned);
  if (more) return markdownToText(cleaned.slice(0, more.index));
  for (const block of cleaned.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed || /^(#|!\[|<!--|---|```|\||>?\s*$)/.test(trimmed)) continue;
    const text = markdownToText(trimmed);
    if (text) return text;
  }
  return '';
}
