import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../server/src/testing/http.ts';

// The programs area around the editor, in a real browser against the real
// server: the list with its templates gallery, a program created from a
// template in one click, archive and delete with a confirmation, and the
// editor's Participants tab for a program whose users were enrolled through the API.

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

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HABIT_TEMPLATE = /^21-day habit builder$/i;

let testApp: TestApp;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let creator: Awaited<ReturnType<typeof signUpAndLogIn>>;
const pageErrors: string[] = [];

async function shot(name: string) {
  // From the top: a full-page capture of a scrolled page draws the fixed sidebar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: `${SHOTS}programs-list-${name}.png`,
    fullPage: true,
    animations: 'disabled',
  });
}

/** A JSON call to the API as the creator (for the setup this spec is not about). */
async function apiCall<T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<T> {
  const res = await testApp.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: creator.auth,
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const templates = () => page.getByRole('region', { name: 'Start from a template' });
const programsTable = () => page.getByRole('table', { name: 'Programs' });

describe('Programs list, templates and participants, in a browser', () => {
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
    creator = await signUpAndLogIn(testApp.app, testApp.mailer);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('logs in and opens an empty programs list with the templates gallery', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();

    await page.goto(`${baseUrl}/programs`);
    await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await page.getByText('No programs yet').waitFor();

    // Templates in the interface language first (English here), with what each one takes.
    await templates().getByRole('heading', { level: 3, name: HABIT_TEMPLATE }).waitFor();
    await expect(
      templates().getByRole('button', { name: 'English' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await templates().getByText('21 days', { exact: true }).first().waitFor();
    await shot('00-empty');

    // The Spanish ones are one click away.
    await templates().getByRole('button', { name: 'Español' }).click();
    await templates().getByRole('heading', { level: 3, name: 'Constructor de hábitos de 21 días' }).waitFor();
    await expect(templates().getByRole('heading', { level: 3, name: HABIT_TEMPLATE }).count()).resolves.toBe(
      0,
    );
    await templates().getByRole('button', { name: 'English' }).click();
  });

  it('creates a program from the 21-day habit builder in one click and opens it in the editor', async () => {
    const name =
      (await templates().getByRole('heading', { level: 3, name: HABIT_TEMPLATE }).textContent()) ?? '';
    await templates()
      .getByRole('button', { name: `Use template ${name}` })
      .click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/programs/${UUID}$`));
    await page.getByText(name).first().waitFor();
    await shot('01-editor');

    // Back to the list: the new program is there, a draft, not yet published.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    const row = programsTable().getByRole('row', { name: new RegExp(name) });
    await row.getByRole('link', { name }).waitFor();
    await row.getByText('Draft', { exact: true }).waitFor();
    await row.getByText('Not yet').waitFor();
    await shot('02-listed');
  });

  it('creates a blank program, then archives and deletes it after confirming', async () => {
    await page.getByRole('button', { name: 'New program' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New program' });
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await dialog.getByText('This field is required', { exact: false }).waitFor();
    await dialog.getByLabel('Name').fill('Morning pages');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/programs/${UUID}$`));

    await page.goto(`${baseUrl}/programs`);
    await programsTable().getByRole('link', { name: 'Morning pages' }).waitFor();
    await page.getByRole('button', { name: 'Archive Morning pages' }).click();
    const archive = page.getByRole('dialog', { name: 'Archive “Morning pages”?' });
    await archive.getByText('No one new can be enrolled').waitFor();
    await archive.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText('“Morning pages” was archived.').waitFor();
    await page.getByRole('button', { name: 'Restore Morning pages' }).waitFor();

    await page
      .getByRole('group', { name: 'Show programs' })
      .getByRole('button', { name: 'Archived' })
      .click();
    await programsTable().getByRole('link', { name: 'Morning pages' }).waitFor();
    await expect(programsTable().getByRole('row').count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Delete Morning pages' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete “Morning pages”?' });
    await remove.getByText('This cannot be undone.', { exact: false }).waitFor();
    await shot('03-delete-confirm');
    await remove.getByRole('button', { name: 'Delete program' }).click();
    await page.getByText('“Morning pages” was deleted.').waitFor();
    await page.getByText('No archived programs').waitFor();
    await page.getByRole('group', { name: 'Show programs' }).getByRole('button', { name: 'All' }).click();
    await programsTable().getByRole('link', { name: HABIT_TEMPLATE }).waitFor();
    await expect(programsTable().getByRole('link', { name: 'Morning pages' }).count()).resolves.toBe(0);
  });

  it('shows who is where in the editor’s Participants tab', async () => {
    // Set up through the API: a published program from a template and two enrolled clients.
    const [template] = (
      await apiCall<Array<{ key: string; language: string; name: string }>>('GET', '/program-templates')
    ).filter((t) => t.language === 'en' && HABIT_TEMPLATE.test(t.name));
    if (!template) throw new Error('no 21-day habit builder template');
    const program = await apiCall<{ id: string }>('POST', '/programs', {
      name: 'Habits for the sleep club',
      templateKey: template.key,
      language: 'en',
    });
    await apiCall('POST', `/programs/${program.id}/publish`, { note: 'First version' });
    const ana = await apiCall<{ id: string }>('POST', '/end-users', {
      displayName: 'Ana Ruiz',
      widgetVisitorId: 'visitor-ana-ruiz',
    });
    const ben = await apiCall<{ id: string }>('POST', '/end-users', {
      displayName: 'Ben Okafor',
      widgetVisitorId: 'visitor-ben-okafor',
    });
    await apiCall('POST', `/end-users`, {
      displayName: 'Carla Not Enrolled',
      widgetVisitorId: 'visitor-carla-not-enrolled',
    });
    await apiCall('POST', `/programs/${program.id}/enrollments`, { endUserId: ana.id });
    await apiCall('POST', `/programs/${program.id}/enrollments`, { endUserId: ben.id });

    await page.goto(`${baseUrl}/programs/${program.id}`);
    await page.getByRole('tab', { name: 'Participants' }).click();
    const participants = page.getByRole('tabpanel');
    await participants.getByRole('heading', { name: 'Participants' }).waitFor();
    const enrollments = participants.getByRole('table', { name: 'Enrollments' });
    await enrollments.getByRole('row', { name: /Ana Ruiz/ }).waitFor();
    await enrollments.getByRole('row', { name: /Ben Okafor/ }).waitFor();
    await expect(
      enrollments
        .getByRole('row', { name: /Ana Ruiz/ })
        .getByText('v1')
        .count(),
    ).resolves.toBe(1);

    // Totals and the funnel: both reached the first steps and wait at the first question.
    const enrolledTile = participants.getByRole('definition').first();
    await expect(enrolledTile.textContent()).resolves.toBe('2');
    const funnel = participants.getByRole('list', { name: 'Funnel by step' });
    await funnel.getByRole('listitem').first().getByText('2 reached').waitFor();
    await funnel.getByText('2 there now').waitFor();
    // The side panel scrolls inside a screen-high editor: a tall window shows all of it.
    await page.setViewportSize({ width: 1280, height: 2000 });
    await shot('04-participants');

    // Enroll the third client from the panel.
    await participants.getByRole('button', { name: 'Enroll a user' }).click();
    const enroll = page.getByRole('dialog', { name: 'Enroll a user' });
    await enroll.getByLabel('User').selectOption({ label: 'Carla Not Enrolled' });
    await enroll.getByRole('button', { name: 'Enroll', exact: true }).click();
    await participants.getByText('Carla Not Enrolled was enrolled.').waitFor();
    await enrollments.getByRole('row', { name: /Carla Not Enrolled/ }).waitFor();

    // Enrolling the same person twice says so.
    await participants.getByRole('button', { name: 'Enroll a user' }).click();
    await enroll.getByLabel('User').selectOption({ label: 'Ana Ruiz' });
    await enroll.getByRole('button', { name: 'Enroll', exact: true }).click();
    await enroll.getByText('This person is already enrolled in this program.').waitFor();
    await enroll.getByRole('button', { name: 'Cancel' }).click();

    // Filters: no one has completed yet.
    await participants.getByLabel('Status').selectOption('completed');
    await participants.getByText('No enrollments match these filters').waitFor();
    await participants.getByRole('button', { name: 'Clear filters' }).click();
    await enrollments.getByRole('row', { name: /Ana Ruiz/ }).waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('runs the program as a virtual user in the Simulator tab', async () => {
    await page.getByRole('tab', { name: 'Simulator' }).click();
    const simulator = page.getByRole('tabpanel');
    const answers = [
      'Read 10 pages',
      'after dinner',
      ...Array.from({ length: 21 }, () => 'Yes, done'),
      'Small steps',
    ];
    await simulator.getByLabel(/^Answers/).fill(answers.join('\n'));
    await simulator.getByLabel('Name of the virtual user').fill('Marta');
    await simulator.getByLabel('Time zone').fill('Europe/Madrid');
    await simulator.getByLabel(/^Starting date/).fill('2025-03-03T09:00');
    await simulator.getByRole('button', { name: 'Run simulation' }).click();

    const result = simulator.getByRole('region', { name: 'Result' });
    await result.getByRole('status').getByText('Completed').waitFor();
    await result
      .getByRole('status')
      .getByText(/^2\d days(, \d+ hours?)? in \d+(\.\d)? (ms|sec)$/)
      .waitFor();
    const transcript = result.getByRole('list', { name: 'Conversation of the run' });
    await transcript.getByText('Read 10 pages', { exact: true }).first().waitFor();
    await transcript
      .getByText(/^\d+ (minute|hour|day)s?(, \d+ \w+)? later$/)
      .first()
      .waitFor();
    await result.getByText('Variables at the end').waitFor();
    // A closer look at the conversation where the virtual clock jumps ahead.
    await transcript
      .getByText(/ later$/)
      .nth(1)
      .scrollIntoViewIfNeeded();
    await transcript.screenshot({
      path: `${SHOTS}programs-list-05-simulator-transcript.png`,
      animations: 'disabled',
    });
    await page.setViewportSize({ width: 1280, height: 2400 });
    await shot('05-simulator-script');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Every branch: several runs, each one opens to its own conversation.
    await simulator.getByLabel('Test every branch').check();
    await simulator.getByRole('button', { name: 'Run simulation' }).click();
    await result.getByText(/^\d+ runs$/).waitFor();
    const runs = result.getByRole('list', { name: 'Runs' });
    await runs.getByText('Run 1', { exact: true }).click();
    await runs.getByRole('list', { name: 'Conversation of the run' }).first().waitFor();
    await page.setViewportSize({ width: 1280, height: 2400 });
    await shot('06-simulator-branches');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('had no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
