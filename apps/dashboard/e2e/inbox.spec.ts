import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../server/src/testing/http.ts';

// The inbox as a creator uses it, in a real browser against the real server:
// conversations arrive live (no reload), a client asking for a human raises
// an alert the creator sees at once, the creator reads, replies, sees the
// client typing, hands back to the AI (whose reply streams in) and closes;
// the filters narrow the list and live in the address.

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

const REPLY = 'Hi Ana, it’s me. Tell me what is going on and we’ll sort it out together.';

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let creator: Awaited<ReturnType<typeof signUpAndLogIn>>;
const pageErrors: string[] = [];
let ana = '';
let carla = '';

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}inbox-${name}.png`, fullPage: false, animations: 'disabled' });

/** A call to the API as the creator (what their own app or an automation would do). */
async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await testApp!.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: creator.auth,
    ...(payload ? { payload } : {}),
  });
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function conversationWith(displayName: string, email?: string): Promise<string> {
  const user = await call('POST', '/end-users', {
    displayName,
    ...(email ? { email } : {}),
    widgetVisitorId: `visitor-${displayName.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`,
  });
  return (await call('POST', '/conversations', { endUserId: user.id, channel: 'web' })).id as string;
}

/** The client writes (through the API, as their app would). */
const clientSays = (conversationId: string, content: string) =>
  call('POST', `/conversations/${conversationId}/messages`, { content });

const list = () => page.getByRole('list', { name: 'Conversations' });
const item = (name: string) => list().getByRole('link', { name: new RegExp(`^${name}`) });
const transcript = () => page.getByRole('list', { name: 'Messages' });
const statusBadge = () => page.getByTestId('conversation-status');

describe('inbox, in a browser', () => {
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

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Offline replies are composed in a few milliseconds and their deltas can all land in one
    // render; spacing the deltas out (as a model's tokens are) lets the test see a reply grow.
    await page.routeWebSocket(/\/api\/v1\/conversations\/[^/]+\/live$/, (ws) => {
      const server = ws.connectToServer();
      let queue = Promise.resolve();
      server.onMessage((message) => {
        queue = queue.then(async () => {
          if (String(message).startsWith('{"type":"delta"')) await new Promise((r) => setTimeout(r, 30));
          ws.send(message);
        });
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('logs in and opens an empty inbox from the menu, live', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.getByText('No conversations yet').waitFor();
    await page.getByText('Pick a conversation').waitFor();
    // The inbox socket is connected before anything is sent, so nothing is missed.
    await page.locator('.inbox-live[data-status="open"]').waitFor();
    await shot('00-empty');
  });

  it('shows new conversations as they happen, and alerts when a client asks for a human', async () => {
    carla = await conversationWith('Carla Gómez');
    await clientSays(carla, 'Thanks, the morning routine works great and I feel wonderful!');
    await item('Carla Gómez').waitFor();
    await expect(item('Carla Gómez').textContent()).resolves.toContain('Website');

    ana = await conversationWith('Ana', 'ana@example.com');
    await clientSays(ana, 'Can I talk to a real person?');

    // Live, without a reload: the row with its alert, a toast naming her, a count in the tab's title.
    const row = item('Ana');
    await row.getByText('Wants a human').waitFor();
    const toast = page.getByRole('region', { name: 'Alerts' }).getByRole('status');
    await toast.getByText('Ana asked for a human').waitFor();
    await expect(toast.textContent()).resolves.toContain('Can I talk to a real person?');
    await expect.poll(() => page.title()).toBe('(1) Inbox · Compañero');
    await expect(row.textContent()).resolves.toMatch(/You’re answering/);
    await expect(row.textContent()).resolves.toMatch(/2 unread messages|1 unread message/);
    await shot('01-alert');

    await toast.getByRole('link', { name: 'Open the conversation' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/inbox/${ana}`);
    await expect.poll(() => page.title()).toBe('Inbox · Compañero');
  });

  it('opens the conversation: the transcript, the alert, who is answering; reading clears the unread count', async () => {
    await page.getByRole('heading', { level: 2, name: 'Ana' }).waitFor();
    await expect(statusBadge().textContent()).resolves.toBe('You’re answering');
    await transcript()
      .getByRole('article', { name: 'Message from Ana' })
      .getByText('Can I talk to a real person?')
      .waitFor();
    await transcript().getByRole('article', { name: 'Message from AI coach' }).waitFor();
    await page.getByText('Ana asked for a human').first().waitFor();
    await expect(page.getByText('ana@example.com').isVisible()).resolves.toBe(true);
    // Opened in view: marked read, on the server too.
    await expect.poll(() => item('Ana').textContent()).not.toMatch(/unread/);
    const summaries = await call('GET', '/conversations?unread=true');
    expect(summaries.items.map((s: { id: string }) => s.id)).toEqual([carla]);
  });

  it('replies as the creator, sees the client typing, and marks the alert handled', async () => {
    const composer = page.getByLabel('Reply to Ana');
    await composer.fill(REPLY);
    await composer.press('Enter');
    const mine = transcript().getByRole('article', { name: 'Message from You' });
    await mine.getByText(REPLY).waitFor();
    await expect(composer.inputValue()).resolves.toBe('');
    await expect(page.getByText('Sending…').count()).resolves.toBe(0);
    const messages = await call('GET', `/conversations/${ana}/messages?limit=100`);
    expect(messages.items.at(-1)).toMatchObject({ role: 'creator', content: REPLY });

    // The client's app (an API key speaks for the end user) says she is typing.
    const { secret } = await call('POST', '/api-keys', {
      name: 'Client app',
      scopes: ['conversations:read', 'conversations:write'],
    });
    await page.evaluate(
      ({ id, key }) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/api/v1/conversations/${id}/live`, [
            'companero.v1',
            `bearer.${key}`,
          ]);
          ws.onmessage = (event) => {
            if (JSON.parse(String(event.data)).type !== 'ready') return;
            ws.send(JSON.stringify({ type: 'typing', typing: true }));
            setTimeout(() => {
              ws.close();
              resolve();
            }, 300);
          };
          ws.onerror = () => reject(new Error('client socket failed'));
        }),
      { id: ana, key: secret as string },
    );
    await page.getByText('Ana is typing…').waitFor();
    await shot('02-conversation');

    await page.getByRole('button', { name: 'Mark as handled' }).click();
    await expect.poll(() => item('Ana').textContent()).not.toContain('Wants a human');
  });

  it('hands the conversation back to the AI, whose next reply arrives live', async () => {
    await page.getByRole('button', { name: 'Hand back to AI' }).click();
    await expect.poll(() => statusBadge().textContent()).toBe('AI answering');
    await page.getByRole('button', { name: 'Take over' }).waitFor();
    await expect(page.getByText('Sending takes the conversation over').isVisible()).resolves.toBe(true);

    // Record what the reply showed while it was written (streamed deltas), in the page.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { streamed: string[] }).streamed = seen;
      new MutationObserver(() => {
        const writing = document.querySelector('.inbox-log article[aria-busy="true"]');
        const text = writing?.textContent ?? '';
        if (writing && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await clientSays(ana, 'Thank you! One more question: how long should a nap be?');
    await transcript().getByText('how long should a nap be?').waitFor();
    const replies = transcript().getByRole('article', { name: 'Message from AI coach' });
    await expect.poll(() => replies.count()).toBe(2);
    await expect(page.getByText('The AI coach is writing…').count()).resolves.toBe(0);
    // It showed as being written (typing, then growing text) before the stored reply replaced it.
    const streamed = await page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
    expect(streamed[0]).toContain('The AI coach is writing…');
    expect(streamed.length).toBeGreaterThan(3);
    expect(streamed.at(-1)).toContain('I don’t have anything in my material');
  });

  it('closes the conversation after a confirmation; a closed conversation cannot be written to', async () => {
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this conversation?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close conversation' }).click();
    await expect.poll(() => statusBadge().textContent()).toBe('Closed');
    await expect(page.getByLabel('Reply to Ana').isDisabled()).resolves.toBe(true);
    await page.getByText('This conversation is closed. Reopen it to write to Ana.').waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await expect(item('Ana').textContent()).resolves.toContain('Closed');
    await page.screenshot({ path: '/tmp/inbox.png', animations: 'disabled' });
  });

  it('narrows the list with filters kept in the address', async () => {
    const filters = page.getByRole('group', { name: 'Filter conversations' });
    await filters.getByLabel('Unread only').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('unread')).toBe('1');
    await expect.poll(() => list().getByRole('link').count()).toBe(1);
    await item('Carla Gómez').waitFor();
    // The open conversation stays open while the filters change.
    await page.getByRole('heading', { level: 2, name: 'Ana' }).waitFor();

    await filters.getByLabel('Unread only').uncheck();
    await filters.getByLabel('Status').selectOption('closed');
    await expect.poll(() => list().getByRole('link').count()).toBe(1);
    await item('Ana').waitFor();

    await filters.getByLabel('Status').selectOption('');
    await filters.getByLabel('Needs attention').check();
    // Ana's alert was handled and Carla never had one.
    await page.getByText('No conversations match these filters').waitFor();
    await shot('03-filtered');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => list().getByRole('link').count()).toBe(2);
    expect(new URL(page.url()).search).toBe('');

    // Opening Carla's conversation reads it.
    await item('Carla Gómez').click();
    await page.getByRole('heading', { level: 2, name: 'Carla Gómez' }).waitFor();
    await expect.poll(() => item('Carla Gómez').textContent()).not.toMatch(/unread/);
  });

  it('follows a website visitor live: typing, the reply, and “Seen” once they read it', async () => {
    // A visitor of the creator's site, through the widget's own endpoints.
    const { publicKey } = await call('GET', '/widget-config');
    const session = await testApp!.app.inject({
      method: 'POST',
      url: '/api/v1/widget/sessions',
      payload: { key: publicKey, locale: 'en' },
    });
    expect(session.statusCode).toBe(201);
    const visitor = session.json() as { token: string; conversationId: string };
    const frame = async (body: object) => {
      const res = await testApp!.app.inject({
        method: 'POST',
        url: '/api/v1/widget/frames',
        headers: { authorization: `Bearer ${visitor.token}` },
        payload: body,
      });
      expect(res.statusCode).toBe(200);
    };
    await frame({ type: 'message', clientMessageId: 'visitor-message-1', content: 'Hello, are you there?' });

    await item('Visitor').click();
    await page.getByRole('heading', { level: 2, name: 'Visitor' }).waitFor();
    await transcript().getByText('Hello, are you there?').waitFor();
    await frame({ type: 'typing', typing: true });
    await page.getByText('Visitor is typing…').waitFor();
    await frame({ type: 'typing', typing: false });
    await expect.poll(() => page.getByText('Visitor is typing…').count()).toBe(0);

    await page.getByLabel('Reply to Visitor').fill('Yes! I’m the coach. How can I help?');
    await page.keyboard.press('Enter');
    await transcript().getByText('Yes! I’m the coach. How can I help?').waitFor();
    await expect(page.getByText('Seen', { exact: true }).count()).resolves.toBe(0);
    const messages = await call('GET', `/conversations/${visitor.conversationId}/messages?limit=100`);
    const mine = messages.items.findLast((m: { role: string }) => m.role === 'creator') as { id: string };
    await frame({ type: 'read', messageId: mine.id });
    await page.getByText('Seen', { exact: true }).waitFor();

    // Remembered by the server: still seen after a reload.
    await page.reload();
    await transcript().getByText('Yes! I’m the coach. How can I help?').waitFor();
    await page.getByText('Seen', { exact: true }).waitFor();
  });

  it('fits a phone screen one pane at a time, in Spanish', async () => {
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: 'Bandeja de entrada' }).waitFor();
    await page.getByRole('link', { name: 'Todas las conversaciones' }).click();
    await page.getByRole('list', { name: 'Conversaciones' }).waitFor();
    await shot('04-mobile-es');
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.getByRole('banner').getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    expect(pageErrors).toEqual([]);
  });
});
