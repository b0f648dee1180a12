import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { type Db, openDatabase } from '../../src/db/client.js';
import { digestProfiles } from '../../src/db/schema.js';
import { loadCandidates } from '../../src/digests/candidate-items.js';
import { buildComposeJobs } from '../../src/digests/compose-jobs.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import { cachedSummaries, storeSummaries } from '../../src/digests/summary-store.js';
import { seedItem, seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { testConfig } from '../helpers/test-config.js';

/** The model's per-item summaries: kept from a composed profile, found again for the next compose job. */
describe('the summary store', () => {
  let db: Db;
  let config: Config;
  beforeAll(() => {
    config = testConfig('summary-store');
    db = openDatabase(':memory:');
    seedTopics(db, { education: { en: 'Education', es: 'Educación' } });
  });
  afterAll(() => db.$client.close());

  /** Plans a digest for one new item and one new reader in `language`; returns what storing needs. */
  function planned(n: number, language: 'en' | 'es') {
    const itemId = seedItem(db, { title: `Study ${n}`, date: '2026-10-05', topics: ['education'] });
    seedSubscriber(db, { email: `reader${n}@example.org`, language, topics: ['education'] });
    const { digest } = planDigest(db, config, {
      period: `2031-${String(n).padStart(2, '0')}`,
      windowStart: new Date('2026-10-01'),
      windowEnd: new Date('2026-11-01'),
    });
    // Earlier readers get this digest too, in profiles of their own: take the new reader's language.
    const profile = db
      .select()
      .from(digestProfiles)
      .where(and(eq(digestProfiles.digestId, digest.id), eq(digestProfiles.language, language)))
      .get()!;
    return { digest, profile, itemId };
  }

  it('keeps a reported summary under the item, the profile’s language and the digest’s model, and finds it again', () => {
    const { digest, profile, itemId } = planned(1, 'es');
    storeSummaries(db, digest.id, profile.key, { [itemId]: 'Un estudio.', 'not-an-id': 'ignored' });
    const candidates = loadCandidates(db, [itemId]);
    expect(cachedSummaries(db, candidates, 'es', digest.model!)).toEqual({ [itemId]: 'Un estudio.' });
    expect(cachedSummaries(db, candidates, 'en', digest.model!)).toEqual({});
    expect(cachedSummaries(db, candidates, 'es', 'another-model')).toEqual({});
  });

  it('keeps the first text when the same summary is reported again', () => {
    const { digest, profile, itemId } = planned(2, 'en');
    storeSummaries(db, digest.id, profile.key, { [itemId]: 'First.' });
    storeSummaries(db, digest.id, profile.key, { [itemId]: 'Second.' });
    expect(cachedSummaries(db, loadCandidates(db, [itemId]), 'en', digest.model!)).toEqual({ [itemId]: 'First.' });
  });

  it('stores nothing for a profile the digest does not have', () => {
    const { digest, itemId } = planned(3, 'en');
    storeSummaries(db, digest.id, 'no-such-profile', { [itemId]: 'Lost.' });
    expect(cachedSummaries(db, loadCandidates(db, [itemId]), 'en', digest.model!)).toEqual({});
  });

  it('gives every compose job of a digest the summaries cached in its own language', () => {
    const { digest, profile, itemId } = planned(4, 'es');
    storeSummaries(db, digest.id, profile.key, { [itemId]: 'Resumen en español.' });
    const jobs = buildComposeJobs(db, config, getDigest(db, digest.id)).filter((j) => j.candidates.some((c) => c.id === itemId));
    expect(new Set(jobs.map((j) => j.language))).toEqual(new Set(['en', 'es']));
    for (const job of jobs) expect(job.cachedSummaries[itemId]).toBe(job.language === 'es' ? 'Resumen en español.' : undefined);
    // The same as asking for one profile's candidates.
    for (const job of jobs) expect(job.cachedSummaries).toEqual(cachedSummaries(db, job.candidates, job.language, digest.model!));
  });
});
