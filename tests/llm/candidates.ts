import type { CandidateItem } from '../../src/jobs/digest-jobs.js';

/** A candidate item with plausible defaults; each test states the fields it cares about. */
export function candidate(overrides: Partial<CandidateItem> & { id: number }): CandidateItem {
  return {
    kind: 'publication',
    title: `Item number ${overrides.id}`,
    summary: `The summary of item ${overrides.id}, written by the lab.`,
    url: `https://lab.example.org/items/${overrides.id}`,
    authors: ['Ada Lovelace'],
    venue: null,
    doi: null,
    date: '2026-10-15',
    language: 'en',
    external: false,
    topics: ['networks'],
    ...overrides,
  };
}

export const TOPICS_EN = [
  { slug: 'networks', label: 'Social networks' },
  { slug: 'elections', label: 'Elections' },
];
export const TOPICS_ES = [
  { slug: 'networks', label: 'Redes sociales' },
  { slug: 'elections', label: 'Elecciones' },
];
