import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('admin people API: list, get, create, update, delete', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('people-api');
  });
  afterAll(() => t.close());

  const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/admin/people', headers: t.admin, payload });

  it('creates a person with every field, shows and lists them', async () => {
    const res = await create({
      name: 'Ana Pérez',
      role: 'PhD Student',
      photoUrl: 'https://lab.example.edu/ana.jpg',
      bio: 'Works on housing.',
      startDate: '2025-09-01',
      links: [{ label: 'Website', url: 'https://ana.example.edu/' }],
    });
    expect(res.statusCode).toBe(201);
    const ana = res.json();
    expect(ana).toMatchObject({
      name: 'Ana Pérez',
      role: 'PhD Student',
      photoUrl: 'https://lab.example.edu/ana.jpg',
      bio: 'Works on housing.',
      startDate: '2025-09-01',
      links: [{ label: 'Website', url: 'https://ana.example.edu/' }],
      alumni: false,
      source: 'admin',
      sourceKey: null,
    });
    const shown = await t.app.inject({ url: `/api/admin/people/${ana.id}`, headers: t.admin });
    expect(shown.json()).toEqual(ana);
    await create({ name: 'Bo Li', alumni: true });
    const list = (await t.app.inject({ url: '/api/admin/people?limit=10', headers: t.admin })).json();
    expect(list.people.map((p: { name: string }) => p.name)).toEqual(['Ana Pérez', 'Bo Li']);
    const alumni = (await t.app.inject({ url: '/api/admin/people?alumni=true', headers: t.admin })).json();
    expect(alumni).toMatchObject({ total: 1, people: [{ name: 'Bo Li', role: null, bio: '', links: [], startDate: null }] });
    const found = (await t.app.inject({ url: '/api/admin/people?q=phd', headers: t.admin })).json();
    expect(found.people.map((p: { name: string }) => p.name)).toEqual(['Ana Pérez']);
  });

  it('updates only the fields sent, clears with null, and deletes', async () => {
    const { id } = (await create({ name: 'Carla Ruiz', role: 'Postdoc', startDate: '2024-01-15' })).json();
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/admin/people/${id}`, headers: t.admin, payload: { alumni: true, role: null } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Carla Ruiz', role: null, alumni: true, startDate: '2024-01-15' });
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/admin/people/${id}`, headers: t.admin });
    expect(gone.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/admin/people/${id}`, headers: t.admin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/people/${id}`, headers: t.admin })).statusCode).toBe(404);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'X', photoUrl: 'javascript:alert(1)' }, 'photoUrl'],
    [{ name: 'X', startDate: '2025-02-30' }, 'startDate'],
    [{ name: 'X', links: [{ label: 'a', url: 'ftp://x' }] }, 'links'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'X', bio: 'b'.repeat(2001) }, 'bio'],
  ])('refuses %j with a 400 naming %s, and stores nothing', async (payload, field) => {
    const before = (await t.app.inject({ url: '/api/admin/people', headers: t.admin })).json().total;
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain(field);
    expect((await t.app.inject({ url: '/api/admin/people', headers: t.admin })).json().total).toBe(before);
  });

  it('refuses an empty edit, and asks for the bearer token', async () => {
    const { id } = (await create({ name: 'Dan' })).json();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/admin/people/${id}`, headers: t.admin, payload: {} })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/admin/people' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/people', payload: { name: 'Eve' } })).statusCode).toBe(401);
  });
});
