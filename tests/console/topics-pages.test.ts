import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { subscriberTopics, topics } from '../../src/db/schema.js';
import { signToken } from '../../src/tokens/tokens.js';
import { listTopics } from '../../src/topics/topic-repository.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { seedConsoleTopics } from './console-seed.js';
import { subjectOf } from '../helpers/token-subject.js';

const slugs = (t: TestApp) => listTopics(t.ctx.db).map((x) => x.slug);
const idOf = (t: TestApp, slug: string) => listTopics(t.ctx.db).find((x) => x.slug === slug)!.id;
/** The topic checkboxes a public page offers. */
const offered = (html: string) => [...html.matchAll(/name="topics" value="([^"]+)"/g)].map((m) => m[1]);

describe('console topic pages', () => {
  let t: TestApp;
  beforeEach(async () => {
    await t?.close();
    t = await createTestApp('console-topics');
    seedConsoleTopics(t.ctx.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the topics with their labels per language and whether the form shows them', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.get('/admin/topics?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<td lang="es">Redes sociales</td>');
    expect(res.body).toContain('<td lang="en">Social networks</td>');
    expect(res.body).toContain('action="/admin/topics"');
    expect(res.body).toContain('name="_csrf"');
  });

  it('adds a topic last, with the default language’s label standing in for a missing one', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.post('/admin/topics', { slug: 'climate', 'label-en': 'Climate', 'label-es': '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/topics?done=created');
    expect(slugs(t).at(-1)).toBe('climate');
    expect(listTopics(t.ctx.db).at(-1)!.labels).toEqual({ en: 'Climate', es: 'Climate' });
    const page = await admin.get('/admin/topics?done=created&lang=en');
    expect(page.body).toContain('The topic was added.');
  });

  it('refuses a topic without the default label or with a bad or taken slug, showing why and saving nothing', async () => {
    const admin = await consoleSession(t, 'admin');
    const missing = await admin.post('/admin/topics?lang=en', { slug: 'Not A Slug!', 'label-en': '', 'label-es': 'Clima' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Use 1 to 64 lower-case letters, digits and single hyphens.');
    expect(missing.body).toContain('id="label-en-error"');
    expect(missing.body).toContain('value="Clima"');
    const taken = await admin.post('/admin/topics?lang=en', { slug: 'housing', 'label-en': 'Housing again' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('A topic with this short name already exists.');
    expect(slugs(t)).toEqual(['elections', 'housing', 'networks']);
  });

  it('edits the labels of a topic', async () => {
    const admin = await consoleSession(t, 'admin');
    const id = idOf(t, 'housing');
    const form = await admin.get(`/admin/topics/${id}/edit?lang=en`);
    expect(form.body).toContain('value="Vivienda"');
    const res = await admin.post(`/admin/topics/${id}`, { 'label-en': 'Housing and cities', 'label-es': 'Vivienda y ciudades' });
    expect(res.statusCode).toBe(303);
    expect(listTopics(t.ctx.db).find((x) => x.id === id)!.labels).toEqual({ en: 'Housing and cities', es: 'Vivienda y ciudades' });
    const bad = await admin.post(`/admin/topics/${id}?lang=en`, { 'label-en': '', 'label-es': 'Nada' });
    expect(bad.statusCode).toBe(400);
    expect(listTopics(t.ctx.db).find((x) => x.id === id)!.labels.en).toBe('Housing and cities');
  });

  it('changes the order of the topics, which the signup form follows', async () => {
    const admin = await consoleSession(t, 'admin');
    expect(slugs(t)).toEqual(['elections', 'housing', 'networks']);
    const res = await admin.post(`/admin/topics/${idOf(t, 'networks')}/move`, { direction: 'up' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/topics?done=moved');
    expect(slugs(t)).toEqual(['elections', 'networks', 'housing']);
    await admin.post(`/admin/topics/${idOf(t, 'elections')}/move`, { direction: 'down' });
    expect(slugs(t)).toEqual(['networks', 'elections', 'housing']);
    // The first cannot go further up.
    await admin.post(`/admin/topics/${idOf(t, 'networks')}/move`, { direction: 'up' });
    expect(slugs(t)).toEqual(['networks', 'elections', 'housing']);
    const form = await t.app.inject({ url: '/subscribe?lang=en' });
    expect(offered(form.body)).toEqual(['networks', 'elections', 'housing']);
  });

  it('hides a topic from the signup form, while a reader who chose it keeps it on their preference page', async () => {
    const admin = await consoleSession(t, 'admin');
    const reader = seedSubscriber(t.ctx.db, { email: 'reader@example.org', topics: ['housing'] });
    const other = seedSubscriber(t.ctx.db, { email: 'other@example.org', topics: ['networks'] });
    const res = await admin.post(`/admin/topics/${idOf(t, 'housing')}/visibility`, { hidden: 'yes' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/topics?done=hidden');
    const list = await admin.get('/admin/topics?lang=en&done=hidden');
    expect(list.body).toContain('<span class="badge">Hidden</span>');

    const form = await t.app.inject({ url: '/subscribe?lang=en' });
    expect(offered(form.body)).toEqual(['elections', 'networks']);
    // A signup naming the hidden topic is refused, as an unknown one is.
    const signup = await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: 'new@example.org', consent: true, topics: ['housing'] } });
    expect(signup.statusCode).toBe(400);

    const mine = await t.app.inject({ url: `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, reader))}?lang=en` });
    expect(offered(mine.body)).toEqual(['elections', 'housing', 'networks']);
    expect(mine.body).toMatch(/value="housing" checked/);
    const theirs = await t.app.inject({ url: `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, other))}?lang=en` });
    expect(offered(theirs.body)).toEqual(['elections', 'networks']);

    // The JSON API shows it hidden, and can show it again.
    const api = await t.app.inject({ url: `/api/admin/topics/${idOf(t, 'housing')}`, headers: t.admin });
    expect(api.json()).toMatchObject({ slug: 'housing', hidden: true });
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/admin/topics/${idOf(t, 'housing')}`, headers: t.admin, payload: { hidden: false } });
    expect(patch.json()).toMatchObject({ hidden: false });
    expect(offered((await t.app.inject({ url: '/subscribe?lang=en' })).body)).toEqual(['elections', 'housing', 'networks']);
  });

  it('deletes a topic only after a confirmation that says who loses it', async () => {
    const admin = await consoleSession(t, 'admin');
    const reader = seedSubscriber(t.ctx.db, { email: 'reader@example.org', topics: ['housing', 'networks'] });
    const id = idOf(t, 'housing');
    const confirm = await admin.get(`/admin/topics/${id}/delete?lang=en`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Delete the topic Housing?');
    expect(confirm.body).toContain('1 readers chose it and 0 items carry it.');
    expect(confirm.body).toContain('Readers who chose it lose it');
    const unconfirmed = await admin.post(`/admin/topics/${id}/delete`, {});
    expect(unconfirmed.statusCode).toBe(303);
    expect(slugs(t)).toContain('housing');
    const done = await admin.post(`/admin/topics/${id}/delete`, { confirm: 'yes' });
    expect(done.headers.location).toBe('/admin/topics?done=deleted');
    expect(slugs(t)).toEqual(['elections', 'networks']);
    const left = t.ctx.db.select().from(subscriberTopics).where(eq(subscriberTopics.subscriberId, reader)).all();
    expect(left.map((r) => r.topicId)).toEqual([idOf(t, 'networks')]);
  });

  it('lets an editor see the topics but not change them', async () => {
    const editor = await consoleSession(t, 'editor');
    const res = await editor.get('/admin/topics?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Only admins can change topics.');
    expect(res.body).not.toContain('action="/admin/topics"');
    const post = await editor.post('/admin/topics', { slug: 'sneaky', 'label-en': 'Sneaky' });
    expect(post.statusCode).toBe(403);
    expect(t.ctx.db.select().from(topics).where(eq(topics.slug, 'sneaky')).get()).toBeUndefined();
  });
});
