import type { DigestEmailItem, DigestEmailModel } from '../../src/mail/digest-email.js';

/** A digest item with plain defaults; tests override what they look at. */
export function item(id: number, overrides: Partial<DigestEmailItem> = {}): DigestEmailItem {
  return {
    id,
    kind: 'publication',
    title: `Item ${id}`,
    url: `https://lab.example.org/items/${id}`,
    authors: ['Ana García', 'Ben Lee'],
    venue: null,
    doi: null,
    summary: `Summary of item ${id}.`,
    line: `Why item ${id} matters to you.`,
    matchedTopics: ['Networks'],
    external: false,
    ...overrides,
  };
}

/** A digest model for a profile; `items` default to one of each kind. */
export function model(overrides: Partial<DigestEmailModel> = {}): DigestEmailModel {
  return {
    language: 'en',
    period: '2026-11',
    intro: 'A month of networks and elections.',
    composedWith: 'llm',
    items: [item(1, { kind: 'news' }), item(2, { kind: 'project' }), item(3, { kind: 'publication' })],
    ...overrides,
  };
}

/** Only what the reader sees in an HTML part: tags dropped, entities of the template left alone. */
export function visibleText(html: string): string {
  return html
    .replace(/<(style|title)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Every href in an HTML document, entity-decoded for &amp;. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
