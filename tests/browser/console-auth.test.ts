import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserService } from '../../src/users/user-service.js';
import { accessibilityViolations, freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN = { email: 'first.admin@example.org', password: 'a long admin password' };

/** Presses Tab until the element with this id has the focus (a keyboard user's way to a field). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate('document.activeElement && document.activeElement.id')) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

describe.each([
  ['without JavaScript', false],
  ['with JavaScript', true],
])('console sign-in in Chromium %s', (_mode, javaScriptEnabled) => {
  const tag = javaScriptEnabled ? 'js' : 'nojs';
  let t: TestApp;
  let base: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp(`browser-console-auth-${tag}`, { PUBLIC_URL: base });
    await t.app.listen({ host: '127.0.0.1', port });
    browser = await launchBrowser({ javaScriptEnabled });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A new tab on a console path, as a visitor who is not signed in. */
  async function open(path: string, viewport = { width: 1000, height: 720 }): Promise<Page> {
    await browser.browser.clearCookies();
    const page = await browser.browser.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${base}${path}`);
    return page;
  }

  /** axe-core runs as a script in the page, so only when scripts are on; the pages are the same either way. */
  async function expectAccessible(page: Page, what: string) {
    if (javaScriptEnabled) expect(await accessibilityViolations(page), what).toEqual([]);
  }

  it('shows the setup page, in both languages, with nothing axe-core objects to', async () => {
    for (const lang of ['en', 'es']) {
      const page = await open(`/admin/setup?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(lang === 'en' ? 'Set up the first admin' : 'Crear la primera cuenta de administración');
      await saveScreenshot(page, `console-setup-${lang}-${tag}`);
      await expectAccessible(page, `setup ${lang}`);
      await page.close();
    }
  });

  it('sets up the first admin from the sign-in page, with the ADMIN_TOKEN', async () => {
    const page = await open('/admin');
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await saveScreenshot(page, `console-sign-in-first-admin-${tag}`);
    await expectAccessible(page, 'sign-in offering setup');
    await page.getByRole('link', { name: 'Set up the first admin' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/setup');
    await page.getByLabel('ADMIN_TOKEN').fill('not the token, sorry');
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat the password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.locator('#adminToken').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, `console-setup-error-${tag}`);
    await expectAccessible(page, 'setup with an error');
    expect(createUserService(t.ctx.db).count()).toBe(0);

    await page.getByLabel('ADMIN_TOKEN').fill(t.config.ADMIN_TOKEN);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat the password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await page.getByText(`Signed in as ${ADMIN.email} (admin)`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.close();
  });

  it('signs in with the keyboard alone, and out again', async () => {
    const page = await open('/admin/sign-in?next=%2Fadmin%2Faccount');
    await saveScreenshot(page, `console-sign-in-${tag}`);
    await expectAccessible(page, 'sign-in');
    await tabTo(page, 'email');
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('password');
    await page.keyboard.type('a wrong password, typed');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The address and password do not match an account.');
    await saveScreenshot(page, `console-sign-in-error-${tag}`);
    await expectAccessible(page, 'sign-in with an error');

    await tabTo(page, 'password');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/admin/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await saveScreenshot(page, `console-account-${tag}`);
    await expectAccessible(page, 'account');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/sign-in\?done=signed-out/);
    expect(await page.getByRole('status').textContent()).toContain('You have signed out.');
    await page.goto(`${base}/admin/account`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await page.close();
  });

  it('lets the admin manage users, in Spanish too', async () => {
    const page = await open('/admin/sign-in?next=%2Fadmin%2Fusers');
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/admin/users`);
    await page.getByLabel('Email address').fill(`editor-${tag}@example.org`);
    await page.locator('#role').selectOption('editor');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('code.secret').waitFor();
    await saveScreenshot(page, `console-users-added-${tag}`);
    await expectAccessible(page, 'users with a generated password');
    await page.goto(`${base}/admin/users?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Usuarios' }).waitFor();
    await saveScreenshot(page, `console-users-es-${tag}`);
    await expectAccessible(page, 'users in Spanish');
    await page.getByRole('link', { name: `Eliminar editor-${tag}@example.org` }).click();
    await saveScreenshot(page, `console-users-remove-es-${tag}`);
    await expectAccessible(page, 'remove confirmation');
    await page.getByRole('button', { name: 'Sí, eliminar este usuario' }).click();
    await page.getByText('Se ha eliminado el usuario.').waitFor();
    expect(createUserService(t.ctx.db).findByEmail(`editor-${tag}@example.org`)).toBeUndefined();
    await page.goto(`${base}/admin/account?lang=en`);
    await page.close();
  });
});
