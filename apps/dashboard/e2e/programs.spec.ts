import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../server/src/testing/http.ts';

// The visual program builder as a creator uses it, in a real browser against
// the real server: a blank program (start → end), steps dragged from the
// palette and connected handle to handle, live validation pointing at what
// is missing, fixed in the inspector, a simulated run, then publishing.

const DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const PROGRAM = 'Sleep reset';
const PROMPT = 'How did you sleep last night?';
const WELCOME = 'Welcome, {{user.firstName}}! One small change a day, starting tonight.';

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let page: Page;
let baseUrl: string;
let account: { email: string; password: string; accessToken: string };
const pageErrors: string[] = [];

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}programs-${name}.png`, animations: 'disabled' });

const canvas = () => page.locator('.peditor-canvas .react-flow');
const node = (type: string) => page.locator(`.react-flow__node-${type}`);
const palette = () => page.getByRole('region', { name: 'Add a step' });
const toolbar = () => page.getByRole('toolbar', { name: 'Editor tools' });
const sidePanel = () => page.getByRole('complementary', { name: 'Step details' });
const problems = () => page.getByRole('region', { name: 'Problems' });

async function centerOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one handle to another with the mouse, as a creator connects two steps. */
async function connect(from: Locator, to: Locator) {
  const a = await centerOf(from);
  const b = await centerOf(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Drags a palette entry onto the canvas at a fraction of its width and height. */
async function dropStep(name: string, at: { x: number; y: number }) {
  const box = await canvas().boundingBox();
  if (!box) throw new Error('canvas not visible');
  await palette()
    .getByRole('button', { name, exact: true })
    .dragTo(canvas(), { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
}

const edgeCount = () => page.locator('.react-flow__edge').count();

describe('Program builder, in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error(
        'apps/dashboard/dist is missing: run `npm run build:dashboard` (npm test does it first)',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    testApp = await createTestApp({}, { worker: true });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    account = await signUpAndLogIn(testApp.app, testApp.mailer);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('logs in, opens Programs from the menu and creates a blank program', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await page.getByRole('button', { name: 'New program' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New program' });
    await dialog.getByLabel('Name').fill(PROGRAM);
    await dialog.getByRole('button', { name: 'Create and open' }).click();

    await expect.poll(() => page.url()).toMatch(new RegExp(`/programs/${UUID}$`));
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await node('start').waitFor();
    await node('end').waitFor();
    await expect(edgeCount()).resolves.toBe(1);
    await toolbar().getByText('No problems').waitFor();
    await page.getByText('Not published yet').waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();
    await shot('00-blank');
  });

  it('drags a message and a choice question onto the canvas and connects them handle to handle', async () => {
    await dropStep('Message', { x: 0.2, y: 0.42 });
    await node('message').waitFor();
    // A new step is selected: the inspector shows its form.
    await sidePanel().getByRole('heading', { level: 2, name: 'Message' }).waitFor();
    await dropStep('Question', { x: 0.82, y: 0.7 });
    await node('question').waitFor();
    await sidePanel().getByRole('heading', { level: 2, name: 'Question' }).waitFor();
    // A choice question shows one exit per choice, then "Next" and "If the answer is invalid".
    await expect(node('question').locator('.pnode-port').allInnerTexts()).resolves.toEqual([
      'Yes',
      'No',
      'Next',
      'If the answer is invalid',
    ]);

    // start → message (replaces start → end: one connection per exit), message → question.
    await connect(
      node('start').locator('.react-flow__handle.source'),
      node('message').locator('.react-flow__handle.target'),
    );
    await expect.poll(edgeCount).toBe(1);
    await connect(
      node('message').locator('.react-flow__handle.source'),
      node('question').locator('.react-flow__handle.target'),
    );
    await expect.poll(edgeCount).toBe(2);

    // Live validation: the empty message and question are flagged on the canvas and listed.
    await node('question').locator('.pnode-badge').waitFor();
    await expect(node('question').locator('.pnode').getAttribute('data-invalid')).resolves.toBe('true');
    await expect(node('message').locator('.pnode').getAttribute('data-invalid')).resolves.toBe('true');
    await toolbar()
      .getByText(/\d+ errors? to fix/)
      .waitFor();
    await problems()
      .getByRole('button', { name: /Question.*An exit is not connected/ })
      .waitFor();
    await problems()
      .getByRole('button', { name: /Question.*Something required is missing/ })
      .waitFor();
    // The end is now unreachable, and nothing leads from the question to it.
    await problems()
      .getByRole('button', { name: /End.*No path from the start/ })
      .waitFor();
    // The message leads to the question now: both are reachable, the message's exit is taken.
    await expect
      .poll(() =>
        problems()
          .getByRole('button', { name: /(Question.*No path from the start)|(Message.*An exit)/ })
          .count(),
      )
      .toBe(0);
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    // Auto-layout: top to bottom along the connections.
    await toolbar().getByRole('button', { name: 'Tidy up' }).click();
    await page.waitForTimeout(400);
    const [start, message, question] = await Promise.all(
      ['start', 'message', 'question'].map((type) => centerOf(node(type))),
    );
    expect(start!.y).toBeLessThan(message!.y);
    expect(message!.y).toBeLessThan(question!.y);
    await shot('01-errors');
  });

  it('undoes and redoes a change from the keyboard', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const laidOut = await centerOf(node('question'));
    // First the tidy-up goes, then the last connection.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await centerOf(node('question'))).y).not.toBe(laidOut.y);
    await expect(edgeCount()).resolves.toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(edgeCount).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(edgeCount).toBe(2);
    await toolbar().getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => (await centerOf(node('question'))).y).toBe(laidOut.y);
    await expect(toolbar().getByRole('button', { name: 'Redo' }).isDisabled()).resolves.toBe(true);
  });

  it('fixes the problems in the inspector until validation passes', async () => {
    // A problem in the list selects its step.
    await problems()
      .getByRole('button', { name: /Question.*Something required is missing/ })
      .click();
    await sidePanel().getByRole('heading', { level: 2, name: 'Question' }).waitFor();
    const prompt = sidePanel().getByLabel('Question', { exact: true });
    await expect(prompt.getAttribute('aria-invalid')).resolves.toBe('true');
    await prompt.fill(PROMPT);
    await sidePanel().getByLabel('Save the answer as').fill('sleep');
    await sidePanel().getByLabel('Choice 1', { exact: true }).fill('Well');
    await sidePanel().getByLabel('Choice 2', { exact: true }).fill('Badly');
    await sidePanel().getByRole('button', { name: 'Add choice' }).click();
    await sidePanel().getByLabel('Choice 3', { exact: true }).fill('Not at all');
    await expect(node('question').locator('.pnode-port').allInnerTexts()).resolves.toEqual([
      'Well',
      'Badly',
      'Not at all',
      'Next',
      'If the answer is invalid',
    ]);
    await node('question').getByText(PROMPT).waitFor();
    await expect.poll(() => prompt.getAttribute('aria-invalid')).toBe(null);

    await problems()
      .getByRole('button', { name: /Message.*Something required is missing/ })
      .click();
    await sidePanel().getByRole('heading', { level: 2, name: 'Message' }).waitFor();
    const text = sidePanel().getByLabel('Message', { exact: true });
    await text.fill('Welcome, ');
    await sidePanel().getByRole('button', { name: 'Insert user.firstName' }).click();
    await expect(text.inputValue()).resolves.toBe('Welcome, {{user.firstName}}');
    await text.fill(WELCOME);

    // The last one is a connection: the question's "Next" to the end.
    await toolbar().getByRole('button', { name: 'Zoom to fit' }).click();
    // Let the view settle (the fit is animated) before dragging between handles.
    await page.waitForTimeout(400);
    await connect(
      node('question').locator('.react-flow__handle[data-handleid="next"]'),
      node('end').locator('.react-flow__handle.target'),
    );
    await expect.poll(edgeCount).toBe(3);
    await toolbar().getByText('No problems').waitFor();
    await problems().getByText('No problems found: this program is ready to publish.').waitFor();
    await expect(node('question').locator('.pnode-badge').count()).resolves.toBe(0);
    await page.getByText('Saved', { exact: true }).waitFor();

    await toolbar().getByRole('button', { name: 'Tidy up' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await shot('02-valid');
  });

  it('runs the simulator on the draft and shows the transcript', async () => {
    await sidePanel().getByRole('tab', { name: 'Simulator' }).click();
    await sidePanel().getByLabel('Answers').fill('Badly');
    await sidePanel().getByRole('button', { name: 'Run simulation' }).click();
    await sidePanel().getByText(PROMPT).first().waitFor();
    await sidePanel().getByText('Welcome, Alex! One small change a day, starting tonight.').waitFor();
    await sidePanel().getByText('Completed', { exact: true }).first().waitFor();
    await sidePanel().getByText(PROMPT).first().scrollIntoViewIfNeeded();
    await shot('03-simulator');
  });

  it('publishes with a note and lists version 1', async () => {
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish a new version' });
    await dialog.getByLabel(/Version note/).fill('First week: sleep check-in');
    await dialog.getByRole('button', { name: 'Publish version' }).click();
    await dialog.getByText('Version 1 published').waitFor();
    const versions = dialog.getByRole('table');
    await versions.getByRole('row', { name: /Version 1.*First week: sleep check-in/ }).waitFor();
    await shot('04-published');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Version 1 live').waitFor();
  });

  it('copies and pastes a step, then undoes it', async () => {
    await sidePanel().getByRole('tab', { name: 'Inspector' }).click();
    await toolbar().getByRole('button', { name: 'Zoom to fit' }).click();
    await node('message').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => node('message').count()).toBe(2);
    // The copy is reached by nothing and leads nowhere: validation says so at once.
    await toolbar()
      .getByText(/2 errors to fix/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Publish' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('message').count()).toBe(1);
    await toolbar().getByText('No problems').waitFor();
  });

  it('renames the program in place and keeps the draft across a reload', async () => {
    await page.getByRole('heading', { level: 1, name: PROGRAM }).getByRole('button').click();
    const name = page.getByLabel('Program name');
    await name.fill(`${PROGRAM}, week 1`);
    await name.press('Enter');
    await page.getByRole('heading', { level: 1, name: `${PROGRAM}, week 1` }).waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: `${PROGRAM}, week 1` }).waitFor();
    await node('question').getByText(PROMPT).waitFor();
    await expect(edgeCount()).resolves.toBe(3);
    await toolbar().getByText('No problems').waitFor();
    await toolbar().getByRole('button', { name: 'Versions' }).click();
    const versions = page.getByRole('dialog', { name: 'Versions' });
    await versions.getByRole('row', { name: /Version 1/ }).waitFor();
    await versions.getByRole('button', { name: 'Close' }).click();
  });

  it('stops saving when someone else saved in between, and reloads their version', async () => {
    // Another tab saves the draft (with the revision it read): the end step gets a name.
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const headers = { authorization: `Bearer ${account.accessToken}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${baseUrl}/api/v1/programs/${id}`, { headers })).json()) as {
      draft: { nodes: Array<{ type: string; data: Record<string, unknown> }> };
      draftRevision: number;
    };
    for (const step of current.draft.nodes) if (step.type === 'end') step.data.label = 'Finish line';
    const saved = await fetch(`${baseUrl}/api/v1/programs/${id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ draft: current.draft, draftRevision: current.draftRevision }),
    });
    expect(saved.status).toBe(200);

    // This tab's next save is refused: it says so, and stops.
    await toolbar().getByRole('button', { name: 'Tidy up' }).click();
    await toolbar().getByText('Conflict — reload').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else saved this program' });
    await alert.waitFor();
    await shot('05-conflict');
    await alert.getByRole('button', { name: 'Reload' }).click();
    await node('end').getByText('Finish line').waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();
    await expect(page.getByRole('alert').filter({ hasText: 'Someone else saved' }).count()).resolves.toBe(0);
  });

  it('had no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
