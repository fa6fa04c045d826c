import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Route,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';

// The knowledge base as a creator uses it, in a real browser against the real
// server with its ingestion worker running in-process (real queue): upload,
// watch processing, search, edit, compare and restore versions.

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
  name: 'Lucía Coach',
  email: `lucia-${Date.now().toString(36)}@example.com`,
  password: 'correct horse battery staple',
};

// Long enough that a throttled connection shows the upload going up.
const filler = (topic: string) =>
  Array.from(
    { length: 120 },
    (_, i) => `Note ${i + 1} on ${topic}: small steps, repeated daily, beat big plans made once.`,
  ).join('\n');

const SLEEP_MD = `# Sleep guide

## Evening routine

Dim the lights an hour before bed. Keep the bedroom cool, around 18 degrees.

## Caffeine

Avoid coffee after noon: caffeine stays in the body for six hours or more.

## Notes

${filler('sleep')}
`;
const HABITS_V1 = '# Habits\n\nDrink water every morning.\n';
const HABITS_V2 = '# Habits\n\nWalk ten thousand steps every day.\n';
const NUTRITION_TXT = `Protein helps muscles recover after strength training.\n\n${filler('food')}\n`;

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
const pageErrors: string[] = [];
/** Every frame the page received on `/knowledge/live`, in order. */
const liveFrames: unknown[] = [];
const liveSockets: string[] = [];

const shot = (name: string, target: Page = page) =>
  target.screenshot({ path: `${SHOTS}knowledge-${name}.png`, fullPage: true, animations: 'disabled' });

const uploadPanel = () => page.getByRole('region', { name: 'Uploads' });
const stagesOf = (name: string) =>
  page.evaluate(
    (file) => (window as unknown as { kbStages: Record<string, string[]> }).kbStages[file] ?? [],
    name,
  );
const uploadRow = (name: string): Locator => uploadPanel().getByRole('listitem').filter({ hasText: name });

describe('knowledge base, in a browser', () => {
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

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('websocket', (ws) => {
      if (!ws.url().endsWith('/api/v1/knowledge/live')) return;
      liveSockets.push(ws.url());
      ws.on('framereceived', ({ payload }) => {
        try {
          liveFrames.push(JSON.parse(String(payload)));
        } catch {
          // Not JSON: not a frame of ours.
        }
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('signs up, confirms the email and logs in', async () => {
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel('Your name').fill(creator.name);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    await page.getByRole('link', { name: 'Open dev mailbox' }).first().click();
    await page.getByRole('link', { name: 'Confirm email' }).first().click();
    await page.getByRole('heading', { name: 'Your email is confirmed' }).waitFor();

    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${creator.name}` }).waitFor();
  });

  it('opens the knowledge base from the menu, empty at first', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Knowledge base' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
    await page.getByText('Your knowledge base is empty').waitFor();
    // No longer a coming-soon page.
    await expect(page.getByRole('main').getByText('Coming soon').count()).resolves.toBe(0);
    await shot('01-empty');
  });

  it('uploads several files at once with progress, then follows them to Ready or rejected', async () => {
    // A slow uplink, so the upload progress of each file can be seen going up.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 40,
      downloadThroughput: -1,
      uploadThroughput: 4 * 1024,
    });

    // Record each progress bar's stage as it changes (uploads and processing are quick).
    await page.evaluate(() => {
      const seen: Record<string, string[]> = {};
      (window as unknown as { kbStages: typeof seen }).kbStages = seen;
      const record = () => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) {
          const name = bar.getAttribute('aria-label') ?? '';
          const stage = bar.getAttribute('aria-valuetext') ?? '';
          const list = seen[name] ?? [];
          seen[name] = list;
          if (list.at(-1) !== stage) list.push(stage);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuetext'],
      });
    });

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles([
      { name: 'sleep-guide.md', mimeType: 'text/markdown', buffer: Buffer.from(SLEEP_MD) },
      { name: 'habits.md', mimeType: 'text/markdown', buffer: Buffer.from(HABITS_V1) },
      { name: 'nutrition.txt', mimeType: 'text/plain', buffer: Buffer.from(NUTRITION_TXT) },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);

    await uploadPanel().waitFor();
    await expect(uploadPanel().getByRole('progressbar').count()).resolves.toBe(4);
    // Every stage a progress bar went through, as the page showed it. Bytes reported sent
    // (by XMLHttpRequest upload events) before the server's answer: real upload progress.
    await expect
      .poll(() => stagesOf('sleep-guide.md'), { timeout: 15_000 })
      .toContainEqual(
        expect.stringMatching(/^(Uploading [1-9]\d?%|Sent · the server is checking the file…)$/),
      );
    await shot('02-uploading');

    // Uploads keep going while moving around the knowledge area: open the first accepted file.
    await uploadRow('habits.md').getByRole('link', { name: 'habits.md' }).click();
    await page.getByRole('heading', { level: 1, name: 'habits' }).waitFor();
    await expect(uploadPanel().isVisible()).resolves.toBe(true);
    await shot('02b-document-while-uploading');
    await page.getByRole('link', { name: 'Knowledge base' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();

    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // The empty file is refused with its reason, as soon as the server answers.
    await uploadRow('empty.txt').getByText('Rejected: The file is empty.').waitFor();
    for (const name of ['sleep-guide.md', 'habits.md', 'nutrition.txt']) {
      await uploadRow(name).getByText('Ready', { exact: true }).waitFor({ timeout: 30_000 });
    }
    await expect(uploadPanel().getByText('3 ready · 1 not added').isVisible()).resolves.toBe(true);
    // Sent with real upload progress, then the server's stages, then ready.
    const stages = await stagesOf('sleep-guide.md');
    expect(stages[0]).toMatch(/^(Waiting…|Uploading \d+%)$/);
    expect(stages.at(-1)).toBe('Ready');
    expect(
      stages.some((s) =>
        /^(Waiting to be processed|Extracting text|Splitting into chunks|Indexing for search) · \d+%$/.test(
          s,
        ),
      ),
    ).toBe(true);
    expect(await stagesOf('empty.txt')).toContain('Rejected: The file is empty.');
    await shot('03-uploaded');

    // The table polls until every document is processed.
    const table = page.getByRole('table', { name: 'Documents' });
    for (const title of ['sleep-guide', 'habits', 'nutrition']) {
      await table
        .getByRole('row', { name: new RegExp(title) })
        .getByText('Ready')
        .waitFor();
    }
    await expect.poll(() => table.getByRole('row', { name: /empty/ }).count()).toBe(0);

    // Done: clearing the finished files closes the panel.
    await uploadPanel().getByRole('button', { name: 'Clear finished' }).click();
    await uploadPanel().waitFor({ state: 'hidden' });
  });

  it('uploads a file dropped on the drop zone', async () => {
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['Box breathing: in for four, hold for four.'], 'breathing.txt', { type: 'text/plain' }),
      );
      const zone = document.querySelector('.dropzone');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone?.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    });
    await uploadRow('breathing.txt').getByText('Ready', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: 'breathing' }).waitFor();
    await uploadPanel().getByRole('button', { name: 'Clear finished' }).click();
    await uploadPanel().waitFor({ state: 'hidden' });
  });

  it('follows processing live over the socket, without polling the documents', async () => {
    // The knowledge area keeps one socket open to the server's ingestion progress.
    expect(liveSockets.length).toBeGreaterThan(0);
    await expect.poll(() => liveFrames.some((f) => (f as { type?: string }).type === 'ready')).toBe(true);

    // Hold back every GET of documents (lists, details, the upload queue's poll) until the
    // file shows Ready: only the pushed frames can take it there.
    const held: Route[] = [];
    let isHolding = true;
    const pattern = '**/api/v1/knowledge/documents**';
    await page.route(pattern, (route) => {
      if (isHolding && route.request().method() === 'GET') held.push(route);
      else void route.fallback();
    });
    const framesBefore = liveFrames.length;
    const answered: string[] = [];
    const onResponse = (response: { url: () => string; request: () => { method: () => string } }) => {
      if (response.request().method() === 'GET' && response.url().includes('/api/v1/knowledge/documents'))
        answered.push(response.url());
    };
    page.on('response', onResponse);
    try {
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.items.add(
          new File(['Posture: shoulders down, chin tucked, stand tall.'], 'posture.txt', {
            type: 'text/plain',
          }),
        );
        const zone = document.querySelector('.dropzone');
        for (const type of ['dragenter', 'dragover', 'drop']) {
          zone?.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        }
      });
      await uploadRow('posture.txt').getByText('Ready', { exact: true }).waitFor({ timeout: 30_000 });
      // The page did ask (the upload queue's safety poll), but not one documents request was
      // answered between the upload and Ready.
      expect(held.length).toBeGreaterThan(0);
      expect(answered).toEqual([]);
    } finally {
      isHolding = false;
      page.off('response', onResponse);
      for (const route of held.splice(0)) await route.continue().catch(() => undefined);
      await page.unroute(pattern);
    }

    const frames = liveFrames.slice(framesBefore) as { type: string; status?: string; progress?: number }[];
    const documentFrames = frames.filter((f) => f.type === 'document');
    expect(documentFrames.at(-1)).toMatchObject({ status: 'ready', progress: 100 });
    // Each stage came as it was committed, before ready.
    expect(documentFrames.length).toBeGreaterThan(1);

    // Once ready the lists are fetched again (chunk count, language...).
    await page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: 'posture' }).waitFor();
    await uploadPanel().getByRole('button', { name: 'Clear finished' }).click();
    await uploadPanel().waitFor({ state: 'hidden' });
  });

  it('searches and shows the highlighted snippet with its citation', async () => {
    await page.getByRole('searchbox', { name: 'Search the knowledge base' }).fill('caffeine');
    await page.getByRole('heading', { level: 2, name: 'Search results' }).waitFor();
    const results = page.getByRole('region', { name: 'Results for caffeine' });
    const hit = results
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'sleep-guide', exact: true }) });
    await hit.first().waitFor();
    const marks = await hit.first().locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toContain('caffeine');
    const citation = await hit.first().locator('cite').textContent();
    expect(citation).toMatch(/sleep-guide · v1 · .*Caffeine/);
    await expect(
      hit
        .first()
        .getByText(/^Score \d/)
        .isVisible(),
    ).resolves.toBe(true);
    await shot('04-search');
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await page.getByRole('table', { name: 'Documents' }).waitFor();
  });

  it('opens a document and saves edited text as version 2', async () => {
    await page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: 'habits' }).click();
    await page.getByRole('heading', { level: 1, name: 'habits' }).waitFor();
    await page.getByRole('tabpanel').getByText('Drink water every morning.').waitFor();
    await shot('05-document');

    await page.getByRole('tab', { name: 'Chunks' }).click();
    await page.getByText(/^\d+ chunks? from version 1/).waitFor();

    await page.getByRole('tab', { name: 'Edit' }).click();
    const editor = page.getByLabel('Markdown text');
    await editor.waitFor();
    await expect(editor.inputValue()).resolves.toBe(HABITS_V1);
    await editor.fill(HABITS_V2);
    await page.getByLabel(/Change note/).fill('Walking instead of water');
    await shot('06-edit');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved as version 2. It is being processed.').waitFor();
  });

  it('shows version 2 as current in the history, and compares it with version 1', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const versions = page.getByRole('table', { name: 'Versions of this document' });
    const v2 = versions.getByRole('row', { name: /Version 2/ });
    await v2.getByText('Current').waitFor({ timeout: 30_000 });
    await expect(v2.getByText('Walking instead of water').isVisible()).resolves.toBe(true);
    await expect(v2.getByText('You', { exact: true }).isVisible()).resolves.toBe(true);
    await shot('07-history');

    await page.getByLabel('From', { exact: true }).selectOption('1');
    await page.getByLabel('To', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const diff = page.getByRole('figure', { name: 'Changes from version 1 to version 2' });
    await diff.waitFor();
    await expect(
      diff.locator('.diff-removed').getByText('Drink water every morning.').isVisible(),
    ).resolves.toBe(true);
    await expect(
      diff.locator('.diff-added').getByText('Walk ten thousand steps every day.').isVisible(),
    ).resolves.toBe(true);
    await expect(diff.getByText('+1 line added').isVisible()).resolves.toBe(true);
    await shot('08-compare');

    // Any version's original file downloads with its name.
    const download = page.waitForEvent('download');
    await versions.getByRole('button', { name: 'Download version 1' }).click();
    expect((await download).suggestedFilename()).toBe('habits.md');
  });

  it('restores version 1 as a new version 3', async () => {
    const versions = page.getByRole('table', { name: 'Versions of this document' });
    await versions.getByRole('button', { name: 'Restore version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore version 1?' });
    await dialog.waitFor();
    await expect(
      dialog.getByText(/Version 3 is created with the content of version 1/).isVisible(),
    ).resolves.toBe(true);
    await shot('09-restore-confirm');
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const v3 = versions.getByRole('row', { name: /Version 3/ });
    await v3.getByText('Current').waitFor({ timeout: 30_000 });
    await expect(v3.getByText('Restored from version 1').isVisible()).resolves.toBe(true);
    await expect(
      versions
        .getByRole('row', { name: /Version 2/ })
        .getByText('Current')
        .count(),
    ).resolves.toBe(0);
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByRole('tabpanel').getByText('Drink water every morning.').waitFor();
    await shot('10-restored');
  });

  it('filters documents and tags several at once', async () => {
    await page.getByRole('link', { name: 'Knowledge base' }).first().click();
    const table = page.getByRole('table', { name: 'Documents' });
    await table.getByRole('link', { name: 'nutrition' }).waitFor();

    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Markdown file' });
    await expect.poll(() => table.getByRole('link', { name: 'nutrition' }).count()).toBe(0);
    await table.getByRole('link', { name: 'sleep-guide' }).waitFor();

    await table.getByRole('checkbox', { name: 'Select all documents on this page' }).check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Add tags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add tags to 2 documents' });
    await dialog.getByLabel(/^Tags/).fill('wellbeing, basics');
    await dialog.getByRole('button', { name: 'Add tags' }).click();
    await page.getByText('Tags added to 2 documents.').waitFor();
    await table
      .getByRole('row', { name: /habits/ })
      .getByText('wellbeing')
      .waitFor();
    await expect(
      table
        .getByRole('row', { name: /sleep-guide/ })
        .getByText('basics')
        .isVisible(),
    ).resolves.toBe(true);
    await shot('11-tagged');

    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'All' });
    await page.getByLabel('Tag', { exact: true }).fill('wellbeing');
    await expect.poll(() => page.url()).toContain('tag=wellbeing');
    await table.getByRole('link', { name: 'habits' }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: 'nutrition' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await table.getByRole('link', { name: 'nutrition' }).waitFor();
  });

  it('creates, moves and deletes folders, saying what a deletion takes with it', async () => {
    await page.getByRole('button', { name: 'New folder' }).click();
    let create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Name').fill('Guides');
    await create.getByRole('button', { name: 'Create folder' }).click();
    await create.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: 'Guides' }).waitFor();
    await page.getByText('This folder is empty').waitFor();

    // A second folder at the top level, then moved into the first.
    await page.getByRole('button', { name: 'New folder' }).click();
    create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Name').fill('Archive');
    await create.getByLabel('Inside').selectOption({ label: 'Top level (no folder)' });
    await create.getByRole('button', { name: 'Create folder' }).click();
    await create.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: 'Archive' }).waitFor();
    await page.getByRole('button', { name: 'Move to…' }).click();
    const move = page.getByRole('dialog', { name: 'Move “Archive”' });
    // A folder cannot move into itself: only the other folder and the top level are offered.
    await expect(move.getByRole('option').allTextContents()).resolves.toEqual([
      'Top level (no folder)',
      '\u2003Guides',
    ]);
    await move.getByLabel('Move into').selectOption({ label: '\u2003Guides' });
    await move.getByRole('button', { name: 'Move folder' }).click();
    await move.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Collapse Guides' }).waitFor();

    // A document filed into the folder through its details, with tags, and given a new version.
    await page.getByRole('button', { name: 'All documents' }).click();
    await page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: 'nutrition' }).click();
    await page.getByRole('heading', { level: 1, name: 'nutrition' }).waitFor();
    await page.getByLabel('Folder', { exact: true }).selectOption({ label: 'Guides' });
    await page.getByLabel(/^Tags/).fill('food, strength');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();

    await page.getByRole('tab', { name: 'New version' }).click();
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'nutrition.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`Protein and sleep both help muscles recover.\n\n${NUTRITION_TXT}`),
    });
    await page.getByLabel(/Change note/).fill('Sleep matters too');
    await page.getByRole('button', { name: 'Upload new version' }).click();
    await page.getByText('Version 2 uploaded. It is being processed.').waitFor();
    await page.getByText('current: version 2').waitFor({ timeout: 30_000 });
    await shot('12-new-version');

    await page.getByRole('link', { name: 'Knowledge base' }).first().click();
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('button', { name: /^Guides/ })
      .click();
    await page.getByRole('table', { name: 'Documents' }).getByRole('link', { name: 'nutrition' }).waitFor();
    await shot('13-folder');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Guides”?' });
    await confirm.getByText(/also deletes 1 document and 1 subfolder inside it/).waitFor();
    await shot('14-delete-folder');
    await confirm.getByRole('button', { name: 'Delete folder and contents' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: 'All documents' }).waitFor();
    const table = page.getByRole('table', { name: 'Documents' });
    await table.getByRole('link', { name: 'habits' }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: 'nutrition' }).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Folders' }).getByText('Archive').count())
      .toBe(0);
  });

  it('speaks Spanish and fits a phone screen', async () => {
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Base de conocimiento' }).waitFor();
    await page.getByRole('table', { name: 'Documentos' }).getByText('Listo').first().waitFor();
    await expect(page.getByRole('button', { name: 'Elegir archivos' }).isVisible()).resolves.toBe(true);
    await shot('15-spanish');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: 'Base de conocimiento' }).waitFor();
    await shot('16-mobile-es');
    expect(pageErrors).toEqual([]);
  });
});
