// @vitest-environment happy-dom
import type {
  WidgetClientFrame,
  WidgetMessage,
  WidgetServerFrame,
  WidgetSession,
} from '@companero/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatContext, ChatHandle, Launcher, ResolvedOptions, WidgetEventName } from '../bridge.ts';
import { mountChat } from './mount-chat.ts';

const API = 'https://coach.example.com';
const KEY = 'wk_0123456789abcdefghijklmnopqrstuvwx';

const widgetMessage = (id: number, role: WidgetMessage['role'], content: string): WidgetMessage => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  role,
  content,
  createdAt: '2025-01-01T00:00:00.000Z',
  clientMessageId: null,
  citations: [],
  quickReplies: [],
  media: null,
  attachments: [],
});

/** A WebSocket the test plays the server of. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  static readonly OPEN = 1;
  readonly OPEN = 1;
  readyState = 0;
  sent: WidgetClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  /** The server accepts the socket and says ready. */
  accept() {
    this.readyState = 1;
    this.onopen?.();
    this.push({ type: 'ready', conversationId: '00000000-0000-4000-8000-0000000000c0', status: 'bot' });
  }
  push(frame: WidgetServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const session = (token: string): WidgetSession => ({
  token,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  visitorId: 'visitor_0123456789abcdef',
  conversationId: '00000000-0000-4000-8000-0000000000c0',
  status: 'bot',
  config: { coachName: 'Coach Lucía', theme: {} as WidgetSession['config']['theme'] },
});

function createLauncher() {
  const launcher = { isOpen: false, unread: 0, focused: 0 };
  const api: Launcher = {
    setOpen: (isOpen) => {
      launcher.isOpen = isOpen;
    },
    setUnread: (count) => {
      launcher.unread = count;
    },
    setTheme: () => {},
    focus: () => {
      launcher.focused++;
    },
    remove: () => {},
  };
  return { launcher, api };
}

function mount(options: Partial<ResolvedOptions>, theme?: ChatContext['theme']) {
  const events: Array<[WidgetEventName, unknown]> = [];
  const { launcher, api } = createLauncher();
  const handle: ChatHandle = mountChat({
    options: {
      key: KEY,
      mode: 'bubble',
      target: undefined,
      locale: 'en',
      api: API,
      transport: 'websocket',
      isPreview: false,
      coachName: undefined,
      ...options,
    },
    config: Promise.resolve(null),
    theme,
    launcher: () => api,
    emit: (event, payload) => events.push([event, payload]),
  });
  const shadow = () => document.querySelector('companero-chat')!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector);
  const bubbles = () => [...shadow().querySelectorAll('.msg .bubble')].map((bubble) => bubble.textContent);
  const type = (text: string, key = 'Enter', shiftKey = false) => {
    const input = $<HTMLTextAreaElement>('textarea')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  };
  return { handle, events, launcher, shadow, $, bubbles, type };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  FakeSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the preview (dashboard)', () => {
  it('shows the themed chat with a greeting and two sample messages, without any network call', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const target = document.createElement('div');
    document.body.append(target);
    const { $, bubbles, events } = mount(
      { mode: 'inline', target, isPreview: true, coachName: 'Coach Lucía' },
      { greeting: 'Welcome to my corner!', primaryColor: '#0f766e', subtitle: 'Replies in seconds' },
    );
    await flush();
    expect(target.querySelector('companero-chat')).not.toBeNull();
    expect(bubbles()).toEqual([
      'Welcome to my corner!',
      'Hi! Can you help me build a morning routine?',
      'Of course! Let’s start small: one glass of water and five minutes of stretching.',
    ]);
    expect($('.title')?.textContent).toBe('Coach Lucía');
    expect($('.subtitle')?.textContent).toBe('Replies in seconds');
    expect($('.root')?.style.getPropertyValue('--cw-primary')).toBe('#0f766e');
    expect(events.map(([event]) => event)).toContain('ready');
    expect(fetch).not.toHaveBeenCalled();
    expect(FakeSocket.instances).toEqual([]);
  });

  it('re-renders with a new theme from setTheme, in its language', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const target = document.createElement('div');
    document.body.append(target);
    const { handle, $, bubbles } = mount({ mode: 'inline', target, isPreview: true, locale: undefined });
    await flush();
    handle.setTheme({
      title: 'Coach Ana',
      language: 'es',
      primaryColor: '#be123c',
      customCss: '.title{color:red}',
    });
    expect($('.title')?.textContent).toBe('Coach Ana');
    expect($<HTMLTextAreaElement>('textarea')?.placeholder).toBe('Escribe un mensaje…');
    expect($('.root')?.style.getPropertyValue('--cw-primary')).toBe('#be123c');
    expect(bubbles()[0]).toBe('¡Hola! ¿Me ayudas a crear una rutina de mañana?');
    const sheets = document.querySelector('companero-chat')!.shadowRoot!.adoptedStyleSheets;
    expect(sheets.at(-1)?.cssRules[0]?.cssText).toContain('.title');
  });

  it('sends with Enter, keeps a new line with Shift+Enter, and stays offline', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const target = document.createElement('div');
    document.body.append(target);
    const { bubbles, type, $ } = mount({ mode: 'inline', target, isPreview: true });
    await flush();
    type('line one', 'Enter', true);
    expect(bubbles()).toHaveLength(2);
    type('Does this <b>work</b>?');
    expect(bubbles().at(-1)).toBe('Does this <b>work</b>?');
    expect($('.list b')).toBeNull();
    expect($<HTMLTextAreaElement>('textarea')?.value).toBe('');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('the popup', () => {
  it('is a modal dialog that Escape closes, giving focus back to what opened it', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { handle, $, shadow, events } = mount({ mode: 'popup', isPreview: true });
    handle.open();
    const dialog = $('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(shadow().activeElement?.tagName).toBe('TEXTAREA');
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector<HTMLElement>('companero-chat')?.style.getPropertyValue('display')).toBe(
      'none',
    );
    expect(document.activeElement).toBe(opener);
    expect(events.map(([event]) => event)).toEqual(['ready', 'open', 'close']);
  });
});

describe('the live chat', () => {
  function withServer(history: WidgetMessage[] = []) {
    let tokens = 0;
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        calls.push(`${init.method ?? 'GET'} ${url.replace(API, '')}`);
        if (url.endsWith('/api/v1/widget/sessions')) {
          return new Response(JSON.stringify(session(`token-${++tokens}`)), { status: 201 });
        }
        if (url.includes('/api/v1/widget/messages')) {
          return new Response(JSON.stringify({ items: history, hasMore: false }), { status: 200 });
        }
        return new Response(null, { status: 202 });
      }),
    );
    return { calls };
  }

  it('starts a session, shows the history, connects with the token and resumes after the last message', async () => {
    const { calls } = withServer([widgetMessage(1, 'assistant', 'Hello again')]);
    const chat = mount({});
    chat.handle.open();
    await flush();
    expect(calls.filter((call) => !call.includes('analytics'))).toEqual([
      'POST /api/v1/widget/sessions',
      'GET /api/v1/widget/messages?limit=50',
    ]);
    const beacons = vi
      .mocked(fetch)
      .mock.calls.filter(([url]) => String(url).endsWith('/analytics'))
      .map(([, init]) => JSON.parse(String(init?.body)));
    expect(beacons).toEqual([{ key: KEY, events: [{ type: 'widget_opened', at: expect.any(String) }] }]);
    expect(chat.bubbles()).toEqual(['Hello again']);
    const socket = FakeSocket.instances[0]!;
    expect(socket.url).toBe('wss://coach.example.com/api/v1/widget/live');
    expect(socket.protocols).toEqual(['companero.v1', 'bearer.token-1']);
    socket.accept();
    expect(socket.sent[0]).toEqual({ type: 'resume', after: widgetMessage(1, 'assistant', '').id });
    // The visitor id is kept for the next visit, the token is not.
    expect(localStorage.getItem(`companero:${KEY}:visitor`)).toBe('visitor_0123456789abcdef');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('token-1');
  });

  it('sends a message written before the session was ready once connected', async () => {
    withServer();
    const chat = mount({});
    chat.handle.open();
    chat.type('Written at once');
    expect(chat.bubbles()).toEqual(['Written at once']);
    await flush();
    const socket = FakeSocket.instances[0]!;
    socket.accept();
    expect(socket.sent.filter((frame) => frame.type === 'message')).toMatchObject([
      { type: 'message', content: 'Written at once' },
    ]);
  });

  it('streams a reply into one bubble, then shows the stored reply with its citations', async () => {
    withServer();
    const chat = mount({});
    chat.handle.open();
    await flush();
    const socket = FakeSocket.instances[0]!;
    socket.accept();
    chat.type('How much sleep do I need?');
    const sent = socket.sent.find((frame) => frame.type === 'message');
    expect(sent).toMatchObject({ type: 'message', content: 'How much sleep do I need?' });
    const clientMessageId = sent?.type === 'message' ? sent.clientMessageId : '';
    expect(chat.shadow().textContent).toContain('Sending…');
    socket.push({ type: 'ack', clientMessageId, messageId: widgetMessage(2, 'user', '').id });
    expect(chat.shadow().textContent).not.toContain('Sending…');

    socket.push({ type: 'typing', who: 'assistant', typing: true });
    expect(chat.$('.typing')?.hidden).toBe(false);
    const reply = { ...widgetMessage(3, 'assistant', 'Seven to nine hours. [1]') };
    socket.push({ type: 'delta', replyId: reply.id, text: 'Seven to ' });
    socket.push({ type: 'delta', replyId: reply.id, text: 'nine' });
    expect(chat.bubbles()).toEqual(['How much sleep do I need?', 'Seven to nine']);
    expect(chat.$('.typing')?.hidden).toBe(true);
    socket.push({
      type: 'message',
      message: { ...reply, citations: [{ n: 1, title: 'Sleep guide', page: 3 }] },
    });
    expect(chat.bubbles()).toEqual(['How much sleep do I need?', 'Seven to nine hours. [1]']);
    expect(chat.$('.cites')?.textContent).toBe('[1] Sleep guide, p. 3');
    expect(chat.events.filter(([event]) => event === 'message')).toHaveLength(1);
    // Read while open and visible.
    expect(socket.sent.at(-1)).toEqual({ type: 'read', messageId: reply.id });
  });

  it('counts replies that arrive while closed on the launcher, and clears them on open', async () => {
    withServer();
    const chat = mount({});
    chat.handle.open();
    await flush();
    const socket = FakeSocket.instances[0]!;
    socket.accept();
    chat.handle.close();
    socket.push({ type: 'message', message: widgetMessage(5, 'creator', 'Are you still there?') });
    socket.push({ type: 'message', message: widgetMessage(5, 'creator', 'Are you still there?') });
    socket.push({ type: 'message', message: widgetMessage(6, 'assistant', 'Here is a tip.') });
    expect(chat.launcher.unread).toBe(2);
    expect(sessionStorage.getItem(`companero:${KEY}:unread`)).toBe('2');
    expect(chat.events.filter(([event]) => event === 'unread').map(([, count]) => count)).toEqual([1, 2]);
    expect(socket.sent.some((frame) => frame.type === 'read')).toBe(false);

    chat.handle.open();
    expect(chat.launcher.unread).toBe(0);
    expect(socket.sent.at(-1)).toEqual({ type: 'read', messageId: widgetMessage(6, 'assistant', '').id });
  });

  it('offers the latest reply’s quick replies and sends the one clicked', async () => {
    withServer();
    const chat = mount({});
    chat.handle.open();
    await flush();
    const socket = FakeSocket.instances[0]!;
    socket.accept();
    socket.push({
      type: 'message',
      message: {
        ...widgetMessage(7, 'assistant', 'Pick one'),
        quickReplies: [
          { id: 'a', label: 'Morning' },
          { id: 'b', label: 'Evening' },
        ],
      },
    });
    const buttons = [...chat.shadow().querySelectorAll<HTMLButtonElement>('.quick button')];
    expect(buttons.map((button) => button.textContent)).toEqual(['Morning', 'Evening']);
    buttons[1]!.click();
    expect(socket.sent.at(-1)).toMatchObject({ type: 'message', content: 'Evening' });
    expect(chat.$('.quick')?.hidden).toBe(true);
  });

  it('shows a refused site as an error and stops reconnecting', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ code: 'ORIGIN_NOT_ALLOWED', detail: 'no' }), {
            status: 403,
          }),
      ),
    );
    const chat = mount({});
    chat.handle.open();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(chat.$('.banner')?.textContent).toBe('This chat is not available on this site.');
    expect(chat.$('.banner')?.getAttribute('role')).toBe('alert');
    expect(FakeSocket.instances).toEqual([]);
  });

  it('marks a rate-limited message as not sent, with a retry that sends the same id again', async () => {
    withServer();
    const chat = mount({});
    chat.handle.open();
    await flush();
    const socket = FakeSocket.instances[0]!;
    socket.accept();
    chat.type('One more');
    const sent = socket.sent.at(-1);
    const clientMessageId = sent?.type === 'message' ? sent.clientMessageId : '';
    socket.push({ type: 'error', code: 'RATE_LIMITED', detail: 'slow down', clientMessageId });
    expect(chat.shadow().textContent).toContain('Not sent');
    expect(chat.$('.banner')?.textContent).toContain('too fast');
    chat.$<HTMLButtonElement>('button.retry')!.click();
    expect(socket.sent.at(-1)).toEqual({ type: 'message', clientMessageId, content: 'One more' });
  });

  it('forgets the visitor on reset and starts a new session without the old id', async () => {
    const { calls } = withServer([widgetMessage(1, 'assistant', 'Old conversation')]);
    const chat = mount({});
    chat.handle.open();
    await flush();
    chat.handle.reset();
    expect(localStorage.getItem(`companero:${KEY}:visitor`)).toBeNull();
    await flush();
    expect(calls.filter((call) => call.includes('sessions'))).toHaveLength(2);
    const bodies = vi
      .mocked(fetch)
      .mock.calls.filter(([url]) => String(url).endsWith('/sessions'))
      .map(([, init]) => JSON.parse(String(init?.body)));
    expect(bodies[0].visitorId).toBeUndefined();
    expect(bodies[1].visitorId).toBeUndefined();
  });
});
