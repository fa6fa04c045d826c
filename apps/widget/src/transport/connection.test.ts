import { randomUUID } from 'node:crypto';
import type { WidgetClientFrame, WidgetMessage, WidgetServerFrame } from '@companero/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportKind } from '../bridge.ts';
import { createMessageStore } from '../chat/message-store.ts';
import { BACKOFF_CAP_MS } from './backoff.ts';
import { type ConnectionStatus, createConnection, DEAD_AFTER_MS, HEARTBEAT_MS } from './connection.ts';
import type { Link, LinkEvents } from './link.ts';

const CONVERSATION = '00000000-0000-4000-8000-00000000c0de';

const stored = (role: WidgetMessage['role'], content: string, clientMessageId: string | null = null) => ({
  id: randomUUID(),
  role,
  content,
  createdAt: new Date().toISOString(),
  clientMessageId,
  citations: [],
  quickReplies: [],
  media: null,
  attachments: [],
});

interface FakeLink extends Link {
  kind: TransportKind;
  token: string;
  events: LinkEvents;
  sent: WidgetClientFrame[];
  isClosed: boolean;
}

/**
 * The server side of the protocol, as docs/widget.md states it: a repeated
 * clientMessageId is stored once (and acknowledged again), `resume` replays
 * what came after the given id, then `synced`.
 */
function createFakeServer() {
  const messages: WidgetMessage[] = [];
  const links: FakeLink[] = [];
  /** The next visitor message is stored, then the link drops before any answer. */
  let shouldDropAfterStoring = false;
  /** The next visitor message is refused with this error code. */
  let refusal: string | undefined;

  const live = () => links.filter((link) => !link.isClosed);
  const push = (link: FakeLink, frame: WidgetServerFrame) => {
    if (!link.isClosed) link.events.onFrame(frame);
  };

  function handle(link: FakeLink, frame: WidgetClientFrame) {
    if (frame.type === 'resume') {
      const start = frame.after ? messages.findIndex((message) => message.id === frame.after) + 1 : 0;
      for (const message of messages.slice(start)) push(link, { type: 'message', message });
      push(link, { type: 'synced', lastMessageId: messages.at(-1)?.id ?? null });
    } else if (frame.type === 'message') {
      if (refusal) {
        push(link, {
          type: 'error',
          code: refusal,
          detail: 'refused',
          clientMessageId: frame.clientMessageId,
        });
        refusal = undefined;
        return;
      }
      let message = messages.find((candidate) => candidate.clientMessageId === frame.clientMessageId);
      const isNew = !message;
      if (!message) {
        message = stored('user', frame.content, frame.clientMessageId);
        messages.push(message);
      }
      if (shouldDropAfterStoring) {
        shouldDropAfterStoring = false;
        drop(link);
        return;
      }
      if (isNew) for (const other of live()) push(other, { type: 'message', message });
      push(link, { type: 'ack', clientMessageId: frame.clientMessageId, messageId: message.id });
    } else if (frame.type === 'ping') {
      push(link, { type: 'pong' });
    }
  }

  function drop(link: FakeLink, code = 1006) {
    link.isClosed = true;
    link.events.onClose(code);
  }

  return {
    messages,
    links,
    open(kind: TransportKind, token: string, events: LinkEvents): Link {
      const link: FakeLink = {
        kind,
        token,
        events,
        sent: [],
        isClosed: false,
        send(frame) {
          if (link.isClosed) throw new Error('sent on a closed link');
          link.sent.push(frame);
          handle(link, frame);
        },
        close() {
          link.isClosed = true;
        },
      };
      links.push(link);
      return link;
    },
    /** The link opens and the server greets it. */
    accept(link = links.at(-1)!) {
      link.events.onOpen();
      push(link, { type: 'ready', conversationId: CONVERSATION, status: 'bot' });
    },
    /** A message from the coach, to every open link. */
    reply(content: string) {
      const message = stored('assistant', content);
      messages.push(message);
      for (const link of live()) push(link, { type: 'message', message });
      return message;
    },
    drop,
    dropNextAfterStoring() {
      shouldDropAfterStoring = true;
    },
    refuseNext(code: string) {
      refusal = code;
    },
    current: () => links.at(-1)!,
  };
}

function setup(options: { transport?: TransportKind; getToken?: (renew: boolean) => Promise<string> } = {}) {
  const server = createFakeServer();
  const store = createMessageStore();
  const statuses: ConnectionStatus[] = [];
  const getToken = vi.fn(options.getToken ?? (async (renew: boolean) => (renew ? 'token-2' : 'token-1')));
  const connection = createConnection({
    openLink: (kind, token, events) => server.open(kind, token, events),
    getToken,
    lastMessageId: store.lastMessageId,
    onFrame: (frame) => store.apply(frame),
    onStatus: (status) => statuses.push(status),
    transport: options.transport,
  });
  const send = (content: string) => {
    const clientMessageId = randomUUID();
    store.addOwn(clientMessageId, content, [], new Date().toISOString());
    connection.sendMessage({ type: 'message', clientMessageId, content });
    return clientMessageId;
  };
  const shown = () => store.items().map((item) => `${item.message.role}: ${item.message.content}`);
  return { server, store, statuses, getToken, connection, send, shown };
}

/** Lets the token promise settle and a due reconnect run. */
const wait = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

describe('the realtime connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for what it missed when it connects: resume after the last message it has', async () => {
    const { server, store, connection } = setup();
    const earlier = stored('assistant', 'Welcome back');
    store.receive(earlier);
    connection.start();
    await wait();
    server.accept();
    expect(server.current().sent[0]).toEqual({ type: 'resume', after: earlier.id });
    expect(server.current().token).toBe('token-1');
  });

  it('loses nothing and duplicates nothing when the link drops mid-conversation', async () => {
    const { server, store, connection, send, shown } = setup();
    connection.start();
    await wait();
    server.accept();
    server.reply('Hi! What would you like to work on?');

    // Stored by the server, but the link drops before the ack or the echo arrives.
    server.dropNextAfterStoring();
    send('Sleeping better');
    expect(store.items().at(-1)?.delivery).toBe('sending');

    // While the widget is offline, the coach answers and the visitor writes again.
    server.reply('Start with a fixed wake-up time.');
    send('Even on weekends?');
    expect(server.messages).toHaveLength(3);

    await wait(BACKOFF_CAP_MS);
    expect(server.links).toHaveLength(2);
    server.accept();

    expect(shown()).toEqual([
      'assistant: Hi! What would you like to work on?',
      'user: Sleeping better',
      'assistant: Start with a fixed wake-up time.',
      'user: Even on weekends?',
    ]);
    expect(store.items().map((item) => item.delivery ?? 'n/a')).toEqual(['n/a', 'sent', 'n/a', 'sent']);
    // The first message was sent twice with one clientMessageId and stored once.
    expect(server.messages.map((message) => message.content)).toEqual([
      'Hi! What would you like to work on?',
      'Sleeping better',
      'Start with a fixed wake-up time.',
      'Even on weekends?',
    ]);
    expect(connection.unacknowledged()).toEqual([]);
    expect(new Set(store.items().map((item) => item.message.id)).size).toBe(4);
  });

  it('does not send an acknowledged message again after a reconnect', async () => {
    const { server, connection, send } = setup();
    connection.start();
    await wait();
    server.accept();
    send('Hello');
    server.drop(server.current());
    await wait(BACKOFF_CAP_MS);
    server.accept();
    expect(server.current().sent.filter((frame) => frame.type === 'message')).toEqual([]);
  });

  it('keeps a message written while offline and sends it once connected', async () => {
    const { server, connection, send, store } = setup();
    connection.start();
    send('Written before the link was up');
    await wait();
    expect(store.items()[0]?.delivery).toBe('sending');
    server.accept();
    expect(store.items()[0]?.delivery).toBe('sent');
    expect(server.messages).toHaveLength(1);
  });

  it('marks a rate-limited message failed and stops resending it until the visitor retries', async () => {
    const { server, connection, store, send } = setup();
    connection.start();
    await wait();
    server.accept();
    server.refuseNext('RATE_LIMITED');
    const clientMessageId = send('Too fast');
    expect(store.items()[0]?.delivery).toBe('failed');
    expect(connection.unacknowledged()).toEqual([]);

    server.drop(server.current());
    await wait(BACKOFF_CAP_MS);
    server.accept();
    expect(server.current().sent.filter((frame) => frame.type === 'message')).toEqual([]);
    expect(server.messages).toEqual([]);

    const retried = store.retry(clientMessageId)!;
    connection.sendMessage({ type: 'message', clientMessageId, content: retried.message.content });
    expect(store.items()[0]?.delivery).toBe('sent');
    expect(server.messages.map((message) => message.clientMessageId)).toEqual([clientMessageId]);
  });

  it('waits longer after each failed attempt, within the cap', async () => {
    const { server, connection } = setup({ transport: 'sse' });
    connection.start();
    await wait();
    const opensAt: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      server.drop(server.current());
      const before = server.links.length;
      const start = Date.now();
      while (server.links.length === before) await wait(50);
      opensAt.push(Date.now() - start);
    }
    expect(opensAt[0]).toBeLessThanOrEqual(550);
    expect(opensAt.at(-1)).toBeGreaterThanOrEqual(BACKOFF_CAP_MS / 2);
    expect(Math.max(...opensAt)).toBeLessThanOrEqual(BACKOFF_CAP_MS + 50);
  });

  it('gets a new token when the server closes with 4401', async () => {
    const { server, connection, getToken } = setup();
    connection.start();
    await wait();
    server.accept();
    server.drop(server.current(), 4401);
    await wait(BACKOFF_CAP_MS);
    expect(getToken).toHaveBeenLastCalledWith(true);
    expect(server.current().token).toBe('token-2');
  });

  it('stops for good when the site is refused (4403)', async () => {
    const { server, connection, statuses } = setup();
    connection.start();
    await wait();
    server.drop(server.current(), 4403);
    await wait(BACKOFF_CAP_MS * 4);
    expect(server.links).toHaveLength(1);
    expect(statuses.at(-1)).toBe('refused');
  });

  it('falls back to SSE after two WebSocket opens fail in a row', async () => {
    const { server, connection } = setup();
    connection.start();
    await wait();
    server.drop(server.current());
    await wait(BACKOFF_CAP_MS);
    server.drop(server.current());
    await wait(BACKOFF_CAP_MS);
    expect(server.links.map((link) => link.kind)).toEqual(['websocket', 'websocket', 'sse']);
  });

  it('stays on WebSockets when a connection once worked', async () => {
    const { server, connection } = setup();
    connection.start();
    await wait();
    server.accept();
    for (let drop = 0; drop < 3; drop++) {
      server.drop(server.current());
      await wait(BACKOFF_CAP_MS);
    }
    expect(server.links.every((link) => link.kind === 'websocket')).toBe(true);
  });

  it('pings every 25 s and takes a silent link for dead after 60 s', async () => {
    const { server, connection, statuses } = setup();
    connection.start();
    await wait();
    server.accept();
    await wait(HEARTBEAT_MS);
    expect(server.current().sent.at(-1)).toEqual({ type: 'ping' });

    // The server stops answering (a half-open socket): no pong, no close event.
    const silent = server.current();
    silent.send = (frame) => {
      silent.sent.push(frame);
    };
    await wait(DEAD_AFTER_MS + HEARTBEAT_MS);
    expect(silent.isClosed).toBe(true);
    expect(statuses).toContain('offline');
    await wait(BACKOFF_CAP_MS);
    expect(server.links.length).toBeGreaterThan(1);
  });

  it('reconnects at once when the browser comes back online', async () => {
    const { server, connection } = setup({ transport: 'sse' });
    connection.start();
    await wait();
    server.accept();
    for (let drop = 0; drop < 6; drop++) {
      server.drop(server.current());
      await wait(BACKOFF_CAP_MS);
    }
    server.drop(server.current());
    const before = server.links.length;
    connection.reconnectNow();
    await wait();
    expect(server.links.length).toBe(before + 1);
  });

  it('retries when no token can be had (the network is down), then connects', async () => {
    let isDown = true;
    const { server, connection } = setup({
      getToken: async () => {
        if (isDown) throw new Error('offline');
        return 'token-1';
      },
    });
    connection.start();
    await wait(BACKOFF_CAP_MS);
    expect(server.links).toHaveLength(0);
    isDown = false;
    await wait(BACKOFF_CAP_MS);
    expect(server.links).toHaveLength(1);
  });
});
