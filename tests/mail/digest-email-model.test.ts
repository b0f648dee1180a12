import { describe, expect, it } from 'vitest';
import { digestEmailModel } from '../../src/mail/digest-email-model.js';
import { candidate, TOPICS_EN } from '../llm/candidates.js';

describe('the digest email model', () => {
  it('takes titles, links and authors from the items and only text and order from the tailoring', () => {
    const job = {
      language: 'en' as const,
      period: '2026-11',
      topics: TOPICS_EN,
      candidates: [candidate({ id: 1, topics: ['networks', 'health'] }), candidate({ id: 2, kind: 'project', external: true, doi: '10.1/x' })],
    };
    const model = digestEmailModel(job, {
      intro: 'This month',
      composedWith: 'llm',
      llmCalls: 1,
      llmError: null,
      newSummaries: {},
      // The model put item 2 first and named an item it was never given.
      items: [
        { id: 2, summary: 'Two, summarised', line: 'Why two' },
        { id: 99, summary: 'Made up', line: 'Made up' },
        { id: 1, summary: 'One, summarised', line: 'Why one' },
      ],
    });
    expect(model).toEqual({
      language: 'en',
      period: '2026-11',
      intro: 'This month',
      composedWith: 'llm',
      items: [
        {
          id: 2,
          kind: 'project',
          title: 'Item number 2',
          url: 'https://lab.example.org/items/2',
          authors: ['Ada Lovelace'],
          venue: null,
          doi: '10.1/x',
          summary: 'Two, summarised',
          line: 'Why two',
          matchedTopics: ['Social networks'],
          external: true,
        },
        {
          id: 1,
          kind: 'publication',
          title: 'Item number 1',
          url: 'https://lab.example.org/items/1',
          authors: ['Ada Lovelace'],
          venue: null,
          doi: null,
          summary: 'One, summarised',
          line: 'Why one',
          matchedTopics: ['Social networks'],
          external: false,
        },
      ],
    });
  });
});
