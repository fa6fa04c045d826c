import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../server/src/testing/http.ts';
import { uploadAndIndex } from '../../server/src/testing/knowledge.ts';

// The web chat widget as a visitor meets it: a creator's own site (another
// origin, with CSS that tries its worst) embeds loader.js from the real
// server; the visitor opens the chat, gets a reply streamed by the offline AI
// provider, reloads, loses the socket, tries an XSS payload; a site the
// creator has not allowed gets nothing.

const LOADER = fileURLToPath(new URL('../dist/loader.js', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const SLEEP_MD = `# Sleep guide

## Evening routine

Dim the lights an hour before bed. Keep the bedroom cool, around 18 degrees.

## Caffeine

Avoid coffee after noon: caffeine stays in the body for six hours or more.
Switch to herbal tea in the afternoon if you miss a warm drink.
`;

const TITLE = 'Coach Lucía';
const GREETING = 'Hi! Ask me anything about sleeping better.';
const XSS = '<img src=x onerror="window.__xss=1">';

/** A creator's site at its worst: resets everything, hides every div, restyles every button. */
const HOSTILE_CSS = `
  * { all: unset !important; }
  html { font-size: 6px; line-height: 9; color: lime; font-family: "Comic Sans MS", cursive; letter-spacing: 4px; }
  div { display: none !important; }
  button { background: red !important; font-size: 40px !important; border: 9px solid lime !important; }
  textarea, input { display: none !important; }
  body > * { position: static !important; }
`;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

const hostPage = (api: string, key: string, transport: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ana's yoga studio</title>
<style>${HOSTILE_CSS}</style></head>
<body><h1>Ana's yoga studio</h1><p>Classes every morning.</p>
<script src="${api}/widget/loader.js" data-key="${key}"${transport ? ` data-transport="${transport}"` : ''} async></script>
</body></html>`;

let testApp: TestApp | undefined;
let host: Server | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let api: string;
let site: string;
let refusedSite: string;
let creator: Awaited<ReturnType<typeof signUpAndLogIn>>;
let key = '';
const pageErrors: string[] = [];
/** The WebSockets the main page opened. */
const sockets: string[] = [];

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}widget-${name}.png`, animations: 'disabled' });
const launcher = () => page.getByRole('button', { name: /^(Open|Close) chat/ }).first();
const chat = () => page.getByRole('dialog', { name: TITLE });
const composer = () => chat().getByRole('textbox', { name: 'Message' });
const log = () => chat().getByRole('log', { name: 'Messages' });

/** One line per paragraph or line break, as a person reads it. */
const flatten = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The texts of the chat's bubbles, in order (read inside the shadow root). */
const bubbles = async () =>
  (
    await page.evaluate(() =>
      [
        ...(document
          .querySelector('companero-chat')
          ?.shadowRoot?.querySelectorAll<HTMLElement>('.msg .bubble') ?? []),
        // biome-ignore lint/performance/useDomNodeTextContent: the text as a person reads it, line breaks included
      ].map((bubble) => bubble.innerText),
    )
  ).map(flatten);

async function creatorCall(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await testApp!.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: creator.auth,
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The widget conversation's transcript as the creator's inbox stores it. */
async function transcript(): Promise<string[]> {
  const list = await creatorCall('GET', '/conversations?channel=web');
  const conversation = list.items[0];
  if (!conversation) return [];
  const messages = await creatorCall('GET', `/conversations/${conversation.id}/messages?limit=100`);
  return messages.items.map(
    (message: { role: string; content: string }) => `${message.role}: ${flatten(message.content)}`,
  );
}

async function send(text: string) {
  await composer().fill(text);
  await composer().press('Enter');
}

describe('the web chat widget, in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(LOADER)) {
      throw new Error('apps/widget/dist is missing: run `npm run build:widget` (npm test does it first)');
    }
    mkdirSync(SHOTS, { recursive: true });
    testApp = await createTestApp({}, { worker: true });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;

    host = createServer((req, res) => {
      const transport = new URL(req.url ?? '/', 'http://host').searchParams.get('transport');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(hostPage(api, key, transport));
    });
    await new Promise<void>((resolve) => host!.listen(0, '127.0.0.1', resolve));
    const hostPort = (host.address() as AddressInfo).port;
    site = `http://127.0.0.1:${hostPort}`;
    // The same page under another name: another origin, not on the allowed list.
    refusedSite = `http://localhost:${hostPort}`;

    creator = await signUpAndLogIn(testApp.app, testApp.mailer);
    await uploadAndIndex(testApp.app, creator, [{ name: 'sleep-guide.md', content: SLEEP_MD }]);
    const config = await creatorCall('PATCH', '/widget-config', {
      allowedOrigins: [site],
      theme: { title: TITLE, greeting: GREETING, primaryColor: '#0f766e', language: 'en' },
    });
    key = config.publicKey;

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('websocket', (socket) => sockets.push(socket.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await testApp?.close();
  });

  it('draws its launcher on a hostile page, untouched by the page’s CSS', async () => {
    await page.goto(site);
    await launcher().waitFor();
    const box = await launcher().boundingBox();
    expect(box).toMatchObject({ width: 60, height: 60 });
    expect(box!.x + box!.width).toBeCloseTo(1280 - 20, 0);
    expect(box!.y + box!.height).toBeCloseTo(860 - 20, 0);
    const colour = await launcher().evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(colour).toBe('rgb(15, 118, 110)');
    await shot('00-launcher');
  });

  it('opens the chat with the greeting, styled by its own stylesheet', async () => {
    await launcher().click();
    await chat().waitFor();
    await chat().getByText(GREETING).waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('companero-chat')?.shadowRoot?.activeElement?.tagName),
      )
      .toBe('TEXTAREA');
    const styles = await composer().evaluate((textarea) => {
      const style = getComputedStyle(textarea);
      return { display: style.display, fontSize: style.fontSize, letterSpacing: style.letterSpacing };
    });
    expect(styles).toEqual({ display: 'block', fontSize: '14px', letterSpacing: 'normal' });
    const panel = await chat().boundingBox();
    expect(panel!.width).toBe(380);
    await expect(launcher().getAttribute('aria-expanded')).resolves.toBe('true');
    await shot('01-open');
  });

  it('sends a message and shows the reply as it streams, then with its sources', async () => {
    // Every distinct text the reply bubble showed while it was written.
    await page.evaluate(() => {
      const root = document.querySelector('companero-chat')!.shadowRoot!;
      const seen: string[] = [];
      (window as unknown as { replyTexts: string[] }).replyTexts = seen;
      new MutationObserver(() => {
        // biome-ignore lint/performance/useDomNodeTextContent: the text as a person reads it, line breaks included
        const last = [...root.querySelectorAll<HTMLElement>('.msg.bot .bubble')].at(-1)?.innerText ?? '';
        if (last && !last.startsWith('Hi! Ask me') && seen.at(-1) !== last) seen.push(last);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await send('When should I stop drinking coffee?');
    await log().getByText('When should I stop drinking coffee?').waitFor();
    await chat()
      .getByRole('list', { name: 'Sources' })
      .getByText(/sleep-guide/)
      .waitFor({ timeout: 30_000 });
    const texts = (await page.evaluate(() => (window as unknown as { replyTexts: string[] }).replyTexts)).map(
      flatten,
    );
    const final = texts.at(-1)!;
    expect(final).toMatch(/noon|caffeine/i);
    // It grew piece by piece (the delta frames) before the stored reply replaced it.
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.slice(0, -1).every((text) => final.startsWith(text))).toBe(true);
    expect(await bubbles()).toEqual([GREETING, 'When should I stop drinking coffee?', final]);
    await shot('02-reply');
  });

  it('keeps the conversation across a reload', async () => {
    const before = (await bubbles()).slice(1); // without the greeting, shown only to new visitors
    await page.reload();
    // The tab had chatted: the chat comes back without waiting for a click.
    await launcher().click();
    await chat().getByText('When should I stop drinking coffee?').waitFor();
    await expect.poll(bubbles).toEqual(before);
  });

  it('loses nothing and duplicates nothing when the server drops the socket', async () => {
    const live = testApp!.app.websocketServer.clients;
    expect(live.size).toBe(1);
    const opened = sockets.length;
    for (const socket of live) socket.terminate();
    // Written while the widget reconnects: it waits in the outbox.
    await send('Is herbal tea fine at night?');
    // The creator writes meanwhile, from the inbox.
    const list = await creatorCall('GET', '/conversations?channel=web');
    await creatorCall('POST', `/conversations/${list.items[0].id}/creator-messages`, {
      content: 'Yes, herbal tea is a good choice.',
    });
    await log().getByText('Yes, herbal tea is a good choice.').waitFor();
    expect(sockets.length).toBe(opened + 1); // it reconnected
    await expect
      .poll(async () => (await bubbles()).filter((text) => text === 'Is herbal tea fine at night?').length)
      .toBe(1);
    await expect.poll(() => chat().getByText('Sending…').count()).toBe(0);
    const stored = await transcript();
    expect(stored.filter((line) => line === 'user: Is herbal tea fine at night?')).toHaveLength(1);
    // What the widget shows is the stored conversation, once each.
    await expect
      .poll(async () => (await bubbles()).filter((text) => text !== GREETING))
      .toEqual(stored.map((line) => line.replace(/^\w+: /, '')));
    await shot('03-after-drop');
  });

  it('shows the coach’s messages that arrive while closed as an unread count', async () => {
    await chat().getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => chat().isVisible()).toBe(false);
    const list = await creatorCall('GET', '/conversations?channel=web');
    await creatorCall('POST', `/conversations/${list.items[0].id}/creator-messages`, {
      content: 'Let me know how tonight goes!',
    });
    await page.getByRole('button', { name: 'Open chat (1 unread)' }).waitFor();
    await shot('04-unread');
    await launcher().click();
    await log().getByText('Let me know how tonight goes!').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).first().waitFor();
  });

  it('names the visitor in the creator’s inbox and tells it the visitor has read the replies', async () => {
    await page.evaluate(() => window.Companero?.identify({ name: 'Ana Pérez', email: 'ana@example.com' }));
    await expect
      .poll(async () => (await creatorCall('GET', '/conversations?channel=web')).items[0].endUser)
      .toMatchObject({ displayName: 'Ana Pérez', email: 'ana@example.com' });
    const list = await creatorCall('GET', '/conversations?channel=web');
    expect(list.items[0].visitorReadAt).not.toBeNull();
  });

  it('sends an image as a thumbnail', async () => {
    await chat()
      .locator('input[type=file]')
      .setInputFiles({ name: 'plate.png', mimeType: 'image/png', buffer: PNG });
    await chat().getByRole('button', { name: 'Remove plate.png' }).waitFor();
    await send('My dinner');
    const thumbnail = log().getByRole('img', { name: 'plate.png' });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
    await expect.poll(() => chat().getByText('Sending…').count()).toBe(0);
    expect(await transcript()).toContain('user: My dinner');
  });

  it('shows an XSS payload as text', async () => {
    await send(XSS);
    await log().getByText(XSS).waitFor();
    const result = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      images: document.querySelector('companero-chat')?.shadowRoot?.querySelectorAll('.bubble img').length,
    }));
    expect(result).toEqual({ xss: undefined, images: 0 });
    expect(pageErrors).toEqual([]);
  });

  it('works over SSE where WebSockets are not wanted', async () => {
    const other = await context.newPage();
    const otherSockets: string[] = [];
    other.on('websocket', (socket) => otherSockets.push(socket.url()));
    await other.goto(`${site}/?transport=sse`);
    await other.getByRole('button', { name: /^Open chat/ }).click();
    const dialog = other.getByRole('dialog', { name: TITLE });
    await dialog.getByText('My dinner').waitFor();
    await dialog.getByRole('textbox', { name: 'Message' }).fill('How warm should the bedroom be?');
    await dialog.getByRole('textbox', { name: 'Message' }).press('Enter');
    // Acknowledged through the answer to POST /widget/frames.
    await expect.poll(() => dialog.getByText('Sending…').count()).toBe(0);
    // The creator has the conversation now (they wrote in it): their answer comes down the event stream.
    const list = await creatorCall('GET', '/conversations?channel=web');
    await creatorCall('POST', `/conversations/${list.items[0].id}/creator-messages`, {
      content: 'Around 18 degrees.',
    });
    await dialog.getByText('Around 18 degrees.').waitFor();
    expect(otherSockets).toEqual([]);
    // The first page, still on its WebSocket, got the same messages live.
    await log().getByText('How warm should the bedroom be?').waitFor();
    await other.close();
  });

  it('gives a site the creator has not allowed nothing to show', async () => {
    const other = await context.newPage();
    const requests: number[] = [];
    other.on('response', (response) => {
      if (response.url().includes('/api/v1/widget/')) requests.push(response.status());
    });
    await other.goto(refusedSite);
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    expect(requests[0]).toBe(403);
    expect(await other.locator('companero-launcher').count()).toBe(0);
    // Opened by the page's own script, the chat says why it cannot work.
    await other.evaluate(() => window.Companero?.open());
    await other.getByRole('alert').getByText('This chat is not available on this site.').waitFor();
    await other.screenshot({ path: `${SHOTS}widget-05-refused.png`, animations: 'disabled' });
    await other.close();
  });
});
