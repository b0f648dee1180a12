import { beforeAll, describe, expect, it } from 'vitest';
import { fillDigest, renderDigestProfile } from '../../src/mail/digest-email.js';
import { createTemplateCache, type TemplateCache } from '../../src/mail/template-cache.js';
import { hrefs, item, model, visibleText } from './fixtures.js';

const brand = { ORG_NAME: 'Social Data Lab', ORG_POSTAL_ADDRESS: '1 University Avenue, Madrid', CONTACT_EMAIL: 'lab@example.org' };
const reader = { name: 'Ana', preferencesUrl: 'https://lab.example.org/preferences/tok-a', unsubscribeUrl: 'https://lab.example.org/unsubscribe/tok-a' };

describe('digest email', () => {
  let cache: TemplateCache;
  beforeAll(async () => {
    cache = await createTemplateCache(brand);
  });

  it('groups items by kind: publications, then projects, then news, each under its heading', () => {
    const email = fillDigest(renderDigestProfile(cache, model()), reader);
    const text = visibleText(email.html);
    const order = ['Publications', 'Item 3', 'Projects', 'Item 2', 'News', 'Item 1'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const plain = email.text;
    const plainOrder = ['## Publications', '* Item 3', '## Projects', '* Item 2', '## News', '* Item 1'].map((s) => plain.indexOf(s));
    expect(plainOrder.every((i) => i >= 0)).toBe(true);
    expect([...plainOrder].sort((a, b) => a - b)).toEqual(plainOrder);
  });

  it('leaves out the heading of a kind with no items', () => {
    const email = fillDigest(renderDigestProfile(cache, model({ items: [item(7, { kind: 'news' })] })), reader);
    expect(visibleText(email.html)).toContain('News');
    expect(visibleText(email.html)).not.toContain('Publications');
    expect(email.text).not.toContain('## Projects');
    expect(email.subject).toBe('November 2026 at Social Data Lab: 1 news');
  });

  it('shows title, link, authors, venue, DOI, the tailored line, the summary, matched topics and the external note', () => {
    const it1 = item(9, {
      title: 'Polarisation on social media',
      authors: ['Ana García', 'Ben Lee'],
      venue: 'Journal of Computational Social Science',
      doi: '10.1000/jcss.42',
      line: 'You follow elections: this one is for you.',
      summary: 'We measure polarisation across 12 countries.',
      matchedTopics: ['Elections', 'Networks'],
      external: true,
    });
    const email = fillDigest(renderDigestProfile(cache, model({ items: [it1] })), reader);
    const text = visibleText(email.html);
    for (const expected of [
      'Polarisation on social media',
      'By Ana García, Ben Lee',
      'In Journal of Computational Social Science',
      'DOI 10.1000/jcss.42',
      'You follow elections: this one is for you.',
      'We measure polarisation across 12 countries.',
      'Your topics: Elections, Networks',
      'Work of external collaborators',
    ]) {
      expect(text).toContain(expected);
      expect(email.text).toContain(expected.replace('DOI 10', 'DOI 10'));
    }
    expect(hrefs(email.html)).toContain('https://lab.example.org/items/9');
    expect(hrefs(email.html)).toContain('https://doi.org/10.1000/jcss.42');
    expect(email.text).toContain('https://lab.example.org/items/9');
  });

  it('escapes hostile text everywhere and never links a javascript: URL', () => {
    const hostile = item(4, {
      title: '<script>alert("t")</script>',
      url: 'javascript:alert(1)',
      authors: ['"><img src=x onerror=alert(2)>'],
      venue: '<b>venue</b>',
      doi: '10.1/"><svg onload=alert(3)>',
      summary: '<iframe src="https://evil.example"></iframe>',
      line: '"><img onerror=alert(4) src=y>',
      matchedTopics: ['<u>topic</u>'],
    });
    const other = item(5, { kind: 'news', url: ' JavaScript:alert(5)', title: '{{greeting}} {{unsubscribeUrl}}' });
    const quoted = item(6, { kind: 'project', url: 'https://lab.example.org/x"onmouseover="alert(7)' });
    const profile = renderDigestProfile(cache, model({ intro: '<a href="https://evil.example">click</a>', items: [hostile, other, quoted] }));
    const email = fillDigest(profile, { ...reader, name: '<img src=x onerror=alert(6)>' });
    expect(email.html).not.toMatch(/<(script|img|iframe|svg)\b|<b>venue|<u>topic|<a href="https:\/\/evil/i);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;img onerror=alert(4) src=y&gt;');
    expect(email.html).toContain('Hi &lt;img src=x onerror=alert(6)&gt;,');
    expect(hrefs(email.html).filter((h) => /javascript:|evil\.example/i.test(h))).toEqual([]);
    expect(hrefs(email.html).every((h) => /^(https:\/\/|mailto:)/.test(h))).toBe(true);
    // Item text that looks like a reader placeholder stays text: it is never filled.
    expect(visibleText(email.html)).toContain('{{greeting}} {{unsubscribeUrl}}');
    expect(email.text).toContain('* {{greeting}} {{unsubscribeUrl}}');
    expect(email.text).not.toContain('javascript:');
    expect(email.html).not.toMatch(/"\s*onmouseover=/);
    expect(hrefs(email.html)).toContain('https://lab.example.org/x%22onmouseover=%22alert(7)');
  });

  it('fills each reader of a profile with their own name and links', () => {
    const profile = renderDigestProfile(cache, model());
    const ana = fillDigest(profile, reader);
    const bob = fillDigest(profile, {
      name: 'Bob',
      preferencesUrl: 'https://lab.example.org/preferences/tok-b',
      unsubscribeUrl: 'https://lab.example.org/unsubscribe/tok-b?x=1&y=2',
    });
    const nameless = fillDigest(profile, { ...reader, name: null });
    expect(visibleText(ana.html)).toContain('Hi Ana,');
    expect(ana.text).toContain('Hi Ana,');
    expect(visibleText(bob.html)).toContain('Hi Bob,');
    expect(visibleText(nameless.html)).toContain('Hello,');
    expect(nameless.text).toContain('Hello,');
    expect(hrefs(ana.html)).toEqual(expect.arrayContaining([reader.preferencesUrl, reader.unsubscribeUrl]));
    expect(hrefs(bob.html)).toContain('https://lab.example.org/unsubscribe/tok-b?x=1&y=2');
    expect(bob.html).toContain('href="https://lab.example.org/unsubscribe/tok-b?x=1&amp;y=2"');
    expect(bob.html).not.toContain('tok-a');
    expect(bob.text).toContain('https://lab.example.org/unsubscribe/tok-b?x=1&y=2');
    expect(ana.subject).toBe(bob.subject);
  });

  it('refuses reader links that are not http(s)', () => {
    const profile = renderDigestProfile(cache, model());
    expect(() => fillDigest(profile, { ...reader, unsubscribeUrl: 'javascript:alert(1)' })).toThrow(/unsubscribeUrl/);
  });

  it('writes English and Spanish subjects, greetings, headings and footers', () => {
    const items = [
      item(1, { kind: 'publication' }),
      item(2, { kind: 'publication' }),
      item(3, { kind: 'project' }),
      item(4, { kind: 'project' }),
      item(5, { kind: 'project' }),
      item(6, { kind: 'news' }),
    ];
    const en = fillDigest(renderDigestProfile(cache, model({ items })), reader);
    const es = fillDigest(renderDigestProfile(cache, model({ items, language: 'es' })), reader);
    expect(en.subject).toBe('November 2026 at Social Data Lab: 2 publications, 3 projects, 1 news');
    expect(es.subject).toBe('Noviembre de 2026 en Social Data Lab: 2 publicaciones, 3 proyectos, 1 noticia');
    expect(visibleText(es.html)).toContain('Hola, Ana:');
    expect(es.text).toContain('Hola, Ana:');
    expect(visibleText(fillDigest(renderDigestProfile(cache, model({ language: 'es' })), { ...reader, name: null }).html)).toContain('Hola:');
    for (const heading of ['Publicaciones', 'Proyectos', 'Noticias', 'Darse de baja']) expect(visibleText(es.html)).toContain(heading);
    expect(es.html).toContain('lang="es"');
    expect(en.html).toContain('lang="en"');
    const esFooter = visibleText(es.html);
    expect(esFooter).toContain('modelo de lenguaje');
    expect(esFooter).toContain('1 University Avenue, Madrid');
    expect(hrefs(es.html)).toContain('mailto:lab@example.org');
  });

  it('says in the footer whether the model wrote it, and how to report an error', () => {
    const llm = fillDigest(renderDigestProfile(cache, model({ composedWith: 'llm' })), reader);
    const fallback = fillDigest(renderDigestProfile(cache, model({ composedWith: 'fallback' })), reader);
    expect(visibleText(llm.html)).toContain('written with a language model that runs on computers of Social Data Lab');
    expect(visibleText(llm.html)).not.toContain('without the language model');
    expect(visibleText(fallback.html)).toContain('assembled automatically from our records, without the language model');
    expect(visibleText(fallback.html)).not.toContain('written with a language model');
    expect(fallback.text).toContain('without the language model');
    for (const email of [llm, fallback]) {
      expect(visibleText(email.html)).toContain('Spotted an error? Please tell us at lab@example.org');
      expect(email.text).toContain('Spotted an error? Please tell us at lab@example.org');
      expect(email.text).toContain('Social Data Lab · 1 University Avenue, Madrid');
    }
  });
});
