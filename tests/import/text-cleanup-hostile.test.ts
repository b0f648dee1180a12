import { describe, expect, it } from 'vitest';
import {
  boundNesting,
  clipMarkdown,
  htmlToText,
  MAX_CONTAINER_PREFIX,
  MAX_MARKDOWN_CHARS,
  markdownToText,
  replacePaired,
  stripTemplateTags,
  summaryFromBody,
} from '../../src/import/text-cleanup.js';

// Audit finding 2. Before the fix 150 KB of unclosed "{{" or "<" took seconds (lazy regexes rescanning to the
// end from every opener) and nested Markdown overflowed marked. Each test here uses 2 MB, where a quadratic
// pass would run for an hour: finishing inside the test timeout is the guard, the assertions are on the output.
const TWO_MB = 2 * 1024 * 1024;

describe('paired markers', () => {
  it('replaces pairs as a lazy regex would and stops at the first opener never closed', () => {
    expect(replacePaired('a{{x}}b{{y}}c{{z', '{{', '}}', ' ')).toBe('a b c{{z');
    expect(replacePaired('{{<>}}', '{{<', '>}}', '_')).toBe('_');
    expect(stripTemplateTags('A {{< figure src="x" >}} B {% raw %} C {{ .Title }} D')).toBe('A   B   C   D');
  });

  it('leaves 2 MB of unclosed "{{" as it is', () => {
    const text = '{{'.repeat(TWO_MB / 2);
    expect(stripTemplateTags(text)).toBe(text);
    expect(summaryFromBody(text).length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
  });
});

describe('HTML of a feed description', () => {
  it('reads 2 MB of unclosed "<" as text', () => {
    expect(htmlToText('<'.repeat(TWO_MB))).toBe('');
    expect(htmlToText(`a${'<b'.repeat(TWO_MB / 2)}`)).toBe(`a${' b'.repeat(TWO_MB / 2)}`.trim().replace(/\s+/g, ' '));
  });

  it('reads 2 MB of unclosed comments, scripts and block tags', () => {
    expect(htmlToText(`x${'<!--'.repeat(TWO_MB / 4)}`)).toBe(`x${' !--'.repeat(TWO_MB / 4)}`);
    expect(htmlToText(`<script>a</script>ok${'<script>'.repeat(TWO_MB / 8)}`)).toBe('ok');
    expect(htmlToText(`ok${'<p '.repeat(TWO_MB / 3)}`)).toBe(`ok${' p'.repeat(TWO_MB / 3)}`);
  });

  it('still drops comments, scripts and tags, and decodes entities after', () => {
    const html = '<p>One <b>bold</b> &lt;b&gt;</p><!-- c --><SCRIPT>x()</script ><style>p{}</style><div>Two</div>';
    expect(htmlToText(html)).toBe('One bold <b>\n\nTwo');
    expect(htmlToText('a < b and c > d')).toBe('a d');
  });
});

describe('Markdown nested too deeply for marked', () => {
  it('reads ten thousand nested blockquotes (marked overflowed its stack)', () => {
    expect(markdownToText(`${'> '.repeat(10_000)}deep`)).toBe('deep');
  });

  it('reads a thousand nested list items (marked took 13 s) as far as the limit', () => {
    const list = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- item${i}`).join('\n');
    const text = markdownToText(list);
    expect(text).toContain('item0');
    expect(text).toContain('item300');
  });

  it('keeps at most MAX_CONTAINER_PREFIX characters of markers on each line', () => {
    expect(boundNesting(`${'> '.repeat(100)}x\n- y\n    1. z`)).toBe(`${'> '.repeat(MAX_CONTAINER_PREFIX / 2)}x\n- y\n    1. z`);
    expect(boundNesting('Text with 3.5 and - dashes')).toBe('Text with 3.5 and - dashes');
  });
});

describe('how much Markdown reaches marked', () => {
  it('hands marked at most MAX_MARKDOWN_CHARS, cut at a space', () => {
    const clipped = clipMarkdown('word '.repeat(TWO_MB / 5));
    expect(clipped.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    expect(clipped.endsWith('word')).toBe(true);
  });

  it('reads 2 MB of emphasis markers (superlinear in marked) up to the limit', () => {
    const text = markdownToText('*a'.repeat(TWO_MB / 2));
    expect(text.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    expect(text.startsWith('*a*a') || text.startsWith('a')).toBe(true);
  });

  it('stops looking for the first paragraph after a few summaries of markup-only blocks', () => {
    expect(summaryFromBody(`${'<b></b>\n\n'.repeat(TWO_MB / 9)}Prose.`)).toBe('');
    expect(summaryFromBody('<b></b>\n\nProse here.')).toBe('Prose here.');
  });
});
