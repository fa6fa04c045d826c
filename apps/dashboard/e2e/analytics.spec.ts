import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AnalyticsOverview } from '@companero/contracts';
import { type Browser, type BrowserContext, chromium, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../server/src/testing/http.ts';
import { multipart } from '../../server/src/testing/knowledge.ts';

// The analytics page as a creator uses it, in a real browser against the real
// server: events recorded through the API over the last day (two channels,
// AI answers with their latency, ratings, handoffs, citations of a real
// document, an unanswered question, a program's funnel, subscriptions) show
// up as KPI cards with their trend, as drawn charts and as tables; the period
// lives in the address (Back works), a custom range is checked before it is
// asked for; exports download as CSV, Excel and PDF with the creator's own
// figures; a new creator sees how to get started and never another's data.

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

const TZ = 'Europe/Madrid';
const QUESTION = 'Can I pause my membership while I travel in August?';

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let creator: Awaited<ReturnType<typeof signUpAndLogIn>>;
let stranger: Awaited<ReturnType<typeof signUpAndLogIn>>;
const pageErrors: string[] = [];

/** What the page must show for the 30-day period: what the engine recorded for the real conversation, plus what we seeded. */
const expected = { activeUsers: 0, messagesReceived: 0, webMessages: 0, whatsappMessages: 0, timesAsked: 0 };

const shot = (name: string, target: Page = page) =>
  target.screenshot({ path: `${SHOTS}analytics-${name}.png`, animations: 'disabled' });
/**
 * One section of the page, whole: the window is made tall enough for it
 * first, or the sticky top bar would be painted over the part scrolled to.
 */
async function shotOf(name: string, section: string) {
  const region = page.getByRole('region', { name: section, exact: true });
  const size = page.viewportSize()!;
  const box = (await region.boundingBox())!;
  await page.setViewportSize({ width: size.width, height: Math.ceil(box.height) + 160 });
  await region.scrollIntoViewIfNeeded();
  await region.screenshot({ path: `${SHOTS}analytics-${name}.png`, animations: 'disabled' });
  await page.setViewportSize(size);
}

type Who = { auth: { authorization: string } };

/** A call to the API as a creator (what their own app or an automation would do). */
async function call(who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await testApp!.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const overviewOf = (who: Who, query = 'period=30d') =>
  call(who, 'GET', `/analytics/overview?${query}`) as Promise<AnalyticsOverview>;
const kpiOf = (o: AnalyticsOverview, key: string) => o.kpis.find((k) => k.key === key)?.value ?? 0;

/** `minutes` ago, as the API takes times. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * A day of a small coaching business, recorded through the API: six clients
 * (four on the website, two on WhatsApp), the AI's answers, ratings, handoffs,
 * citations, a program's funnel and two subscriptions.
 */
function seededEvents(ids: { documentId: string; programId: string; steps: string[]; questionId: string }) {
  const events: object[] = [];
  const clients = [
    { channel: 'web', messages: 3 },
    { channel: 'web', messages: 3 },
    { channel: 'web', messages: 3 },
    { channel: 'web', messages: 3 },
    { channel: 'whatsapp', messages: 2 },
    { channel: 'whatsapp', messages: 2 },
  ] as const;
  const sentiments = ['positive', 'neutral', 'negative', 'positive'] as const;
  let minute = 20 * 60; // from 20 hours ago…
  let n = 0;
  clients.forEach((client, index) => {
    const endUserId = randomUUID();
    const conversationId = randomUUID();
    events.push({
      type: 'conversation_started',
      at: ago(minute),
      endUserId,
      data: { conversationId, channel: client.channel },
    });
    for (let m = 0; m < client.messages; m++) {
      minute -= 25; // …every 25 minutes, towards now
      n += 1;
      events.push(
        {
          type: 'message_received',
          at: ago(minute),
          endUserId,
          data: { conversationId, channel: client.channel, sentiment: sentiments[n % sentiments.length] },
        },
        {
          type: 'ai_answer',
          at: ago(minute - 1),
          endUserId,
          data: {
            conversationId,
            latencyMs: 600 + n * 90,
            firstTokenMs: 250,
            inputTokens: 900,
            outputTokens: 120,
            groundedness: 0.8,
            noAnswer: false,
            model: 'offline',
          },
        },
        {
          type: 'message_sent',
          at: ago(minute - 1),
          endUserId,
          data: { conversationId, channel: client.channel, role: 'assistant' },
        },
      );
      if (m === 0 && index < 4) {
        events.push({
          type: 'document_cited',
          at: ago(minute - 1),
          endUserId,
          data: { documentId: ids.documentId, chunkId: null, conversationId },
        });
      }
    }
    // Ratings: five up, one down.
    events.push({
      type: 'feedback',
      at: ago(minute - 2),
      endUserId,
      data: { messageId: randomUUID(), rating: index === 5 ? 'down' : 'up' },
    });
    // The program: all six enrol, five pass the first step, three the second, two finish, one drops.
    const enrollmentId = randomUUID();
    const program = { programId: ids.programId, enrollmentId };
    events.push({ type: 'program_enrolled', at: ago(minute - 3), endUserId, data: program });
    if (index < 5)
      events.push({
        type: 'program_step_completed',
        at: ago(minute - 4),
        endUserId,
        data: { ...program, nodeId: ids.steps[0] },
      });
    if (index < 3)
      events.push({
        type: 'program_step_completed',
        at: ago(minute - 5),
        endUserId,
        data: { ...program, nodeId: ids.steps[1] },
      });
    if (index < 2) events.push({ type: 'program_finished', at: ago(minute - 6), endUserId, data: program });
    if (index === 5)
      events.push({
        type: 'program_dropped',
        at: ago(minute - 6),
        endUserId,
        data: { ...program, nodeId: ids.steps[0] },
      });
    if (index < 2)
      events.push({
        type: 'subscription_started',
        at: ago(minute - 7),
        endUserId,
        data: { subscriptionId: `sub_${index}`, plan: 'monthly', amountCents: 2900, currency: 'EUR' },
      });
    if (index === 1 || index === 4)
      events.push({
        type: 'handoff',
        at: ago(minute - 8),
        endUserId,
        data: { conversationId, reason: index === 1 ? 'user_request' : 'crisis' },
      });
  });
  // The question the coach could not answer, asked twice.
  for (const at of [ago(90), ago(30)])
    events.push({
      type: 'ai_answer',
      at,
      data: {
        conversationId: randomUUID(),
        latencyMs: 2400,
        firstTokenMs: null,
        inputTokens: 800,
        outputTokens: 40,
        groundedness: null,
        noAnswer: true,
        model: 'offline',
        questionId: ids.questionId,
      },
    });
  return events;
}

async function logIn(target: Page, who: { email: string; password: string }) {
  await target.goto(`${baseUrl}/login`);
  await target.getByLabel('Email').fill(who.email);
  await target.getByLabel('Password').fill(who.password);
  await target.getByRole('button', { name: 'Log in' }).click();
  await target.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
}

const kpi = (key: string, target: Page = page) => target.locator(`[data-kpi="${key}"]`);
const kpiValue = (key: string, target: Page = page) =>
  kpi(key, target).locator('.an-kpi-value').textContent();
const range = (target: Page = page) => target.getByTestId('analytics-range').textContent();
/** How many pixels of a chart's canvas are painted (a blank canvas has none). */
const paintedPixels = (canvas: ReturnType<Page['locator']>) =>
  canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
    return painted;
  });

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path();
  expect(path).toBeTruthy();
  return readFileSync(path!);
}

describe('analytics, in a browser', () => {
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
    creator = await signUpAndLogIn(testApp.app, testApp.mailer);
    stranger = await signUpAndLogIn(testApp.app, testApp.mailer);
    await call(creator, 'PATCH', '/assistant/settings', { defaultTimezone: TZ });

    // Real things for the figures to point at: a document, a program, a client's question.
    const upload = multipart([
      { name: 'sleep-guide.md', content: '# Sleep guide\n\nGo to bed at the same time.' },
    ]);
    const uploaded = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/knowledge/documents',
      headers: { ...creator.auth, ...upload.headers },
      payload: upload.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const documentId = (uploaded.json() as { accepted: { id: string }[] }).accepted[0]!.id;
    const [template] = (await call(creator, 'GET', '/program-templates')) as { key: string }[];
    const program = (await call(creator, 'POST', '/programs', {
      name: 'Sleep reset',
      templateKey: template!.key,
    })) as { id: string; draft: { nodes: { id: string; type: string }[] } };
    const steps = program.draft.nodes.filter((node) => node.type !== 'start').map((node) => node.id);
    expect(steps.length).toBeGreaterThanOrEqual(2);

    const client = await call(creator, 'POST', '/end-users', {
      displayName: 'Irene',
      widgetVisitorId: `visitor-irene-${Date.now()}`,
    });
    const conversation = await call(creator, 'POST', '/conversations', {
      endUserId: client.id,
      channel: 'web',
    });
    const asked = await call(creator, 'POST', `/conversations/${conversation.id}/messages`, {
      content: QUESTION,
    });

    // What the engine recorded for that conversation (flushed within a second), before our own events.
    const baseline = await eventually(async () => {
      const first = await overviewOf(creator);
      expect(kpiOf(first, 'messagesReceived')).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1500));
      const second = await overviewOf(creator);
      expect(second.kpis).toEqual(first.kpis);
      return second;
    }, 15_000);

    const events = seededEvents({ documentId, programId: program.id, steps, questionId: asked.message.id });
    const result = await call(creator, 'POST', '/analytics/events', { events });
    expect(result).toEqual({ accepted: events.length, rejected: [] });

    const channel = (o: AnalyticsOverview, name: string) =>
      o.channels.find((c) => c.channel === name)?.messages ?? 0;
    expected.activeUsers = kpiOf(baseline, 'activeUsers') + 6;
    expected.messagesReceived = kpiOf(baseline, 'messagesReceived') + 16;
    expected.webMessages = channel(baseline, 'web') + 12;
    expected.whatsappMessages = channel(baseline, 'whatsapp') + 4;
    // The engine itself may have recorded the question as unanswered; we add it twice.
    expected.timesAsked = (baseline.unansweredQuestions.find((q) => q.question === QUESTION)?.count ?? 0) + 2;

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Reduced motion: charts draw at once, so a screenshot or a pixel check sees them finished.
    context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'en-US',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('opens analytics from the menu, showing a skeleton while the figures load', async () => {
    await logIn(page, creator);
    // Hold the first answer back a moment, to see the loading state.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      '**/api/v1/analytics/overview*',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading analytics…' }).waitFor();
    await shot('00-loading');
    release();
    await kpi('activeUsers').waitFor();
    expect(new URL(page.url()).pathname).toBe('/analytics');
  });

  it('shows the seeded figures as KPI cards, in four sections, in the creator’s time zone', async () => {
    for (const section of ['Engagement', 'AI performance', 'Programs', 'Business'])
      await page.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    await page.getByText(`Times in ${TZ}`).waitFor();

    await expect(kpiValue('activeUsers')).resolves.toBe(String(expected.activeUsers));
    await expect(kpiValue('messagesReceived')).resolves.toBe(String(expected.messagesReceived));
    await expect(kpiValue('revenueCents')).resolves.toBe('€58.00');
    await expect(kpiValue('activeSubscriptions')).resolves.toBe('2');
    // Five thumbs up of six ratings; latency in ms or seconds; nothing before this day, so no trend yet.
    await expect(kpiValue('satisfaction')).resolves.toBe('83.3%');
    await expect(kpiValue('latencyP95Ms')).resolves.toMatch(/^\d+(\.\d)?s$|^\d+ ms$/);
    await expect(kpi('activeUsers').textContent()).resolves.toContain('vs 0 before');
    await expect(kpiValue('churnRate')).resolves.toMatch(/^(—|0%)$/);
  });

  it('draws every chart (the canvases are not blank) and offers each as a table', async () => {
    const canvases = page.locator('main canvas[role="img"]');
    await expect(canvases.count()).resolves.toBeGreaterThanOrEqual(7);
    for (const canvas of await canvases.all()) {
      await canvas.scrollIntoViewIfNeeded();
      await eventually(async () => expect(await paintedPixels(canvas)).toBeGreaterThan(500), 5000);
      await expect(canvas.getAttribute('aria-label')).resolves.toMatch(/\w+, .*\d/);
    }
    const messages = page.getByRole('img', { name: /^Messages, / });
    await expect(messages.getAttribute('aria-label')).resolves.toContain(
      `Received: ${expected.messagesReceived} in total`,
    );

    // The channel mix as a table: the website and WhatsApp messages we sent.
    const channels = page
      .locator('section.an-card')
      .filter({ has: page.getByRole('heading', { name: 'Channels', exact: true }) });
    await channels.getByRole('button', { name: 'Table' }).click();
    const table = channels.getByRole('table', { name: 'Channels' });
    await expect(table.getByRole('row', { name: /Website/ }).textContent()).resolves.toContain(
      String(expected.webMessages),
    );
    await expect(table.getByRole('row', { name: /WhatsApp/ }).textContent()).resolves.toContain(
      String(expected.whatsappMessages),
    );
    await channels.getByRole('button', { name: 'Chart' }).click();
    await channels.locator('canvas').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('01-overview');
    await shotOf('01a-engagement', 'Engagement');
    await shotOf('01b-ai', 'AI performance');
    await shotOf('01c-programs', 'Programs');
    await shotOf('01d-business', 'Business');
  });

  it('shows the funnel, retention, most cited documents and unanswered questions', async () => {
    const funnel = page.getByRole('list', { name: 'Steps of Sleep reset' });
    await expect(funnel.getByRole('listitem').first().textContent()).resolves.toMatch(/Enrolled\s*6/);
    await expect(funnel.getByRole('listitem').last().textContent()).resolves.toMatch(/Finished\s*2/);
    await expect(funnel.getByText(/drop-off/).count()).resolves.toBeGreaterThan(0);

    const cohorts = page.getByRole('table', { name: /Share of each weekly cohort/ });
    await expect(cohorts.getByRole('row').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(cohorts.textContent()).resolves.toContain('100%');

    const documents = page.getByRole('table', { name: 'Most cited documents' });
    const sleepGuide = documents.getByRole('link', { name: /sleep-guide/ });
    await expect(sleepGuide.getAttribute('href')).resolves.toMatch(/^\/knowledge\/documents\/[0-9a-f-]{36}$/);
    await expect(documents.getByRole('row', { name: /sleep-guide/ }).textContent()).resolves.toContain('4');

    const unanswered = page.getByRole('table', { name: 'Unanswered questions' });
    const row = unanswered.getByRole('row', { name: new RegExp(QUESTION.slice(0, 20)) });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe(String(expected.timesAsked));
    await expect(row.locator('time').textContent()).resolves.toMatch(/ago$|^now$/);
    await unanswered.scrollIntoViewIfNeeded();
    await shot('02-drilldown');
  });

  it('switches period through the address: Today is hourly, Back returns to 30 days', async () => {
    const thirtyDays = await range();
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Today' }).click();
    await eventually(() => expect(new URL(page.url()).searchParams.get('period')).toBe('today'));
    await eventually(async () => expect(await range()).not.toBe(thirtyDays), 10_000);
    await page.locator('.an-body:not([data-updating])').waitFor();
    const messages = page
      .locator('section.an-card')
      .filter({ has: page.getByRole('heading', { name: 'Messages', exact: true }) });
    await messages.getByRole('button', { name: 'Table' }).click();
    await expect(messages.getByRole('columnheader', { name: 'Hour' }).isVisible()).resolves.toBe(true);
    await expect(messages.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await messages.getByRole('button', { name: 'Chart' }).click();
    await shot('03-today');

    await page.goBack();
    await eventually(() => expect(new URL(page.url()).search).toBe(''));
    await eventually(async () => expect(await range()).toBe(thirtyDays), 10_000);
    await expect(
      page
        .getByRole('group', { name: 'Period' })
        .getByRole('button', { name: '30 days' })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(kpiValue('messagesReceived')).resolves.toBe(String(expected.messagesReceived));
  });

  it('checks a custom range before asking for it, and keeps it in a shareable address', async () => {
    const thirtyDays = await range();
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Custom' }).click();
    const form = page.getByRole('form', { name: 'Custom period' });
    await form.getByLabel('From').fill('2026-03-10');
    await form.getByLabel('To').fill('2026-03-01');
    await form.getByRole('button', { name: 'Apply' }).click();
    await form.getByRole('alert').getByText('The end date must be on or after the start date.').waitFor();
    await form.getByLabel('From').fill('2024-01-01');
    await form.getByLabel('To').fill('2025-06-01');
    await form.getByRole('button', { name: 'Apply' }).click();
    await form.getByRole('alert').getByText('A period can span at most 366 days.').waitFor();
    await shot('04-custom-invalid');

    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('From').fill(from);
    await form.getByLabel('To').fill(to);
    await form.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => {
      const params = new URL(page.url()).searchParams;
      expect([params.get('period'), params.get('from'), params.get('to')]).toEqual(['custom', from, to]);
    });
    await eventually(async () => expect(await range()).not.toBe(thirtyDays), 10_000);
    await page.locator('.an-body:not([data-updating])').waitFor();
    // A fresh load of the shared address shows the same range.
    const shown = await range();
    await page.reload();
    await kpi('activeUsers').waitFor();
    await expect(range()).resolves.toBe(shown);
    await expect(
      page.getByRole('form', { name: 'Custom period' }).getByLabel('From').inputValue(),
    ).resolves.toBe(from);

    // Back to the 30 days shown before: the custom fields close.
    await page.goBack();
    await eventually(() => expect(new URL(page.url()).search).toBe(''));
    await eventually(async () => expect(await range()).toBe(thirtyDays), 10_000);
    await expect(page.getByRole('form', { name: 'Custom period' }).count()).resolves.toBe(0);
  });

  it('downloads the figures as CSV (one table), Excel and PDF', async () => {
    await page.goto(`${baseUrl}/analytics?period=7d`);
    await kpi('activeUsers').waitFor();
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export figures' });
    await dialog.getByText(`(${TZ})`).waitFor();
    await dialog.getByLabel('Table', { exact: true }).selectOption({ label: 'Channels' });
    await shot('05-export');

    let download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const csvFile = await download;
    expect(csvFile.suggestedFilename()).toMatch(
      /^analytics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-channels\.csv$/,
    );
    const csv = (await downloaded(csvFile)).toString('utf8').replace('\uFEFF', '').trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^channel,/);
    expect(csv).toContain(`web,${expected.webMessages}`);
    expect(csv).toContain(`whatsapp,${expected.whatsappMessages}`);
    await dialog.getByRole('status').getByText(`${csvFile.suggestedFilename()} downloaded.`).waitFor();

    // Every day of the period, as the other table a coach most often wants.
    await dialog.getByLabel('Table', { exact: true }).selectOption({ label: 'Day by day' });
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const daily = (await downloaded(await download))
      .toString('utf8')
      .replace('\uFEFF', '')
      .trim()
      .split(/\r?\n/);
    expect(daily.length).toBe(1 + 7);

    await dialog.getByLabel(/Excel workbook/).check();
    await expect(dialog.getByLabel('Table', { exact: true }).count()).resolves.toBe(0);
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const xlsxFile = await download;
    expect(xlsxFile.suggestedFilename()).toMatch(/^analytics-.*\.xlsx$/);
    const xlsx = await downloaded(xlsxFile);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.length).toBeGreaterThan(2000);

    await dialog.getByLabel(/PDF report/).check();
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const pdfFile = await download;
    expect(pdfFile.suggestedFilename()).toMatch(/^analytics-.*\.pdf$/);
    const pdf = await downloaded(pdfFile);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(3000);

    // While the file is prepared the dialog says so; a failure is said in the dialog.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      '**/api/v1/analytics/export*',
      async (route) => {
        await held;
        await route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Unavailable',
            status: 503,
            code: 'SERVICE_UNAVAILABLE',
          }),
        });
      },
      { times: 1 },
    );
    await dialog.getByRole('button', { name: 'Download' }).click();
    await dialog.getByRole('status').getByText('Preparing your file…').first().waitFor();
    await expect(dialog.getByRole('button', { name: 'Downloading…' }).isDisabled()).resolves.toBe(true);
    await shot('05b-export-progress');
    release();
    await dialog
      .getByRole('alert')
      .getByText('We cannot reach the server right now', { exact: false })
      .waitFor();
    await shot('05c-export-error');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  });

  it('says when the figures cannot be loaded, and tries again', async () => {
    await page.route('**/api/v1/analytics/overview*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Unavailable',
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
        }),
      }),
    );
    await page.goto(`${baseUrl}/analytics?period=90d`);
    const alert = page.getByRole('alert').filter({ hasText: 'The figures could not be loaded.' });
    await alert.waitFor({ timeout: 20_000 });
    await shot('06-error');
    await page.unroute('**/api/v1/analytics/overview*');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await kpi('activeUsers').waitFor();
    await expect(kpiValue('messagesReceived')).resolves.toBe(String(expected.messagesReceived));
  });

  it('works in Spanish, in dark mode and on a phone', async () => {
    await page.goto(`${baseUrl}/analytics`);
    await kpi('activeUsers').waitFor();
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Estadísticas' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Participación' }).waitFor();
    await expect(kpi('revenueCents').textContent()).resolves.toContain('58,00\u00a0€');
    await page.getByText(`Horas en ${TZ}`).waitFor();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await shot('07-spanish-dark');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(300);
    // One column of cards: the second KPI sits under the first, not beside it.
    const first = await kpi('activeUsers').boundingBox();
    const second = await kpi('conversations').boundingBox();
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('08a-phone-top');
    await page.getByRole('heading', { level: 2, name: 'Rendimiento de la IA' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -70));
    await shot('08b-phone-ai');
    await page.getByRole('list', { name: 'Pasos de Sleep reset' }).scrollIntoViewIfNeeded();
    await shot('08c-phone-funnel');

    await page.setViewportSize({ width: 1360, height: 900 });
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
  });

  it('shows a new creator how to get started, and never another creator’s figures', async () => {
    const other = await browser!.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'en-US',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    const strangerPage = await other.newPage();
    strangerPage.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(strangerPage, stranger);
    await strangerPage.goto(`${baseUrl}/analytics`);
    const main = strangerPage.getByRole('main');
    await main.getByRole('heading', { name: 'No activity yet' }).waitFor();
    await expect(main.getByRole('link', { name: /Install the widget/ }).getAttribute('href')).resolves.toBe(
      '/widget',
    );
    await expect(main.getByRole('link', { name: /Connect WhatsApp/ }).getAttribute('href')).resolves.toBe(
      '/whatsapp/connection',
    );
    await expect(main.locator('[data-kpi]').count()).resolves.toBe(0);
    await shot('09-empty', strangerPage);

    // Even the exports hold nothing of the first creator's.
    await strangerPage.getByRole('button', { name: 'Export' }).click();
    const dialog = strangerPage.getByRole('dialog', { name: 'Export figures' });
    await dialog.getByLabel('Table', { exact: true }).selectOption({ label: 'Channels' });
    const download = strangerPage.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const csv = (await downloaded(await download))
      .toString('utf8')
      .replace('\uFEFF', '')
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatch(/^channel,/);

    const theirs = await overviewOf(stranger);
    expect(kpiOf(theirs, 'messagesReceived')).toBe(0);
    expect(theirs.topDocuments).toEqual([]);
    expect(theirs.unansweredQuestions).toEqual([]);
    await other.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
