import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';

// The whole product path a new creator walks, in a real browser against the
// real server (which serves the built dashboard). `npm test` builds the
// dashboard first; this file never builds anything itself.

const DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const creator = {
  name: 'Ana Coach',
  email: `ana-${Date.now().toString(36)}@example.com`,
  password: 'correct horse battery staple',
};
const KEY_NAME = 'Website booking form';

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
const pageErrors: string[] = [];

// Animations are finished instantly so a dialog or drawer is captured in its final state.
const shot = (name: string, target: Page = page) =>
  target.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true, animations: 'disabled' });

describe('dashboard: sign-up to API keys, in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error(
        'apps/dashboard/dist is missing: run `npm run build:dashboard` (npm test does it first)',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    testApp = await createTestApp();
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('signs up and is told to check the inbox', async () => {
    await page.goto(`${baseUrl}/signup`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Create your account' }).isVisible(),
    ).resolves.toBe(true);

    // Client-side validation speaks before the server does.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This field is required.').first().waitFor();
    expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('displayName');

    await page.getByLabel('Your name').fill(creator.name);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await expect(page.getByText(creator.email).isVisible()).resolves.toBe(true);
    await shot('01-signup-check-inbox');
  });

  it('opens the dev mailbox and follows the verification link', async () => {
    await page.getByRole('link', { name: 'Open dev mailbox' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Dev mailbox' }).waitFor();
    // Mail goes out just after the sign-up answer; the page polls for it.
    const confirm = page.getByRole('link', { name: 'Confirm email' }).first();
    await confirm.waitFor();
    await expect(page.getByText(`Confirm your email for Compañero`).first().isVisible()).resolves.toBe(true);
    await shot('02-dev-mailbox');

    await confirm.click();
    await page.getByRole('heading', { name: 'Your email is confirmed' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/verify-email');
    await shot('03-email-verified');
  });

  it('logs in and lands on the overview', async () => {
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await shot('04-login-wrong-password');

    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${creator.name}` }).waitFor();
    await expect(page.getByRole('banner').getByText(creator.name).isVisible()).resolves.toBe(true);
    await shot('05-overview');
  });

  it('opens analytics from the menu: a new account is told how to get its first figures', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'No activity yet' }).waitFor();
    await expect(main.getByRole('link', { name: /Install the widget/ }).isVisible()).resolves.toBe(true);
    await shot('06-analytics-empty');
  });

  let secret = '';

  it('creates an API key with two scopes and shows its secret once', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.getByText('No API keys yet').waitFor();
    await shot('07-api-keys-empty');

    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.waitFor();
    // Focus starts in the name field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await dialog.getByLabel('Name').fill(KEY_NAME);
    await dialog.getByRole('checkbox', { name: /Read clients/ }).check();
    await dialog.getByRole('checkbox', { name: /Read conversations/ }).check();
    await dialog.getByLabel(/Expires after/).fill('30');
    await shot('08-create-key-dialog');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Copy your new API key' });
    await secretDialog.waitFor();
    await expect(secretDialog.getByText('This is the only time the key is shown').isVisible()).resolves.toBe(
      true,
    );
    secret = await secretDialog.getByLabel(`API key “${KEY_NAME}”`).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await secretDialog.getByRole('button', { name: 'Copy' }).click();
    await secretDialog.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    await shot('09-key-secret-once');

    // Escape must not throw the only copy away.
    await page.keyboard.press('Escape');
    await expect(secretDialog.isVisible()).resolves.toBe(true);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
  });

  it('lists the new key without its secret, then revokes it', async () => {
    const table = page.getByRole('table', { name: 'Your API keys' });
    const row = table.getByRole('row', { name: new RegExp(KEY_NAME) });
    await row.waitFor();
    await expect(row.getByText('Read clients').isVisible()).resolves.toBe(true);
    await expect(row.getByText('Read conversations').isVisible()).resolves.toBe(true);
    await expect(row.getByText('Active').isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain(secret);
    await shot('10-api-key-listed');

    await row.getByRole('button', { name: `Revoke ${KEY_NAME}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
    await confirm.waitFor();
    await shot('11-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('Revoked').waitFor();
    await expect(row.getByRole('button', { name: `Revoke ${KEY_NAME}` }).count()).resolves.toBe(0);
    await shot('12-api-key-revoked');
  });

  it('records it all in the security activity', async () => {
    await page.getByRole('link', { name: 'Security activity' }).click();
    const table = page.getByRole('table', { name: 'Security activity' });
    await table.getByText('API key revoked').waitFor();
    await expect(table.getByText('API key created').isVisible()).resolves.toBe(true);
    await expect(table.getByText('Logged in').first().isVisible()).resolves.toBe(true);
    await expect(table.getByText('Failed log-in attempt').isVisible()).resolves.toBe(true);
    await shot('13-security-activity');
  });

  it('switches to Spanish and keeps the choice after a reload', async () => {
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    await expect(
      page
        .getByRole('table', { name: 'Actividad de seguridad' })
        .getByText('Clave de API revocada')
        .isVisible(),
    ).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await shot('14-spanish');

    // The reload restores the session from the refresh cookie (the access token was only in memory).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    await expect(
      page.getByRole('navigation', { name: 'Principal' }).getByText('Resumen').isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('link', { name: 'Cuenta', exact: true }).click();
    await expect(page.getByLabel('Idioma', { exact: true }).last().inputValue()).resolves.toBe('es');
    await shot('15-spanish-after-reload');
  });

  it('remembers Spanish on the server: a fresh browser logs in in Spanish', async () => {
    const fresh = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const phone = await fresh.newPage();
    try {
      await phone.goto(`${baseUrl}/login`);
      await phone.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      await phone.getByLabel('Email').fill(creator.email);
      await phone.getByLabel('Password').fill(creator.password);
      await phone.getByRole('button', { name: 'Log in' }).click();
      await phone.getByRole('heading', { level: 1, name: `Hola, ${creator.name}` }).waitFor();
      await shot('16-mobile-overview-es', phone);
      await phone.getByRole('button', { name: 'Abrir menú' }).click();
      await phone
        .getByRole('navigation', { name: 'Principal' })
        .getByRole('link', { name: 'Ajustes' })
        .waitFor();
      await phone.screenshot({ path: `${SHOTS}17-mobile-menu-es.png`, animations: 'disabled' });
    } finally {
      await fresh.close();
    }
  });

  it('logs out back to the log-in page', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await page.goto(`${baseUrl}/settings/api-keys`);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/settings/api-keys');
    expect(pageErrors).toEqual([]);
  });
});
