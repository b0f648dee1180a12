import { describe, expect, it } from 'vitest';
import { bibAuthors, importBibtex } from '../../src/import/bibtex-import.js';
import { parseBibtex } from '../../src/import/bibtex-parser.js';
import { detectLanguage } from '../../src/import/detect-language.js';
import { importFeed } from '../../src/import/feed-import.js';
import { ParseError } from '../../src/import/import-errors.js';
import { decodeLatex } from '../../src/import/latex-decode.js';
import { importMarkdown } from '../../src/import/markdown-import.js';
import { htmlToText, summaryFromBody } from '../../src/import/text-cleanup.js';
import { normalizeDoi, normalizeTitle, slugify } from '../../src/items/normalize.js';

describe('LaTeX and BibTeX', () => {
  it('decodes accents, protected capitals, escapes and dashes', () => {
    expect(decodeLatex("Vald{\\'e}s")).toBe('Valdés');
    expect(decodeLatex('Espa{\\~n}a')).toBe('España');
    expect(decodeLatex("Mart{\\'\\i}nez")).toBe('Martínez');
    expect(decodeLatex('{Santiago}')).toBe('Santiago');
    expect(decodeLatex('R \\& D, pages 112--125, 1990---2000, 50\\%')).toBe('R & D, pages 112–125, 1990—2000, 50%');
    expect(decodeLatex('\\"{u}ber \\c{c}a {\\ss} \\emph{Big} \\textit{Data}')).toBe('über ça ß Big Data');
  });

  it('turns "Last, First and ..." into display names in order', () => {
    expect(bibAuthors("Vald{\\'e}s, Camila and Mart{\\'\\i}nez, Rodrigo and Ana P{\\'e}rez and {Barnes and Noble} and others")).toEqual([
      'Camila Valdés',
      'Rodrigo Martínez',
      'Ana Pérez',
      'Barnes and Noble',
    ]);
    expect(bibAuthors('King, Jr, Martin Luther')).toEqual(['Martin Luther King Jr']);
  });

  it('reads @string macros, # concatenation, quotes, comments and parentheses', () => {
    const text = `% a comment line with no entry
@string{jue = "Journal of " # {Urban Economics}}
@comment{ignored {nested} text}
@article(key1,
  title = "A {"}quoted{"} title with {Braces}",
  journal = jue,
  year = 2024, month = mar, day = {5},
  doi = {https://doi.org/10.1000/ABC.1},
  url = {https://example.org/paper},
)`;
    const [entry] = parseBibtex(text);
    expect(entry).toMatchObject({ type: 'article', key: 'key1', line: 4 });
    const { records } = importBibtex(text);
    expect(records[0]).toMatchObject({
      title: 'A "quoted" title with Braces',
      venue: 'Journal of Urban Economics',
      date: '2024-03-05',
      datePrecision: 'day',
      doi: '10.1000/abc.1',
      url: 'https://example.org/paper',
    });
  });

  it('reports unbalanced braces with the line of the entry', () => {
    const text = '@article{ok, title={Fine}, year=2020}\n\n@article{broken,\n  title = {Never {closed},\n  year = 2021\n}\n';
    expect(() => parseBibtex(text)).toThrowError(ParseError);
    try {
      parseBibtex(text);
    } catch (err) {
      expect((err as ParseError).line).toBe(3);
      expect((err as ParseError).message).toMatch(/unbalanced braces/);
    }
  });

  it('skips entries without a title or year, and duplicate keys, saying why', () => {
    const { records, skipped } = importBibtex('@misc{a, year=2020}\n@misc{b, title={B}}\n@misc{c, title={C}, year=2020}\n@misc{c, title={C2}, year=2021}');
    expect(records.map((r) => r.title)).toEqual(['C']);
    expect(skipped.map((s) => s.reason)).toEqual(['entry "a" (line 1) has no title', 'entry "b" (line 2) has no year', 'duplicate citation key (line 4)']);
  });
});

describe('Markdown content', () => {
  it('strips shortcodes, Liquid tags, HTML and Markdown, and keeps the text before <!--more-->', () => {
    const body = `
{{< figure src="x.png" caption="A figure" >}}

We **measure** [skills](https://example.org) in {{% mark %}}job ads{{% /mark %}} {% include note.html %} <em>online</em> &amp; offline.

<!--more-->

Hidden part.`;
    expect(summaryFromBody(body)).toBe('We measure skills in job ads online & offline.');
  });

  it('uses the first paragraph of prose when there is no summary and no <!--more-->', () => {
    expect(summaryFromBody('# Heading\n\n![img](a.png)\n\nFirst *paragraph*\ncontinues.\n\nSecond.')).toBe('First paragraph continues.');
  });

  it('takes kind and key from the section folder, language from front matter, and skips drafts', () => {
    const md = `---
title: "Proyecto *nuevo*"
date: 2026-10-03T10:00:00+02:00
lang: es
tags: [Educación, "Open Data"]
authors: [Ana Pérez, admin]
external_link: https://example.org/p
---
Text.`;
    const { records } = importMarkdown(md, 'site/content/projects/nuevo/index.md');
    expect(records[0]).toMatchObject({
      source: 'markdown',
      sourceKey: 'projects/nuevo',
      kind: 'project',
      title: 'Proyecto nuevo',
      date: '2026-10-03',
      language: 'es',
      topics: ['educacion', 'open-data'],
      authors: ['Ana Pérez'],
      url: 'https://example.org/p',
      summary: 'Text.',
    });
    const jekyll = importMarkdown('---\ntitle: Hello\n---\nBody', '_posts/2026-01-05-hello.md');
    expect(jekyll.records[0]).toMatchObject({ kind: 'news', date: '2026-01-05', sourceKey: 'posts/2026-01-05-hello' });
    expect(importMarkdown('---\ntitle: X\ndate: 2026-01-01\ndraft: true\n---\n', 'post/x.md').skipped).toEqual([{ reason: 'draft' }]);
    expect(importMarkdown('# just text', 'README.md').skipped).toEqual([{ reason: 'no front matter' }]);
  });

  it('reports invalid YAML with the line in the file', () => {
    const md = '---\ntitle: ok\ntags: [unclosed\ndate: 2026-01-01\n---\nbody';
    try {
      importMarkdown(md, 'post/bad.md');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).message).toMatch(/^invalid YAML front matter/);
      expect((err as ParseError).line).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('feeds', () => {
  it('reads Atom entries with HTML content as plain text', () => {
    const atom = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lab</title>
  <entry>
    <title type="html">New &lt;b&gt;project&lt;/b&gt;</title>
    <link rel="alternate" href="https://example.org/projects/new/"/>
    <id>tag:example.org,2026:new</id>
    <published>2026-10-09T23:30:00-05:00</published>
    <category term="Open Data"/>
    <author><name>Ana</name></author>
    <summary type="html">&lt;p&gt;A &lt;em&gt;new&lt;/em&gt; project &amp;amp; more.&lt;/p&gt;</summary>
  </entry>
</feed>`;
    const { records } = importFeed(atom);
    expect(records[0]).toMatchObject({
      source: 'feed',
      sourceKey: 'tag:example.org,2026:new',
      kind: 'project',
      title: 'New project',
      url: 'https://example.org/projects/new/',
      date: '2026-10-09',
      topics: ['open-data'],
      authors: ['Ana'],
      summary: 'A new project & more.',
    });
  });

  it('refuses text that is not XML (with the line), XML that is not a feed, and entity declarations', () => {
    expect(() => importFeed('this is not xml <at all')).toThrowError(/not valid XML/);
    expect(() => importFeed('<html><body/></html>')).toThrowError(/not an RSS 2.0 or Atom feed/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>';
    expect(() => importFeed(bomb)).toThrowError(/entity declarations/);
  });
});

describe('normalisation and language', () => {
  it('normalises DOIs, titles and slugs', () => {
    expect(normalizeDoi('https://doi.org/10.1016/J.JUE.2026.101234')).toBe('10.1016/j.jue.2026.101234');
    expect(normalizeDoi('doi:10.1000/x')).toBe('10.1000/x');
    expect(normalizeDoi('not a doi')).toBeNull();
    expect(normalizeTitle('Public Transport — and Segregación: {Santiago}!')).toBe('public transport and segregacion santiago');
    expect(slugify('Ciencias Sociales Computacionales')).toBe('ciencias-sociales-computacionales');
  });

  it('tells English from Spanish', () => {
    expect(detectLanguage('La brecha digital en la educación secundaria chilena')).toBe('es');
    expect(detectLanguage('Encuestas Abiertas\nUna plataforma para publicar microdatos de encuestas sociales con documentación reproducible.')).toBe('es');
    expect(detectLanguage('School Choice Simulator\nAn agent-based simulator of centralized school admission systems for policy makers.')).toBe('en');
  });

  it('turns HTML into plain text without markup', () => {
    expect(htmlToText('<p>One &amp; <script>alert(1)</script><b>two</b></p><p>Three</p>')).toBe('One & two\n\nThree');
  });
});
