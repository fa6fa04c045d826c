import type { ConversationEvent, MessageWithMeta, ReplyDebug } from '@companero/contracts';

/** What the creator typed as the test member; `error` when it never reached the coach. */
export interface UserTurn {
  kind: 'user';
  clientMessageId: string;
  content: string;
  message: MessageWithMeta | null;
  error: unknown;
}

/**
 * The coach's answer: `text` grows delta by delta while streaming, then the
 * stored message (citations, model, notices) replaces it. `error` is a failure
 * the server reported mid-stream.
 */
export interface ReplyTurn {
  kind: 'reply';
  clientMessageId: string;
  text: string;
  message: MessageWithMeta | null;
  debug: ReplyDebug | null;
  isStreaming: boolean;
  error: { code: string; detail: string } | null;
}

export type ChatTurn = UserTurn | ReplyTurn;

export interface PlaygroundChat {
  /** The test conversation; null until one is started. */
  conversationId: string | null;
  /** The test member's tags the conversation was started with. */
  tags: string[];
  /** `human` after a crisis handed the conversation to the creator: the AI stays quiet. */
  status: 'bot' | 'human' | 'closed';
  turns: ChatTurn[];
}

export const EMPTY_CHAT: PlaygroundChat = { conversationId: null, tags: [], status: 'bot', turns: [] };

function patchUser(chat: PlaygroundChat, id: string, patch: (turn: UserTurn) => UserTurn): PlaygroundChat {
  return {
    ...chat,
    turns: chat.turns.map((t) => (t.kind === 'user' && t.clientMessageId === id ? patch(t) : t)),
  };
}

function patchReply(chat: PlaygroundChat, id: string, patch: (turn: ReplyTurn) => ReplyTurn): PlaygroundChat {
  return {
    ...chat,
    turns: chat.turns.map((t) => (t.kind === 'reply' && t.clientMessageId === id ? patch(t) : t)),
  };
}

const waitingReply = (clientMessageId: string): ReplyTurn => ({
  kind: 'reply',
  clientMessageId,
  text: '',
  message: null,
  debug: null,
  isStreaming: true,
  error: null,
});

/** The creator sent a message: it shows at once, with an empty reply waiting for its first words. */
export function addExchange(chat: PlaygroundChat, clientMessageId: string, content: string): PlaygroundChat {
  return {
    ...chat,
    turns: [
      ...chat.turns,
      { kind: 'user', clientMessageId, content, message: null, error: null },
      waitingReply(clientMessageId),
    ],
  };
}

/** A failed message is sent again: its error goes and a reply is awaited again. */
export function retryExchange(chat: PlaygroundChat, clientMessageId: string): PlaygroundChat {
  const at = chat.turns.findIndex((t) => t.kind === 'user' && t.clientMessageId === clientMessageId);
  if (at === -1) return chat;
  const turns = chat.turns.filter((t) => !(t.kind === 'reply' && t.clientMessageId === clientMessageId));
  const user = turns[at] as UserTurn;
  turns.splice(at, 1, { ...user, error: null }, waitingReply(clientMessageId));
  return { ...chat, turns };
}

/** One event of the exchange started with `clientMessageId`, as the server streamed it. */
export function applyEvent(
  chat: PlaygroundChat,
  clientMessageId: string,
  event: ConversationEvent,
): PlaygroundChat {
  switch (event.type) {
    case 'message':
      return event.message.role === 'user'
        ? patchUser(chat, clientMessageId, (turn) => ({ ...turn, message: event.message }))
        : patchReply(chat, clientMessageId, (turn) => ({
            ...turn,
            text: event.message.content,
            message: event.message,
            isStreaming: false,
          }));
    case 'delta':
      return patchReply(chat, clientMessageId, (turn) => ({ ...turn, text: turn.text + event.text }));
    case 'debug':
      return patchReply(chat, clientMessageId, (turn) => ({ ...turn, debug: event.debug }));
    case 'error':
      return patchReply(chat, clientMessageId, (turn) => ({
        ...turn,
        isStreaming: false,
        error: { code: event.code, detail: event.detail },
      }));
    case 'status':
      return { ...chat, status: event.status };
    case 'typing':
    // Presence, read receipts and delivery (WhatsApp) come over the inbox's WebSocket, never in a
    // playground exchange.
    case 'presence':
    case 'read':
    case 'delivery':
      return chat;
  }
}

/**
 * The stream ended. A reply that never started is dropped: the coach stays
 * quiet while the creator has the conversation.
 */
export function finishExchange(chat: PlaygroundChat, clientMessageId: string): PlaygroundChat {
  const done = patchReply(chat, clientMessageId, (turn) => ({ ...turn, isStreaming: false }));
  return {
    ...done,
    turns: done.turns.filter(
      (t) =>
        !(
          t.kind === 'reply' &&
          t.clientMessageId === clientMessageId &&
          !t.message &&
          !t.error &&
          t.text === ''
        ),
    ),
  };
}

/** The message never reached the coach (refused, or the network failed): say so beside it. */
export function failExchange(chat: PlaygroundChat, clientMessageId: string, error: unknown): PlaygroundChat {
  const failed = patchUser(chat, clientMessageId, (turn) => ({ ...turn, error }));
  return {
    ...failed,
    turns: failed.turns.filter((t) => !(t.kind === 'reply' && t.clientMessageId === clientMessageId)),
  };
}

/** A stored message changed (feedback given): every turn showing it shows the new version. */
export function replaceMessage(chat: PlaygroundChat, message: MessageWithMeta): PlaygroundChat {
  return {
    ...chat,
    turns: chat.turns.map((turn) => (turn.message?.id === message.id ? { ...turn, message } : turn)),
  };
}

/** The latest finished reply, the one "Why this answer" explains unless another was picked. */
export const latestReply = (chat: PlaygroundChat): ReplyTurn | undefined =>
  chat.turns.findLast((t): t is ReplyTurn => t.kind === 'reply');

export interface PlaygroundDeps {
  start(body: { tags: string[]; locale?: 'en' | 'es' }): Promise<{ conversationId: string }>;
  /**
   * Sends one message; `onEvent` gets every event as it happens. `isRetry`
   * asks for one whole answer instead of a stream (see `sendMessage`).
   */
  send(
    conversationId: string,
    body: { content: string; clientMessageId: string },
    options: { onEvent: (event: ConversationEvent) => void; signal: AbortSignal; isRetry: boolean },
  ): Promise<void>;
  newId?: () => string;
}

/**
 * The playground of this tab: one test conversation at a time, kept while the
 * creator moves between the coach's pages (a reply keeps streaming meanwhile).
 * Starting a new conversation or `reset` aborts what is still streaming.
 */
export function createPlayground(deps: PlaygroundDeps) {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let chat = EMPTY_CHAT;
  let controller = new AbortController();
  const listeners = new Set<() => void>();

  const set = (next: PlaygroundChat) => {
    chat = next;
    for (const listener of listeners) listener();
  };

  async function exchange(
    conversationId: string,
    clientMessageId: string,
    content: string,
    isRetry: boolean,
  ) {
    const { signal } = controller;
    // Events of an abandoned conversation must not land in the next one.
    const update = (next: (c: PlaygroundChat) => PlaygroundChat) => {
      if (!signal.aborted && chat.conversationId === conversationId) set(next(chat));
    };
    try {
      await deps.send(
        conversationId,
        { content, clientMessageId },
        { onEvent: (event) => update((c) => applyEvent(c, clientMessageId, event)), signal, isRetry },
      );
      update((c) => finishExchange(c, clientMessageId));
    } catch (error) {
      const hasStarted = chat.turns.some(
        (t) => t.kind === 'user' && t.clientMessageId === clientMessageId && t.message,
      );
      update((c) =>
        hasStarted
          ? finishExchange(
              applyEvent(c, clientMessageId, { type: 'error', code: 'INTERNAL', detail: String(error) }),
              clientMessageId,
            )
          : failExchange(c, clientMessageId, error),
      );
    }
  }

  return {
    getChat: () => chat,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** True while a reply is being written (one exchange at a time, like a real member). */
    isBusy: () => chat.turns.some((t) => t.kind === 'reply' && t.isStreaming),
    /** Starts a fresh test conversation as a member with these tags; the previous one is left. */
    async start(body: { tags: string[]; locale?: 'en' | 'es' }) {
      const { conversationId } = await deps.start(body);
      controller.abort();
      controller = new AbortController();
      set({ ...EMPTY_CHAT, conversationId, tags: body.tags });
    },
    send(content: string) {
      const { conversationId } = chat;
      if (!conversationId) return Promise.resolve();
      const clientMessageId = newId();
      set(addExchange(chat, clientMessageId, content));
      return exchange(conversationId, clientMessageId, content, false);
    },
    /** Sends a failed message again with the same id, so the server stores and answers it once. */
    retry(clientMessageId: string) {
      const { conversationId } = chat;
      const turn = chat.turns.find(
        (t): t is UserTurn => t.kind === 'user' && t.clientMessageId === clientMessageId,
      );
      if (!conversationId || !turn) return Promise.resolve();
      set(retryExchange(chat, clientMessageId));
      return exchange(conversationId, clientMessageId, turn.content, true);
    },
    replaceMessage(message: MessageWithMeta) {
      set(replaceMessage(chat, message));
    },
    reset() {
      controller.abort();
      controller = new AbortController();
      set(EMPTY_CHAT);
    },
  };
}

export type Playground = ReturnType<typeof createPlayground>;
