import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserService } from '../../src/users/user-service.js';
import { consoleSession, csrfOf, encodeForm, setCookies } from '../helpers/console-session.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Signs in with an address and password through the form; returns the answer's status. */
async function canSignIn(t: TestApp, email: string, password: string, remoteAddress: string): Promise<boolean> {
  const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in', remoteAddress });
  const cookie = [...setCookies(page)].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await t.app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: encodeForm({ _csrf: csrfOf(page.body), email, password }),
  });
  return res.statusCode === 303;
}

describe('console users pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('console-users-pages');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the users for an admin, in a table with row headers, without any hash', async () => {
    const admin = await consoleSession(t, 'admin');
    const editor = await consoleSession(t, 'editor');
    const res = await admin.get('/admin/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<th scope="row">${admin.email} <span class="badge">(you)</span></th>`);
    expect(res.body).toContain(`<th scope="row">${editor.email}</th>`);
    expect(res.body).not.toContain('$argon2');
    const es = await admin.get('/admin/users?lang=es');
    expect(es.body).toContain('<h1>Usuarios</h1>');
  });

  it('answers an editor with the 403 console page, on the page and on every action', async () => {
    const editor = await consoleSession(t, 'editor');
    const page = await editor.get('/admin/users');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Your role does not allow this. Ask an admin.');
    const before = createUserService(t.ctx.db).list().length;
    const add = await editor.post('/admin/users', { email: 'sneaky@example.org', role: 'admin', password: 'sneaky password 123' });
    expect(add.statusCode).toBe(403);
    expect(createUserService(t.ctx.db).list().length).toBe(before);
    // The editor's own navigation does not offer the page.
    expect((await editor.get('/admin/account')).body).not.toContain('href="/admin/users"');
  });

  it('adds a user with a password the admin chose, who can then sign in', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.post('/admin/users', { email: ' New.Editor@Example.org ', role: 'editor', password: 'chosen by the admin 42' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=added&email=new.editor%40example.org');
    const user = createUserService(t.ctx.db).findByEmail('new.editor@example.org');
    expect(user?.role).toBe('editor');
    expect(await canSignIn(t, 'new.editor@example.org', 'chosen by the admin 42', '10.20.0.1')).toBe(true);
  });

  it('generates a strong initial password when none is given, and shows it once', async () => {
    const admin = await consoleSession(t, 'admin');
    const res = await admin.post('/admin/users', { email: 'generated@example.org', role: 'admin', password: '' });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await canSignIn(t, 'generated@example.org', password!, '10.20.0.2')).toBe(true);
    expect((await admin.get('/admin/users')).body).not.toContain(password);
  });

  it('refuses a bad address, a short password, the address as password, and a taken address, changing nothing', async () => {
    const admin = await consoleSession(t, 'admin');
    const count = () => createUserService(t.ctx.db).list().length;
    const before = count();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ email: 'not an address', role: 'editor', password: 'long enough password' }, 400, 'Enter an email address like name@example.org.'],
      [{ email: 'short@example.org', role: 'editor', password: 'tiny-pw-9' }, 400, 'The password needs at least 12 characters.'],
      [{ email: 'same@example.org', role: 'editor', password: 'Same@Example.org' }, 400, 'The password must not be the email address.'],
      [{ email: admin.email, role: 'editor', password: 'long enough password' }, 409, 'There is already a user with this address.'],
    ];
    for (const [form, status, message] of cases) {
      const res = await admin.post('/admin/users', form);
      expect(res.statusCode, form.email).toBe(status);
      expect(res.body, form.email).toContain(message);
      expect(res.body, form.email).toContain('aria-invalid="true"');
      expect(res.body).not.toContain(form.password);
    }
    expect(count()).toBe(before);
  });

  it('changes a role, but never makes the last admin an editor', async () => {
    const solo = await createTestApp('console-users-last-admin');
    try {
      const admin = await consoleSession(solo, 'admin');
      const editor = await consoleSession(solo, 'editor');
      const service = createUserService(solo.ctx.db);
      const editorId = service.findByEmail(editor.email)!.id;
      const adminId = service.findByEmail(admin.email)!.id;
      const promote = await admin.post(`/admin/users/${editorId}/role`, { role: 'admin' });
      expect(promote.statusCode).toBe(303);
      expect(service.get(editorId).role).toBe('admin');
      // Two admins: one may step down; then the other is the last one.
      expect((await admin.post(`/admin/users/${adminId}/role`, { role: 'editor' })).statusCode).toBe(303);
      const other = await consoleSession(solo, 'admin');
      expect((await other.post(`/admin/users/${editorId}/role`, { role: 'editor' })).statusCode).toBe(303);
      const last = await other.post(`/admin/users/${service.findByEmail(other.email)!.id}/role`, { role: 'editor' });
      expect(last.statusCode).toBe(409);
      expect(last.body).toContain('The console needs at least one admin');
      expect(service.findByEmail(other.email)!.role).toBe('admin');
    } finally {
      await solo.close();
    }
  });

  it('removes a user after a confirmation step, ending their sessions; never the admin themselves', async () => {
    const admin = await consoleSession(t, 'admin');
    const editor = await consoleSession(t, 'editor');
    const service = createUserService(t.ctx.db);
    const id = service.findByEmail(editor.email)!.id;
    const confirm = await admin.get(`/admin/users/${id}/remove`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`${editor.email} will no longer be able to sign in`);
    expect(service.find(id)).toBeDefined();
    const removed = await admin.post(`/admin/users/${id}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(service.find(id)).toBeUndefined();
    expect((await editor.get('/admin/account')).statusCode).toBe(303);

    const self = await admin.post(`/admin/users/${service.findByEmail(admin.email)!.id}/remove`);
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('You cannot remove your own account.');
    expect(service.findByEmail(admin.email)).toBeDefined();
  });
});
