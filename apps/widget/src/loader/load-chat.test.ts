// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatContext, ChatHandle } from '../bridge.ts';
import { identify } from '../commands/identify.ts';
import { init } from '../commands/init.ts';
import { on } from '../commands/on.ts';
import { open } from '../commands/open.ts';
import { reset } from '../commands/reset.ts';
import { toggle } from '../commands/toggle.ts';
import { createLoaderState, type LoaderState } from './loader-state.ts';

const KEY = 'wk_0123456789abcdefghijklmnopqrstuvwx';

function loaderFrom(src: string): LoaderState {
  const script = document.createElement('script');
  script.src = src;
  return createLoaderState(script);
}

/** Plays chat.js: what it does when the script the loader injected has loaded. */
function chatLoads() {
  const calls: string[] = [];
  let context: ChatContext | undefined;
  const chat: ChatHandle = {
    open: () => calls.push('open'),
    close: () => calls.push('close'),
    toggle: () => calls.push('toggle'),
    identify: (input) => calls.push(`identify ${input.name}`),
    reset: () => calls.push('reset'),
    setTheme: () => calls.push('setTheme'),
    destroy: () => calls.push('destroy'),
  };
  window.__companeroChat?.((mounted) => {
    context = mounted;
    return chat;
  });
  return { calls, context: () => context! };
}

const injectedScripts = () => [...document.head.querySelectorAll('script')].map((script) => script.src);

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ coachName: 'Coach Lucía', theme: {} }), { status: 200 })),
  );
  sessionStorage.clear();
  localStorage.clear();
});

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  delete window.__companeroChat;
  vi.unstubAllGlobals();
});

describe('the loader', () => {
  it('loads chat.js from its own folder on first open, once, and replays the calls made meanwhile', async () => {
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY });
    expect(injectedScripts()).toEqual([]);
    identify(state, { name: 'Ana' });
    open(state);
    toggle(state);
    expect(injectedScripts()).toEqual(['https://coach.example.com/widget/chat.js']);
    const { calls, context } = chatLoads();
    expect(calls).toEqual(['identify Ana', 'open', 'toggle']);
    expect(context().options).toMatchObject({ key: KEY, mode: 'bubble', api: 'https://coach.example.com' });
    open(state);
    expect(calls.at(-1)).toBe('open');
    expect(injectedScripts()).toHaveLength(1);
  });

  it('fetches the theme and draws the launcher in bubble mode; clicking it opens the chat', async () => {
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY });
    await vi.waitFor(() => expect(document.querySelector('companero-launcher')).not.toBeNull());
    expect(fetch).toHaveBeenCalledWith(`https://coach.example.com/api/v1/widget/config/${KEY}`);
    const button = document.querySelector('companero-launcher')!.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Open chat');
    button.click();
    expect(chatLoads().calls).toEqual(['toggle']);
  });

  it('draws no launcher when the site is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"code":"ORIGIN_NOT_ALLOWED"}', { status: 403 })),
    );
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY });
    await state.config;
    await Promise.resolve();
    expect(document.querySelector('companero-launcher')).toBeNull();
  });

  it('mounts inline at once, and makes no api call in preview', () => {
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY, mode: 'inline', target: '#chat', preview: true });
    expect(injectedScripts()).toEqual(['https://coach.example.com/widget/chat.js']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    const seen: number[] = [];
    const off = on(state, 'unread', (count) => seen.push(count));
    init(state, { key: KEY, mode: 'inline', preview: true });
    const { context } = chatLoads();
    context().emit('unread', 1);
    off();
    context().emit('unread', 2);
    expect(seen).toEqual([1]);
  });

  it('keeps the chat working when a page listener throws', () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    const seen: string[] = [];
    on(state, 'open', () => {
      throw new Error('page bug');
    });
    on(state, 'open', () => seen.push('second'));
    init(state, { key: KEY, mode: 'inline', preview: true });
    chatLoads().context().emit('open', undefined);
    expect(seen).toEqual(['second']);
    expect(reportError).toHaveBeenCalled();
  });

  it('forgets the visitor on reset even before the chat was loaded', () => {
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY });
    localStorage.setItem(`companero:${KEY}:visitor`, 'visitor_0123456789abcdef');
    reset(state);
    expect(localStorage.getItem(`companero:${KEY}:visitor`)).toBeNull();
    expect(injectedScripts()).toEqual([]);
  });

  it('brings the chat back at once on the next page of a tab that already chatted', () => {
    sessionStorage.setItem(`companero:${KEY}:unread`, '0');
    const state = loaderFrom('https://coach.example.com/widget/loader.js');
    init(state, { key: KEY });
    expect(injectedScripts()).toHaveLength(1);
  });
});
