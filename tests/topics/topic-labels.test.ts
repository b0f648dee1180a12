import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../src/i18n/languages.js';
import { topicLabel, topicLabelsSchema } from '../../src/topics/topic-schema.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('topic labels, one per language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('topic-labels');
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores the labels given for every language', async () => {
    const labels = Object.fromEntries(LANGUAGES.map((l) => [l, `Elections (${l})`]));
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/topics', headers: t.admin, payload: { slug: 'elections', labels } });
    expect(res.statusCode).toBe(201);
    expect(res.json().labels).toEqual(labels);
  });

  it('gives a language without a label the default language’s label', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/topics',
      headers: t.admin,
      payload: { slug: 'networks', labels: { [DEFAULT_LANGUAGE]: 'Networks' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().labels).toEqual(Object.fromEntries(LANGUAGES.map((l) => [l, 'Networks'])));
  });

  it('refuses a topic without the default language’s label, and stores nothing', async () => {
    const other = LANGUAGES.find((l) => l !== DEFAULT_LANGUAGE)!;
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/topics', headers: t.admin, payload: { slug: 'labour', labels: { [other]: 'Trabajo' } } });
    expect(res.statusCode).toBe(400);
    const list = await t.app.inject({ url: '/api/admin/topics', headers: t.admin });
    expect(list.json().topics.map((x: { slug: string }) => x.slug)).not.toContain('labour');
  });

  it('reads a label in a language a stored topic lacks as its default label, then its slug', () => {
    expect(topicLabel({ slug: 'health', labels: { [DEFAULT_LANGUAGE]: 'Health' } }, LANGUAGES[LANGUAGES.length - 1]!)).toBe('Health');
    expect(topicLabel({ slug: 'health', labels: {} }, DEFAULT_LANGUAGE)).toBe('health');
    expect(topicLabelsSchema.safeParse({ [DEFAULT_LANGUAGE]: 'x<script>' }).success).toBe(false);
  });
});
