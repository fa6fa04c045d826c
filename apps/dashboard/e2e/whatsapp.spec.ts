import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import {
  type FakeGraph,
  signWebhook,
  startFakeGraphServer,
} from '../../server/src/testing/fake-graph-server.ts';
import { eventually, signUpAndLogIn } from '../../server/src/testing/http.ts';

// The WhatsApp page as a creator uses it, in a real browser against the real
// server and worker, with a local fake of Meta's Graph API: connect a number
// (its secrets never shown again), copy the webhook URL, send a test message
// (and see Meta's error when it fails), sync and submit templates, record a
// client's consent, broadcast to opted-in clients and read the report; then
// the inbox shows WhatsApp's delivery ticks, live.

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

const TOKEN = 'EAAG-browser-test-access-token-0123456789';
const SECRET = 'app-secret-browser-test-0123';
const PHONE_NUMBER_ID = '1100000000001';
const WABA_ID = '9100000000001';
const ANA = { waId: '34611000002', phone: '+34611000002', name: 'Ana Pérez' };
const BERTA = { waId: '34611000003', phone: '+34611000003', name: 'Berta Ruiz' };

let testApp: TestApp | undefined;
let graph: FakeGraph | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let creator: Awaited<ReturnType<typeof signUpAndLogIn>>;
const pageErrors: string[] = [];
/** How many conversation sockets the server said `ready` on: live events sent after that are not missed. */
let conversationSocketsReady = 0;

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}whatsapp-${name}.png`, fullPage: true, animations: 'disabled' });

/** A call to the API as the creator. */
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

let counter = 0;
/** Meta delivers a webhook, signed with the app secret as Meta signs it. */
async function deliver(value: Record<string, unknown>) {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100000', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  });
  const res = await testApp!.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhook(raw, SECRET) },
    payload: raw,
  });
  expect(res.statusCode).toBe(200);
}

/** A client writes to the number. */
function clientWrites(who: typeof ANA, message: Record<string, unknown>) {
  counter += 1;
  return deliver({
    contacts: [{ profile: { name: who.name }, wa_id: who.waId }],
    messages: [
      {
        from: who.waId,
        id: `wamid.BROWSER${counter}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        ...message,
      },
    ],
  });
}

/** Meta reports where one of our messages stands. */
const metaReports = (wamid: string, status: string, errors?: object[]) =>
  deliver({
    statuses: [
      {
        id: wamid,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: ANA.waId,
        ...(errors ? { errors } : {}),
      },
    ],
  });

/** The WhatsApp message id Meta gave to one of our stored messages, once it was sent. */
async function wamidOf(messageId: string): Promise<string> {
  expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
  return eventually(async () => {
    const rows = (await testApp!.db.readAsTenant(creator.creatorId, (tx) =>
      tx.execute(
        `select external_id from channel_messages where direction = 'out' and message_id = '${messageId}' and external_id like 'wamid.%'`,
      ),
    )) as unknown as { external_id: string }[];
    expect(rows).toHaveLength(1);
    return rows[0]!.external_id;
  }, 10_000);
}

const nav = () => page.getByRole('navigation', { name: 'Main' });
const sections = () => page.getByRole('navigation', { name: 'WhatsApp sections' });
const dialog = () => page.getByRole('dialog');
const row = (table: string, name: string | RegExp) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: name });

describe('WhatsApp, in a browser', () => {
  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error(
        'apps/dashboard/dist is missing: run `npm run build:dashboard` (npm test does it first)',
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    graph = await startFakeGraphServer({ accessToken: TOKEN });
    // A template Meta rejected, to see its reason in the list.
    graph.templates.push({
      id: '1000000000000999',
      name: 'summer_offer',
      language: 'en_US',
      status: 'REJECTED',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Get 50% off this summer!' }],
      rejected_reason: 'PROMOTIONAL',
    });
    testApp = await createTestApp({ WHATSAPP_GRAPH_URL: graph.url }, { worker: true });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    creator = await signUpAndLogIn(testApp.app, testApp.mailer);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.routeWebSocket(/\/api\/v1\/conversations\/[^/]+\/live$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (String(message).startsWith('{"type":"ready"')) conversationSocketsReady += 1;
        ws.send(message);
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await graph?.close();
  });

  it('opens the WhatsApp page from the menu; nothing but the connection works before connecting', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();

    await nav().getByRole('link', { name: 'WhatsApp' }).click();
    await page.getByRole('heading', { level: 1, name: 'WhatsApp' }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/whatsapp/connection');
    await expect(page.getByRole('main').getByText('Coming soon').count()).resolves.toBe(0);
    await page.getByTestId('whatsapp-connection').and(page.locator('[data-connected="false"]')).waitFor();
    await page.getByText('Not connected', { exact: true }).waitFor();
    // The usual opt-out and opt-in words are there from the start.
    for (const word of ['stop', 'unsubscribe', 'baja', 'cancelar', 'start', 'alta']) {
      await page.getByRole('list', { name: /added/ }).getByText(word, { exact: true }).first().waitFor();
    }

    await sections().getByRole('link', { name: 'Templates' }).click();
    await page.getByText('Connect WhatsApp first').waitFor();
    await sections().getByRole('link', { name: 'Connection' }).click();
  });

  it('connects the number; the token and app secret are never shown again', async () => {
    // Both secrets are needed the first time; the form says so beside them.
    await page.getByLabel('WhatsApp Business account ID').fill(WABA_ID);
    await page.getByLabel('Phone number ID').fill('12ab');
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await page.getByText('Use digits only (5 to 30).').waitFor();
    await expect(page.getByLabel('Access token').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('App secret').getAttribute('aria-describedby')).resolves.toMatch(/error/);
    await shot('01-connect-errors');

    await page.getByLabel('Phone number ID').fill(PHONE_NUMBER_ID);
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByLabel('App secret').fill(SECRET);
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await page
      .getByRole('status')
      .getByText(/^Connected .*Now set up the webhook in Meta\.$/)
      .waitFor();
    await page.getByTestId('whatsapp-connection').and(page.locator('[data-connected="true"]')).waitFor();

    await expect(page.getByLabel('Access token').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('App secret').inputValue()).resolves.toBe('');
    await expect(page.getByText('Saved — enter a new value to replace it.').count()).resolves.toBe(2);
    await page.reload();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await expect(page.getByLabel('WhatsApp Business account ID').inputValue()).resolves.toBe(WABA_ID);
    const html = await page.content();
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(SECRET);
  });

  it('shows the webhook URL and verify token, each with its Copy button', async () => {
    const account = await call('GET', '/whatsapp/account');
    expect(account.webhookUrl).toMatch(/\/api\/v1\/whatsapp\/webhook$/);
    await expect(page.getByLabel('Callback URL').inputValue()).resolves.toBe(account.webhookUrl);
    await expect(page.getByLabel('Verify token').inputValue()).resolves.toBe(account.verifyToken);
    await page.getByText('subscribe to the messages field', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(account.webhookUrl);
  });

  it('sends a test message, and shows Meta’s error code and message when Meta refuses', async () => {
    const form = page.getByRole('form', { name: 'Send a test message' });
    await form.getByLabel('Send to').fill('600111222');
    await form.getByRole('button', { name: 'Send test message' }).click();
    await form.getByText('Use international format, like +34600111222.').waitFor();

    await form.getByLabel('Send to').fill('+34600111222');
    await expect(form.getByLabel('Template').inputValue()).resolves.toBe('hello_world');
    await expect(form.getByLabel('Language').inputValue()).resolves.toBe('en_US');
    await form.getByRole('button', { name: 'Send test message' }).click();
    const sent = form.getByRole('status').filter({ hasText: 'Test message sent' });
    await sent.getByText(/^wamid\./).waitFor();
    await sent.getByText('Coach Test · +1 555-010-0000').waitFor();
    await sent.getByText('TIER_1K').waitFor();
    expect(graph!.sent.at(-1)?.body).toMatchObject({ to: '34600111222', template: { name: 'hello_world' } });
    // The status shows the verified number now.
    await page.getByText('+1 555-010-0000', { exact: true }).waitFor();
    await shot('02-connected');

    graph!.failNext(1, {
      status: 400,
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
    });
    await form.getByLabel('Template').fill('welcome_back');
    await form.getByRole('button', { name: 'Send test message' }).click();
    const refused = form.getByRole('alert').filter({ hasText: 'Meta refused the test' });
    await refused.getByText('Error 132001').waitFor();
    await refused.getByText(/Template name does not exist in the translation/).waitFor();
    await shot('03-test-refused');
    await page.screenshot({ path: '/tmp/whatsapp-connection.png', fullPage: true, animations: 'disabled' });
  });

  it('syncs templates from Meta and submits a new one, which waits for approval', async () => {
    await sections().getByRole('link', { name: 'Templates' }).click();
    await page.getByText('No templates yet').waitFor();
    await page.getByRole('button', { name: 'Sync from Meta' }).click();
    await page.getByText('Synced 3 templates from Meta.').waitFor();
    const table = 'Message templates';
    await row(table, 'hello_world').getByText('Approved').waitFor();
    await row(table, 'checkin_reminder').locator('mark', { hasText: '{{1}}' }).waitFor();
    await row(table, 'summer_offer').getByText('Rejected').waitFor();
    await row(table, 'summer_offer').getByText('PROMOTIONAL').waitFor();

    await page.getByRole('button', { name: 'New template' }).click();
    await dialog().getByLabel('Name').fill('Weekly Tip');
    await dialog().getByText('Marketing', { exact: true }).click();
    await dialog().getByLabel('Text').fill('Hola {{1}}, el consejo de la semana: {{2}}');
    await dialog().getByRole('button', { name: 'Submit for approval' }).click();
    await dialog().getByText('Use only lowercase letters, digits and _.').waitFor();
    await dialog().getByLabel('Name').fill('weekly_tip');
    await dialog().getByLabel('Example for {{1}}').fill('Ana');
    await dialog().getByLabel('Example for {{2}}').fill('duerme 8 horas');
    await dialog().locator('.wa-preview-bubble').getByText('duerme 8 horas').waitFor();
    await shot('04-new-template');
    await dialog().getByRole('button', { name: 'Submit for approval' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await page.getByText('“weekly_tip” was submitted for approval').waitFor();
    await row(table, 'weekly_tip').getByText('Pending').waitFor();
    expect(graph!.templates.find((t) => t.name === 'weekly_tip')).toMatchObject({ status: 'PENDING' });
    await shot('05-templates');
  });

  it('lists contacts with their consent and 24-hour window, and records consent', async () => {
    await clientWrites(ANA, { type: 'text', text: { body: 'How much sleep do I need?' } });
    await clientWrites(BERTA, { type: 'text', text: { body: 'Hola' } });
    await clientWrites(BERTA, { type: 'text', text: { body: 'BAJA' } });
    const contacts = await eventually(async () => {
      const page = await call('GET', '/whatsapp/contacts?consent=opted_out');
      expect(page.items).toHaveLength(1);
      return (await call('GET', '/whatsapp/contacts')).items as { endUserId: string; phone: string }[];
    }, 10_000);
    const ana = contacts.find((c) => c.phone === ANA.phone)!;
    await call('PATCH', `/end-users/${ana.endUserId}`, { tags: ['vip'] });

    await sections().getByRole('link', { name: 'Contacts' }).click();
    const table = 'WhatsApp contacts';
    await row(table, ANA.name).getByText('Unknown').waitFor();
    await row(table, ANA.name).getByText('24-hour window open').waitFor();
    await row(table, ANA.name).getByText('vip').waitFor();
    await row(table, BERTA.name).getByText('Opted out').waitFor();
    await row(table, BERTA.name)
      .getByText(/Sent “baja”/)
      .waitFor();

    await page.getByRole('button', { name: `Record consent for ${ANA.name}` }).click();
    await dialog()
      .getByRole('heading', { name: `Consent of ${ANA.name}` })
      .waitFor();
    await expect(dialog().getByLabel('Opted in').isChecked()).resolves.toBe(true);
    await dialog().getByRole('button', { name: 'Save consent' }).click();
    await dialog().getByText('This field is required.').waitFor();
    await dialog().getByLabel('Where').fill('signup form');
    await dialog().getByRole('button', { name: 'Save consent' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await row(table, ANA.name).getByText('Opted in').waitFor();
    await row(table, ANA.name)
      .getByText(/signup form/)
      .waitFor();

    // Filters narrow the list and live in the address.
    await page.getByLabel('Consent', { exact: true }).selectOption('opted_in');
    await expect.poll(() => page.getByRole('table', { name: table }).getByRole('row').count()).toBe(2);
    await page.getByLabel('Tag').fill('nobody');
    await page.getByText('No contacts match these filters').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?consent=opted_in&tag=nobody');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(table, BERTA.name).waitFor();
    await shot('06-contacts');
  });

  it('broadcasts an approved template to opted-in contacts and shows the recipients report', async () => {
    await sections().getByRole('link', { name: 'Broadcasts' }).click();
    await page.getByText('No broadcasts yet').waitFor();
    await page.getByRole('button', { name: 'New broadcast' }).click();

    // Only approved templates can be picked.
    const picker = dialog().getByLabel('Template');
    const options = await picker.locator('option').allTextContents();
    expect(options.sort()).toEqual(['checkin_reminder (es)', 'hello_world (en_US)']);
    await picker.selectOption({ label: 'checkin_reminder (es)' });
    await dialog()
      .getByText(/Type \{\{name\}\} to insert each contact’s name/)
      .waitFor();
    await dialog().getByLabel('Name').fill('Monday check-in');
    await dialog().getByLabel('Value for {{1}}').fill('{{name}}');
    await dialog().getByLabel('Audience tags').fill('vip');
    await dialog().getByLabel('Audience tags').press('Enter');
    await expect
      .poll(() => dialog().getByTestId('broadcast-audience').textContent())
      .toBe('Goes to 1 opted-in contact.');
    await shot('07-new-broadcast');
    await dialog().getByRole('button', { name: 'Send broadcast' }).click();
    await dialog().waitFor({ state: 'hidden' });

    await row('Broadcasts', 'Monday check-in').getByText('checkin_reminder').waitFor();
    const report = page.getByRole('table', { name: 'Recipients of Monday check-in' });
    await report
      .getByRole('row')
      .filter({ hasText: ANA.name })
      .getByText('Sent')
      .waitFor({ timeout: 20_000 });
    await expect(report.getByRole('row').count()).resolves.toBe(2);
    await row('Broadcasts', 'Monday check-in').getByText('Done').waitFor();
    const template = graph!.sent.find((s) => s.body.to === ANA.waId && s.body.type === 'template');
    expect(template?.body).toMatchObject({
      template: { name: 'checkin_reminder', components: [{ parameters: [{ text: ANA.name }] }] },
    });
    await shot('08-broadcast-report');
    await page.screenshot({ path: '/tmp/whatsapp.png', fullPage: true, animations: 'disabled' });
  });

  it('shows WhatsApp delivery ticks in the inbox, moving live, and why a message failed or is held', async () => {
    const conversations = await call('GET', '/conversations?channel=whatsapp&limit=100');
    const conversationOf = (name: string) =>
      conversations.items.find((c: { endUser: { displayName: string } }) => c.endUser.displayName === name)
        .id as string;
    const anaConversation = conversationOf(ANA.name);
    const messages = await eventually(async () => {
      const items = (await call('GET', `/conversations/${anaConversation}/messages?limit=100`)).items;
      expect(items.filter((m: { role: string }) => m.role === 'assistant')).toHaveLength(1);
      expect(items.find((m: { role: string }) => m.role === 'assistant')?.meta.delivery?.status).toBe('sent');
      return items as { id: string; role: string }[];
    }, 10_000);
    const reply = messages.find((m) => m.role === 'assistant')!;
    const wamid = await wamidOf(reply.id);

    const before = conversationSocketsReady;
    await page.goto(`${baseUrl}/inbox/${anaConversation}`);
    await expect.poll(() => conversationSocketsReady).toBeGreaterThan(before);
    const log = page.getByRole('list', { name: 'Messages' });
    const ticks = log
      .getByRole('listitem')
      .filter({ has: page.getByRole('article', { name: 'Message from AI coach' }) })
      .getByTestId('delivery-status');
    await expect.poll(() => ticks.getAttribute('data-status')).toBe('sent');

    await metaReports(wamid, 'delivered');
    await expect.poll(() => ticks.getAttribute('data-status')).toBe('delivered');
    await metaReports(wamid, 'read');
    await expect.poll(() => ticks.getAttribute('data-status')).toBe('read');
    await expect(ticks.textContent()).resolves.toBe('Read');
    // Meta's statuses can come out of order: a late "delivered" does not take the blue ticks back.
    await metaReports(wamid, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expect(ticks.getAttribute('data-status')).resolves.toBe('read');

    // The creator writes; Meta then says it could not be delivered.
    const mine = await call('POST', `/conversations/${anaConversation}/creator-messages`, {
      content: 'Did the routine help?',
    });
    const mineTicks = log
      .getByRole('listitem')
      .filter({ hasText: 'Did the routine help?' })
      .getByTestId('delivery-status');
    await expect.poll(() => mineTicks.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    await metaReports(await wamidOf(mine.id), 'failed', [
      { code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' },
    ]);
    await mineTicks.getByText(/^Failed: Undeliverable/).waitFor();

    // Ana reacts to the coach's reply: the emoji shows on it.
    await clientWrites(ANA, { type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } });
    await eventually(async () => {
      const items = (await call('GET', `/conversations/${anaConversation}/messages?limit=100`)).items;
      expect(items.find((m: { id: string }) => m.id === reply.id).meta.reaction).toBe('👍');
    }, 10_000);
    await page.reload();
    await log.getByRole('img', { name: 'Reacted with 👍' }).waitFor();
    await shot('09-inbox-ticks');

    // Berta opted out: the creator's message is held, and the inbox says why.
    const bertaConversation = conversationOf(BERTA.name);
    const held = await call('POST', `/conversations/${bertaConversation}/creator-messages`, {
      content: 'Are you sure?',
    });
    await eventually(async () => {
      const items = (await call('GET', `/conversations/${bertaConversation}/messages?limit=100`)).items;
      expect(items.find((m: { id: string }) => m.id === held.id).meta.delivery?.status).toBe('held');
    }, 10_000);
    await page.goto(`${baseUrl}/inbox/${bertaConversation}`);
    await log
      .getByRole('listitem')
      .filter({ hasText: 'Are you sure?' })
      .getByText(/^Held: The client opted out/)
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: '/tmp/whatsapp-inbox.png', fullPage: false, animations: 'disabled' });
  });

  it('disconnects after a confirmation', async () => {
    await page.goto(`${baseUrl}/whatsapp/connection`);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect WhatsApp?' });
    await confirm.getByText(/Messages to \+1 555-010-0000 stop reaching your AI coach/).waitFor();
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByTestId('whatsapp-connection').and(page.locator('[data-connected="false"]')).waitFor();
    await page.getByText('Your verify token appears here once you save your number.').waitFor();
    await expect(call('GET', '/whatsapp/account')).resolves.toMatchObject({
      connected: false,
      hasAccessToken: false,
    });
    // Connected again for the pages that follow.
    await page.getByLabel('WhatsApp Business account ID').fill(WABA_ID);
    await page.getByLabel('Phone number ID').fill(PHONE_NUMBER_ID);
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByLabel('App secret').fill(SECRET);
    await page.getByRole('button', { name: 'Connect WhatsApp' }).click();
    await page.getByTestId('whatsapp-connection').and(page.locator('[data-connected="true"]')).waitFor();
  });

  it('reads in Spanish on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.goto(`${baseUrl}/whatsapp/contacts`);
    await page.getByRole('heading', { level: 1, name: 'WhatsApp' }).waitFor();
    await page.getByRole('table').getByText('Dado de alta', { exact: true }).waitFor();
    await shot('10-mobile-es');
  });

  it('had no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
