import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { consentOf, seedTopics, subscriberByEmail, waitForMailJobs } from '../routes/public-helpers.js';

describe('the signup form in a real browser without JavaScript', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp('browser', { PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '1000' });
    await seedTopics(t);
    await t.app.listen({ host: '127.0.0.1', port });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
  });

  it('subscribes through the form and confirms through the emailed link', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/subscribe?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Subscribe to our monthly digest');
    // Every control is reachable by its label, as a screen reader would find it.
    await page.getByLabel('Email address', { exact: true }).fill('Browser.Reader@Example.org');
    await page.getByLabel('Name (optional)').fill('Browser Reader');
    await page.getByLabel('Language of the emails').selectOption('es');
    await page.getByRole('group', { name: 'Topics' }).getByLabel('Elections').check();
    const consent = page.getByRole('checkbox', { name: /I agree/ });
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    // The honeypot is out of the accessibility tree.
    expect(await page.getByRole('textbox', { name: 'Leave this field empty' }).count()).toBe(0);
    expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`${base}/subscribe?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your inbox');
    await saveScreenshot(page, 'flow-subscribe-check-inbox-en');

    const s = subscriberByEmail(t, 'browser.reader@example.org')!;
    expect(s).toMatchObject({ name: 'Browser Reader', language: 'es', status: 'pending' });
    expect(consentOf(t, s.id)[0]).toMatchObject({ event: 'signup', form: 'subscribe-page', ip: '127.0.0.1', userAgent: expect.stringContaining('Chrome') });

    const [job] = await waitForMailJobs(t, 1);
    const confirmUrl = (job as { confirmUrl: string }).confirmUrl;
    expect(confirmUrl.startsWith(`${base}/confirm/`)).toBe(true);
    await page.goto(confirmUrl);
    expect(subscriberByEmail(t, 'browser.reader@example.org')!.status).toBe('pending');
    await page.getByRole('button', { name: 'Confirmar mi suscripción' }).click();
    await page.getByRole('heading', { name: 'Suscripción confirmada' }).waitFor();
    await saveScreenshot(page, 'flow-confirmed-es');
    expect(subscriberByEmail(t, 'browser.reader@example.org')!.status).toBe('active');
    await page.close();
  });

  it('shows a server-side error next to its field, keeping what was typed', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/subscribe?lang=es`);
    // The browser accepts an address without a dot in the domain; the server does not.
    await page.getByLabel('Correo electrónico', { exact: true }).fill('lector@localhost');
    await page.getByLabel('Nombre (opcional)', { exact: true }).fill('Lector');
    await page.getByRole('group', { name: 'Temas' }).getByLabel('Redes sociales').check();
    await page.getByRole('checkbox', { name: /Acepto/ }).check();
    await page.getByRole('button', { name: 'Suscribirme' }).click();
    await page.getByRole('alert').waitFor();
    const email = page.getByRole('textbox', { name: 'Correo electrónico' });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('lector@localhost');
    expect(await page.locator('#email-error').textContent()).toBe('Escribe una dirección de correo válida, como nombre@ejemplo.org.');
    expect(await page.getByLabel('Nombre (opcional)', { exact: true }).inputValue()).toBe('Lector');
    expect(await page.getByRole('group', { name: 'Temas' }).getByLabel('Redes sociales').isChecked()).toBe(true);
    expect(subscriberByEmail(t, 'lector@localhost')).toBeUndefined();
    await page.close();
  });
});
