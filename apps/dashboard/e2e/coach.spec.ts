import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../server/src/testing/http.ts';
import { uploadAndIndex } from '../../server/src/testing/knowledge.ts';

// The AI coach area as a creator uses it, in a real browser against the real
// server (no model configured: replies are composed offline from the
// creator's material, streamed over SSE): shape the personality with a live
// preview, test it in the playground, read why it answered, rate and correct.

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

const SLEEP_MD = `# Sleep guide

## Evening routine

Dim the lights an hour before bed. Keep the bedroom cool, around 18 degrees.

## Caffeine

Avoid coffee after noon: caffeine stays in the body for six hours or more.
Switch to herbal tea in the afternoon if you miss a warm drink.
`;

const COACH = {
  name: 'Coach Lucía',
  greeting: 'Hi, I’m Coach Lucía. Let’s get you sleeping well.',
  signOff: 'One night at a time!',
};
const CORRECTED = 'Stop all caffeine by 1 pm: it stays in your body for six hours or more.';

let testApp: TestApp | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let account: { email: string; password: string };
const pageErrors: string[] = [];

const shot = (name: string) =>
  page.screenshot({ path: `${SHOTS}coach-${name}.png`, fullPage: true, animations: 'disabled' });

const preview = () => page.getByRole('complementary', { name: 'Preview' });
const replies = () => page.getByRole('article', { name: `Reply from ${COACH.name}` });
const why = () => page.getByRole('complementary', { name: 'Why this answer' });

/** Every distinct text the newest reply showed while it was written (recorded in the page). */
const replyTexts = () =>
  page.evaluate(() => (window as unknown as { replyTexts: string[] }).replyTexts ?? []);

describe('AI coach, in a browser', () => {
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

    // A creator with one indexed document, made through the API: this spec is about the coach.
    const creator = await signUpAndLogIn(testApp.app, testApp.mailer);
    account = creator;
    await uploadAndIndex(testApp.app, creator, [{ name: 'sleep-guide.md', content: SLEEP_MD }]);

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

  it('logs in and opens the AI coach from the menu', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    await page.getByRole('link', { name: 'Set up your AI coach' }).waitFor();
    await shot('00-overview');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'AI coach' }).click();
    await page.getByRole('heading', { level: 1, name: 'AI coach' }).waitFor();
    await expect.poll(() => page.url()).toMatch(/\/coach\/personality$/);
    await page.getByRole('heading', { level: 2, name: 'Personality' }).waitFor();
    await shot('01-personality-empty');
  });

  it('shows every change in the preview before saving, then saves the personality', async () => {
    // Nothing set yet: the preview says the plain hello a new coach uses.
    await preview().getByText('Hi Ana!').waitFor();

    await page.getByLabel('Coach name').fill(COACH.name);
    await page.getByLabel('Greeting').fill(COACH.greeting);
    await page.getByLabel('Sign-off').fill(COACH.signOff);
    await preview().getByText(COACH.greeting).waitFor();
    await preview().getByText(COACH.signOff).waitFor();
    await preview().getByText(COACH.name, { exact: true }).waitFor();
    await preview().getByText('Not saved yet').waitFor();

    // Tone words are chips; a warm tone opens answers warmly.
    await expect(preview().getByText('Here is what my material says:').isVisible()).resolves.toBe(true);
    const tone = page.getByLabel(/^Tone/);
    await tone.fill('warm');
    await tone.press('Enter');
    await tone.fill('direct,');
    await page.getByRole('button', { name: 'Remove direct' }).waitFor();
    await preview().getByText('Great question. Here is what I teach about it:').waitFor();
    await page.getByRole('button', { name: 'Remove direct' }).click();

    await page.getByLabel(/^Areas of expertise/).fill('sleep, habits,');
    await page.getByRole('button', { name: 'Add an example' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('exampleReplies.0.question');
    await page.getByLabel('Question', { exact: true }).fill('Is a nap a good idea?');
    await page.getByLabel('Your answer').fill('A short nap before 3 pm is fine; keep it under 20 minutes.');
    await preview().getByText('Is a nap a good idea?').waitFor();

    // The Spanish preview speaks Spanish whatever the dashboard's language.
    await page.getByLabel('Reply language').selectOption('es');
    await preview().getByText('Buena pregunta. Esto es lo que enseño sobre ello:').waitFor();
    await page.getByLabel('Reply language').selectOption('auto');
    await shot('02-personality-preview');

    await page.getByRole('button', { name: 'Save personality' }).click();
    await page.getByText('Personality saved. Every channel uses it from now on.').waitFor();
    await preview().getByText('Saved settings').waitFor();

    // Saved on the server: a reload shows it.
    await page.reload();
    await expect(page.getByLabel('Coach name').inputValue()).resolves.toBe(COACH.name);
    await page.getByRole('button', { name: 'Remove warm' }).waitFor();
  });

  it('starts a test conversation and streams a cited reply in the coach’s voice', async () => {
    await page
      .getByRole('navigation', { name: 'AI coach sections' })
      .getByRole('link', { name: 'Playground' })
      .click();
    await page.getByText('No test conversation yet').waitFor();
    await shot('03-playground-empty');
    await page.getByRole('button', { name: 'New test conversation' }).click();
    const message = page.getByLabel('Message as the test member');
    await message.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('message');

    // Record each text the reply shows as it is written; a slow downlink spreads the stream out.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { replyTexts: string[] }).replyTexts = seen;
      new MutationObserver(() => {
        const bubbles = document.querySelectorAll('.chat-turn-coach .bubble-text');
        const text = bubbles[bubbles.length - 1]?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 6 * 1024,
      uploadThroughput: -1,
    });

    await message.fill('How long does caffeine stay in the body?');
    await message.press('Enter');
    const reply = replies().first();
    await reply.getByText('Composed offline from your material').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // Streamed: the page showed the reply growing, word by word, before the whole of it.
    const texts = await replyTexts();
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.at(-1)?.startsWith(texts[1] ?? '-')).toBe(true);
    const full = (await reply.locator('.bubble-text').textContent()) ?? '';
    expect(full.startsWith(COACH.greeting)).toBe(true);
    expect(full).toContain('Great question. Here is what I teach about it:');
    expect(full).toMatch(/six hours or more\.? ?\[1\]/);
    expect(full).toContain(COACH.signOff);

    // The numbered sources under it name the document and where in it.
    const sources = reply.getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('link', { name: 'sleep-guide' }).isVisible()).resolves.toBe(true);
    await expect(sources.textContent()).resolves.toMatch(/\[1\].*sleep-guide · v1/);
    // Read once, complete, by screen readers.
    await expect(
      page.locator('[aria-live="polite"]').filter({ hasText: COACH.greeting }).count(),
    ).resolves.toBe(1);
    await shot('04-playground-reply');
  });

  it('explains the reply: the passages found, the prompt, the timings', async () => {
    const reply = replies().first();
    await reply.getByRole('button', { name: 'Why this answer' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Why this answer');
    await why().locator('.why-query').getByText('How long does caffeine stay in the body?').waitFor();
    const passage = why().getByRole('listitem').filter({ hasText: 'sleep-guide' }).first();
    await passage.getByText('Used', { exact: true }).waitFor();
    await expect(passage.getByText(/^Score \d/).isVisible()).resolves.toBe(true);
    await expect(passage.textContent()).resolves.toContain('caffeine stays in the body');

    const prompt = why()
      .locator('details')
      .filter({ hasText: /^System prompt/ });
    await prompt.getByText(/^System prompt \(\d[\d,]* characters\)$/).click();
    const system = prompt.locator('pre');
    await system.waitFor();
    await expect(system.textContent()).resolves.toContain(`You are ${COACH.name}`);
    await expect(system.textContent()).resolves.toContain(`Open the conversation with: "${COACH.greeting}"`);
    await expect(why().getByText('Total time').isVisible()).resolves.toBe(true);
    await shot('05-why-this-answer');
  });

  it('takes a thumbs-up and a correction', async () => {
    const reply = replies().first();
    const up = reply.getByRole('button', { name: 'Good answer' });
    await up.click();
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
    await expect(
      reply.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed'),
    ).resolves.toBe('false');

    await reply.getByRole('button', { name: 'Correct this answer' }).click();
    const answer = reply.getByLabel('What should your coach have answered?');
    await expect.poll(() => answer.evaluate((el) => el === document.activeElement)).toBe(true);
    await reply.getByRole('button', { name: 'Save correction' }).click();
    await reply.getByText('This field is required.').waitFor();
    await answer.fill(CORRECTED);
    await shot('06-correct');
    await reply.getByRole('button', { name: 'Save correction' }).click();
    await reply.getByText('Correction saved. Similar questions get your answer from now on.').waitFor();
    await expect(answer.count()).resolves.toBe(0);
  });

  it('says plainly when its material has no answer', async () => {
    const message = page.getByLabel('Message as the test member');
    // Three topic words or more: a shorter question counts as a follow-up of the previous one.
    await message.fill('Which running shoes suit a marathon beginner?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = replies().nth(1);
    await reply.getByText('Not in your material').waitFor({ timeout: 30_000 });
    await expect(reply.locator('.bubble-text').textContent()).resolves.toContain(
      'I don’t have anything in my material about that',
    );
    await expect(reply.getByRole('list', { name: 'Sources' }).count()).resolves.toBe(0);
    // It mentions what it can help with instead.
    await expect(reply.locator('.bubble-text').textContent()).resolves.toContain('sleep and habits');
    // "Why this answer" follows the newest reply: nothing matched.
    await why().getByText('Nothing in your material matched this question.').waitFor();
    await shot('07-no-answer');
  });

  it('answers a similar question with the correction', async () => {
    await page.getByLabel('Message as the test member').fill('How long does caffeine stay in my body?');
    await page.keyboard.press('Enter');
    const reply = replies().nth(2);
    await reply.getByText('Composed offline from your material').waitFor({ timeout: 30_000 });
    await expect(reply.locator('.bubble-text').textContent()).resolves.toContain('Stop all caffeine by 1 pm');
    await reply.getByRole('list', { name: 'Sources' }).getByText('Your correction').waitFor();
  });

  it('lists the correction, the models and limits, and the alerts', async () => {
    const sections = page.getByRole('navigation', { name: 'AI coach sections' });
    await sections.getByRole('link', { name: 'Corrections' }).click();
    const corrections = page.getByRole('list', { name: 'Your corrections' });
    await corrections.getByText(CORRECTED).waitFor();
    await expect(corrections.getByText('How long does caffeine stay in the body?').isVisible()).resolves.toBe(
      true,
    );
    await corrections.getByText(/used 1 time$/).waitFor();
    await shot('08-corrections');

    await sections.getByRole('link', { name: 'Models & limits' }).click();
    await page.getByText('Offline mode').waitFor();
    await page.getByText('How to connect an AI model').waitFor();
    await expect(page.locator('pre').filter({ hasText: 'AI_CHAT_MODEL=' }).count()).resolves.toBe(1);
    await page.getByText(/^0 tokens used, no monthly limit$/).waitFor();

    // No provider is configured: a model is refused beside its field.
    await page.getByLabel(/^Reply model/).fill('openai:gpt-4o-mini');
    await page.getByLabel(/^Monthly token budget/).fill('50000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The provider “openai” is not configured on this server.').waitFor();
    await page.getByLabel(/^Reply model/).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByText(/^0 of 50,000 tokens used$/).waitFor();
    await expect(page.getByRole('progressbar', { name: 'Tokens used this month' }).isVisible()).resolves.toBe(
      true,
    );
    await shot('09-models');

    await sections.getByRole('link', { name: 'Alerts' }).click();
    await page.getByText('No open alerts').waitFor();
    await shot('10-alerts');
  });

  it('raises an alert for a crisis phrase, counted in the menu until it is handled', async () => {
    const sections = page.getByRole('navigation', { name: 'AI coach sections' });
    const coachLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^AI coach/ });
    await sections.getByRole('link', { name: 'Playground' }).click();
    await page.getByRole('button', { name: 'New test conversation' }).click();
    await expect.poll(() => page.locator('.chat-empty').count()).toBe(1);
    await page.getByLabel('Message as the test member').fill('Some days I feel there is no reason to live.');
    await page.keyboard.press('Enter');
    const reply = replies().first();
    await reply.getByText('Crisis detected').waitFor({ timeout: 30_000 });
    await expect(reply.getByText('Safety reply').isVisible()).resolves.toBe(true);
    await page.getByText(/^A crisis phrase handed this conversation to you/).waitFor();
    await expect.poll(() => coachLink.textContent()).toContain('1 open alert');

    await sections.getByRole('link', { name: /^Alerts/ }).click();
    const alert = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').first();
    await alert.getByText('Self-harm risk').waitFor();
    await expect(alert.getByText('Some days I feel there is no reason to live.').isVisible()).resolves.toBe(
      true,
    );
    await shot('10b-alert');
    await alert.getByRole('button', { name: 'Mark as handled' }).click();
    await page.getByText('No open alerts').waitFor();
    await expect.poll(() => coachLink.textContent()).not.toContain('open alert');
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page
      .getByRole('list', { name: 'Alerts' })
      .getByText(/^Handled /)
      .waitFor();
  });

  it('speaks Spanish and fits a phone screen', async () => {
    await page
      .getByRole('navigation', { name: 'AI coach sections' })
      .getByRole('link', { name: 'Playground' })
      .click();
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Coach IA' }).waitFor();
    // The conversation is still there after moving between the coach's pages.
    await page
      .getByRole('article', { name: `Respuesta de ${COACH.name}` })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Nueva conversación de prueba' }).waitFor();
    await shot('11-spanish');

    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByRole('navigation', { name: 'Secciones del coach IA' })
      .getByRole('link', { name: 'Personalidad' })
      .click();
    await page.getByRole('complementary', { name: 'Vista previa' }).waitFor();
    await shot('12-mobile-es');
    expect(pageErrors).toEqual([]);
  });
});
