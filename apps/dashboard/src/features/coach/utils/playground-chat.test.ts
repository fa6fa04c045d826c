import { ApiError } from '@companero/api-client';
import type { ConversationEvent, MessageWithMeta, ReplyDebug } from '@companero/contracts';
import { describe, expect, it, vi } from 'vitest';
import {
  createPlayground,
  latestReply,
  type PlaygroundDeps,
  type ReplyTurn,
  type UserTurn,
} from './playground-chat.ts';

const CONVERSATION = '00000000-0000-4000-8000-000000000001';
const REPLY_ID = '00000000-0000-4000-8000-000000000003';

const message = (
  role: 'user' | 'assistant',
  content: string,
  patch: Partial<MessageWithMeta> = {},
): MessageWithMeta => ({
  id: role === 'user' ? '00000000-0000-4000-8000-000000000002' : REPLY_ID,
  conversationId: CONVERSATION,
  role,
  content,
  createdAt: '2025-01-01T00:00:00.000Z',
  meta: {},
  feedback: null,
  ...patch,
});

const DEBUG: ReplyDebug = {
  query: 'sleep?',
  passages: [],
  prompt: { system: 'You are Coach', messages: [] },
  timings: { totalMs: 5 },
  memory: [],
};

/** A send that plays the given events, then ends (or fails). */
function sendPlaying(events: ConversationEvent[], failure?: unknown) {
  return vi.fn<PlaygroundDeps['send']>(async (_id, _body, { onEvent }) => {
    for (const event of events) onEvent(event);
    if (failure) throw failure;
  });
}

function playground(send: PlaygroundDeps['send']) {
  let ids = 0;
  return createPlayground({
    start: async () => ({ conversationId: CONVERSATION }),
    send,
    newId: () => `client-${++ids}`,
  });
}

describe('the playground chat', () => {
  it('grows the reply delta by delta, then shows the stored reply with its debug details', async () => {
    const snapshots: string[] = [];
    const send = sendPlaying([
      { type: 'message', message: message('user', 'How much sleep?') },
      { type: 'typing', conversationId: CONVERSATION, replyId: REPLY_ID },
      { type: 'delta', conversationId: CONVERSATION, replyId: REPLY_ID, text: 'Seven ' },
      { type: 'delta', conversationId: CONVERSATION, replyId: REPLY_ID, text: 'hours. [1]' },
      { type: 'message', message: message('assistant', 'Seven hours. [1]', { meta: { model: 'offline' } }) },
      { type: 'debug', debug: DEBUG },
    ]);
    const chat = playground(send);
    await chat.start({ tags: ['vip'] });
    chat.subscribe(() => {
      const reply = latestReply(chat.getChat());
      if (reply && snapshots.at(-1) !== reply.text) snapshots.push(reply.text);
    });

    await chat.send('How much sleep?');

    expect(send).toHaveBeenCalledWith(
      CONVERSATION,
      { content: 'How much sleep?', clientMessageId: 'client-1' },
      expect.objectContaining({ isRetry: false }),
    );
    expect(snapshots).toEqual(['', 'Seven ', 'Seven hours. [1]']);
    const [user, reply] = chat.getChat().turns as [UserTurn, ReplyTurn];
    expect(user.message?.content).toBe('How much sleep?');
    expect(reply).toMatchObject({ isStreaming: false, debug: DEBUG, error: null });
    expect(reply.message?.meta.model).toBe('offline');
    expect(chat.getChat().tags).toEqual(['vip']);
    expect(chat.isBusy()).toBe(false);
  });

  it('marks a message the server refused, and retries it with the same id as one whole answer', async () => {
    const send = sendPlaying(
      [],
      new ApiError({ type: 'about:blank', title: 'x', status: 409, code: 'CONFLICT' }),
    );
    const chat = playground(send);
    await chat.start({ tags: [] });
    await chat.send('Hello?');
    expect(chat.getChat().turns).toEqual([
      expect.objectContaining({ kind: 'user', error: expect.any(ApiError) }),
    ]);

    send.mockImplementationOnce(async (_id, _body, { onEvent }) => {
      onEvent({ type: 'message', message: message('user', 'Hello?') });
      onEvent({ type: 'message', message: message('assistant', 'Hi!') });
    });
    await chat.retry('client-1');
    expect(send).toHaveBeenLastCalledWith(
      CONVERSATION,
      { content: 'Hello?', clientMessageId: 'client-1' },
      expect.objectContaining({ isRetry: true }),
    );
    expect(chat.getChat().turns.map((t) => [t.kind, t.kind === 'user' ? t.error : t.text])).toEqual([
      ['user', null],
      ['reply', 'Hi!'],
    ]);
  });

  it('shows a failure in the middle of a reply on the reply, keeping what was written', async () => {
    const chat = playground(
      sendPlaying(
        [
          { type: 'message', message: message('user', 'Q') },
          { type: 'delta', conversationId: CONVERSATION, replyId: REPLY_ID, text: 'Half' },
        ],
        new TypeError('network'),
      ),
    );
    await chat.start({ tags: [] });
    await chat.send('Q');
    expect(latestReply(chat.getChat())).toMatchObject({
      text: 'Half',
      isStreaming: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('drops the waiting reply when the coach stays quiet after a handoff', async () => {
    const chat = playground(
      sendPlaying([
        { type: 'message', message: message('user', 'Still there?') },
        { type: 'status', conversationId: CONVERSATION, status: 'human' },
      ]),
    );
    await chat.start({ tags: [] });
    await chat.send('Still there?');
    expect(chat.getChat().status).toBe('human');
    expect(chat.getChat().turns.map((t) => t.kind)).toEqual(['user']);
  });

  it('ignores the events of a conversation left for a new one', async () => {
    let late: ((event: ConversationEvent) => void) | undefined;
    const chat = playground(async (_id, _body, { onEvent }) => {
      late = onEvent;
      await new Promise(() => {});
    });
    await chat.start({ tags: [] });
    void chat.send('First');
    expect(chat.isBusy()).toBe(true);
    await chat.start({ tags: ['other'] });
    late?.({ type: 'delta', conversationId: CONVERSATION, replyId: REPLY_ID, text: 'stale' });
    expect(chat.getChat().turns).toEqual([]);
    expect(chat.getChat().tags).toEqual(['other']);
  });

  it('shows feedback given on a reply', async () => {
    const chat = playground(sendPlaying([{ type: 'message', message: message('assistant', 'A') }]));
    await chat.start({ tags: [] });
    await chat.send('Q');
    chat.replaceMessage(message('assistant', 'A', { feedback: { rating: 'up', comment: null } }));
    expect(latestReply(chat.getChat())?.message?.feedback).toEqual({ rating: 'up', comment: null });
  });
});
