import type { WidgetMessage } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { createMessageStore } from './message-store.ts';

let ids = 0;
const message = (role: WidgetMessage['role'], content: string, patch: Partial<WidgetMessage> = {}) => ({
  id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  role,
  content,
  createdAt: '2025-01-01T00:00:00.000Z',
  clientMessageId: null,
  citations: [],
  quickReplies: [],
  media: null,
  attachments: [],
  ...patch,
});

const texts = (store: ReturnType<typeof createMessageStore>) =>
  store.items().map((item) => `${item.message.role}: ${item.message.content}`);

describe('the message store', () => {
  it('keeps a message once however often it arrives (history, live, replay)', () => {
    const store = createMessageStore();
    const hello = message('assistant', 'Hello');
    expect(store.receive(hello)).toBe(true);
    expect(store.apply({ type: 'message', message: hello })).toBeUndefined();
    expect(store.apply({ type: 'message', message: { ...hello } })).toBeUndefined();
    expect(texts(store)).toEqual(['assistant: Hello']);
  });

  it('turns the visitor’s pending bubble into the stored message when its echo arrives', () => {
    const store = createMessageStore();
    store.addOwn('client-1', 'Hi coach', [], '2025-01-01T00:00:00.000Z');
    expect(store.items()[0]?.delivery).toBe('sending');
    const echo = message('user', 'Hi coach', { clientMessageId: 'client-1' });
    expect(store.apply({ type: 'message', message: echo })).toEqual(echo);
    expect(store.apply({ type: 'ack', clientMessageId: 'client-1', messageId: echo.id })).toBeUndefined();
    expect(store.items()).toHaveLength(1);
    expect(store.items()[0]).toMatchObject({ key: 'client-1', delivery: 'sent', message: { id: echo.id } });
    expect(store.lastMessageId()).toBe(echo.id);
  });

  it('reports the visitor’s message as new once when the ack comes before the echo', () => {
    const store = createMessageStore();
    store.addOwn('client-1', 'Hi coach', [], '2025-01-01T00:00:00.000Z');
    const echo = message('user', 'Hi coach', { clientMessageId: 'client-1' });
    store.apply({ type: 'ack', clientMessageId: 'client-1', messageId: echo.id });
    expect(store.items()[0]?.delivery).toBe('sent');
    expect(store.apply({ type: 'message', message: echo })).toEqual(echo);
    expect(store.apply({ type: 'message', message: echo })).toBeUndefined();
    expect(store.items()).toHaveLength(1);
  });

  it('shows replies above the visitor’s messages still on their way', () => {
    const store = createMessageStore();
    store.addOwn('client-1', 'Are you there?', [], '2025-01-01T00:00:00.000Z');
    store.receive(message('creator', 'Yes, I am here'));
    expect(texts(store)).toEqual(['creator: Yes, I am here', 'user: Are you there?']);
    expect(store.lastMessageId()).toBe(store.items()[0]?.message.id);
  });

  it('puts a replayed older message above a newer one already shown, as the server ordered them', () => {
    const store = createMessageStore();
    store.receive(message('assistant', 'Welcome', { createdAt: '2025-01-01T10:00:00.000Z' }));
    // Sent after a reconnect: acknowledged and echoed before the replay of what the coach wrote meanwhile.
    store.addOwn('client-1', 'Is tea fine?', [], '2025-01-01T10:05:00.000Z');
    const own = message('user', 'Is tea fine?', {
      clientMessageId: 'client-1',
      createdAt: '2025-01-01T10:05:00.000Z',
    });
    store.apply({ type: 'ack', clientMessageId: 'client-1', messageId: own.id });
    store.apply({ type: 'message', message: own });
    store.apply({
      type: 'message',
      message: message('creator', 'Tea is fine', { createdAt: '2025-01-01T10:04:00.000Z' }),
    });
    expect(texts(store)).toEqual(['assistant: Welcome', 'creator: Tea is fine', 'user: Is tea fine?']);
  });

  it('moves an acknowledged message into place once its echo tells its server time', () => {
    const store = createMessageStore();
    store.addOwn('client-1', 'Is tea fine?', [], '2025-01-01T10:05:00.000Z');
    const own = message('user', 'Is tea fine?', {
      clientMessageId: 'client-1',
      createdAt: '2025-01-01T10:05:00.000Z',
    });
    store.apply({ type: 'ack', clientMessageId: 'client-1', messageId: own.id });
    store.apply({
      type: 'message',
      message: message('creator', 'Tea is fine', { createdAt: '2025-01-01T10:04:00.000Z' }),
    });
    expect(texts(store)).toEqual(['user: Is tea fine?', 'creator: Tea is fine']);
    store.apply({ type: 'message', message: own });
    expect(texts(store)).toEqual(['creator: Tea is fine', 'user: Is tea fine?']);
  });

  it('grows a draft from deltas and swaps in the final message at the same place', () => {
    const store = createMessageStore();
    store.receive(message('user', 'How much sleep?'));
    const reply = message('assistant', 'Seven to nine hours.');
    store.apply({ type: 'delta', replyId: reply.id, text: 'Seven ' });
    store.apply({ type: 'delta', replyId: reply.id, text: 'to nine' });
    expect(texts(store)).toEqual(['user: How much sleep?', 'assistant: Seven to nine']);
    expect(store.items()[1]?.isDraft).toBe(true);
    // A draft is not a message the server confirmed: resume must not skip past it.
    expect(store.lastMessageId()).toBe(store.items()[0]?.message.id);

    expect(store.apply({ type: 'message', message: reply })).toEqual(reply);
    expect(texts(store)).toEqual(['user: How much sleep?', 'assistant: Seven to nine hours.']);
    expect(store.items()[1]?.isDraft).toBeUndefined();
    // A late delta after the final message changes nothing.
    store.apply({ type: 'delta', replyId: reply.id, text: ' stale' });
    expect(texts(store)[1]).toBe('assistant: Seven to nine hours.');
  });

  it('drops a draft that lost deltas in a reconnect and ignores its remaining pieces', () => {
    const store = createMessageStore();
    const reply = message('assistant', 'Drink water first thing.');
    store.apply({ type: 'delta', replyId: reply.id, text: 'Drink ' });
    store.dropDrafts();
    store.apply({ type: 'delta', replyId: reply.id, text: 'first thing.' });
    expect(store.items()).toEqual([]);
    expect(store.isDraftBroken(reply.id)).toBe(true);
    store.apply({ type: 'message', message: reply });
    expect(texts(store)).toEqual(['assistant: Drink water first thing.']);
  });

  it('marks the visitor’s messages seen up to the one the coach read, not later ones', () => {
    const store = createMessageStore();
    const first = message('user', 'one');
    const second = message('user', 'two');
    const third = message('user', 'three');
    for (const item of [first, message('assistant', 'reply'), second, third]) store.receive(item);
    store.apply({ type: 'read', messageId: second.id });
    expect(store.items().map((item) => item.delivery ?? '-')).toEqual(['seen', '-', 'seen', 'sent']);
    store.apply({ type: 'read', messageId: '00000000-0000-4000-8000-ffffffffffff' });
    expect(store.items()[3]?.delivery).toBe('sent');
  });

  it('marks a refused message failed and lets the visitor retry it with the same id', () => {
    const store = createMessageStore();
    store.addOwn('client-1', 'Too fast', [], '2025-01-01T00:00:00.000Z');
    store.apply({ type: 'error', code: 'RATE_LIMITED', detail: 'slow down', clientMessageId: 'client-1' });
    expect(store.items()[0]?.delivery).toBe('failed');
    expect(store.retry('client-1')).toMatchObject({ key: 'client-1', delivery: 'sending' });
    expect(store.retry('client-1')).toBeUndefined();
  });

  it('keeps unsent messages when a closed conversation is replaced', () => {
    const store = createMessageStore();
    store.receive(message('assistant', 'Old conversation'));
    store.addOwn('client-1', 'New question', [], '2025-01-01T00:00:00.000Z');
    store.clear(true);
    expect(texts(store)).toEqual(['user: New question']);
    store.clear();
    expect(store.items()).toEqual([]);
  });
});
