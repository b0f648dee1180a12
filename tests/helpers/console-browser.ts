import type { Page } from 'playwright-core';
import type { Db } from '../../src/db/client.js';
import type { UserRole } from '../../src/domain/statuses.js';
import { createUserService } from '../../src/users/user-service.js';
import type { UserView } from '../../src/users/user-view.js';
import { TEST_USER_PASSWORD } from './console-session.js';

/** Whom a browser test signs in as. */
export interface ConsoleCredentials {
  email: string;
  password: string;
}

/** Creates a console user on the test app's database (as `labdigest users add` does); the password defaults to the tests' one. */
export async function createConsoleUser(db: Db, user: { email: string; role: UserRole; password?: string }): Promise<ConsoleCredentials & { user: UserView }> {
  const password = user.password ?? TEST_USER_PASSWORD;
  const created = await createUserService(db).create({ email: user.email, role: user.role, password });
  return { email: created.email, password, user: created };
}

/**
 * Signs in through the console's sign-in form in this page, as a person does (works with scripts on or
 * off), and waits until the console answers on `next` (default /admin). The page's browser context then
 * holds the session cookie for every later visit.
 */
export async function signInInBrowser(page: Page, base: string, who: ConsoleCredentials, next = '/admin'): Promise<void> {
  await page.goto(`${base}/admin/sign-in?next=${encodeURIComponent(next)}`);
  if (new URL(page.url()).pathname === '/admin/sign-in') {
    await page.locator('#email').fill(who.email);
    await page.locator('#password').fill(who.password);
    await page.locator('main form[action="/admin/sign-in"] button[type=submit]').click();
  }
  await page.waitForURL((url) => url.pathname === next.split('?')[0], { timeout: 10_000 });
}
