import type { WidgetAttachment, WidgetMessage, WidgetServerFrame } from '@companero/contracts';

/** Where one of the visitor's own messages is: not yet acknowledged, stored, refused, read by the coach. */
export type Delivery = 'sending' | 'sent' | 'failed' | 'seen';

export interface ChatItem {
  /** Stable across updates, for the view: the clientMessageId of the visitor's own, else the message id. */
  key: string;
  /** The message; the visitor's own has `id: ''` until the server acknowledges it. */
  message: WidgetMessage;
  delivery?: Delivery;
  /** A reply still being written (`delta` frames); the final `message` replaces it. */
  isDraft?: boolean;
  /** The message is the server's copy (not the visitor's local one, nor a draft). */
  isStored: boolean;
  /** Bumped on every change, so the view rebuilds only the bubbles that changed. */
  version: number;
}

const draftKey = (replyId: string) => `draft:${replyId}`;
const isUnacknowledged = (item: ChatItem) => item.delivery === 'sending' || item.delivery === 'failed';

/**
 * The conversation as the widget shows it: confirmed messages in the order
 * the server sent them, then the visitor's messages still on their way. Every
 * message is kept once, however often it arrives (history, live frame, replay
 * after `resume`): by id, and the echo of the visitor's own message by its
 * clientMessageId.
 */
export function createMessageStore() {
  let items: ChatItem[] = [];
  let nextVersion = 1;
  // Replies whose deltas were partly lost in a reconnect: their text would be
  // garbled, so the rest of their deltas are ignored until the final message.
  const brokenDrafts = new Set<string>();

  const touch = (item: ChatItem) => {
    item.version = nextVersion++;
  };
  const indexOf = (predicate: (item: ChatItem) => boolean) => items.findIndex(predicate);
  const byId = (id: string) => (item: ChatItem) => !item.isDraft && item.message.id === id;

  /**
   * Where a message goes. The visitor's unacknowledged messages stay at the
   * bottom. A stored message goes after the last stored one that is not newer
   * (a replay after a reconnect can bring an older message than one already
   * shown) or after the visitor's acknowledged message whose echo has not come
   * yet (its server time is unknown until then); a draft, after everything
   * confirmed.
   */
  function insert(item: ChatItem) {
    const time = Date.parse(item.message.createdAt);
    let at = items.length;
    while (at > 0) {
      const before = items[at - 1]!;
      const isAnchor = item.isStored
        ? before.isStored
          ? !(Date.parse(before.message.createdAt) > time)
          : !before.isDraft && !isUnacknowledged(before)
        : !isUnacknowledged(before);
      if (isAnchor) break;
      at--;
    }
    items.splice(at, 0, item);
  }

  /** Adds a message from the server; answers whether it is new to the conversation. */
  function receive(message: WidgetMessage): boolean {
    const known = indexOf(byId(message.id));
    if (known !== -1) {
      // A replay, or the echo of an own message already acknowledged.
      const item = items[known]!;
      const isFirstCopy = !item.isStored;
      item.message = message;
      item.isStored = true;
      touch(item);
      // Its server time is known now: it may belong above a replayed message.
      if (isFirstCopy) reinsert(known);
      return isFirstCopy;
    }
    const own = message.clientMessageId ? indexOf((item) => item.key === message.clientMessageId) : -1;
    if (own !== -1) {
      // The echo of an own message that arrived before its ack.
      const item = items[own]!;
      item.message = message;
      item.isStored = true;
      if (item.delivery !== 'seen') item.delivery = 'sent';
      touch(item);
      reinsert(own);
      return true;
    }
    const item: ChatItem = { key: message.id, message, isStored: true, version: 0 };
    if (message.role === 'user') item.delivery = 'sent';
    touch(item);
    brokenDrafts.delete(message.id);
    const draft = indexOf((candidate) => candidate.key === draftKey(message.id));
    if (draft === -1) insert(item);
    else items[draft] = item;
    return true;
  }

  /** An item whose place may have changed (confirmed, or its server time now known). */
  function reinsert(index: number) {
    const [item] = items.splice(index, 1);
    if (item) insert(item);
  }

  return {
    items: (): readonly ChatItem[] => items,

    /** The newest message the server confirmed: where `resume` starts. */
    lastMessageId(): string | null {
      for (let index = items.length - 1; index >= 0; index--) {
        const item = items[index]!;
        if (!item.isDraft && item.message.id !== '') return item.message.id;
      }
      return null;
    },

    receive,

    /** Shows a message the visitor just sent, before the server has it. */
    addOwn(clientMessageId: string, content: string, attachments: WidgetAttachment[], createdAt: string) {
      const item: ChatItem = {
        key: clientMessageId,
        message: {
          id: '',
          role: 'user',
          content,
          createdAt,
          clientMessageId,
          citations: [],
          quickReplies: [],
          media: null,
          attachments,
        },
        delivery: 'sending',
        isStored: false,
        version: 0,
      };
      touch(item);
      items.push(item);
    },

    /** A refused own message is sent again (same clientMessageId); answers it, or undefined. */
    retry(clientMessageId: string): ChatItem | undefined {
      const item = items.find(
        (candidate) => candidate.key === clientMessageId && candidate.delivery === 'failed',
      );
      if (!item) return undefined;
      item.delivery = 'sending';
      touch(item);
      return item;
    },

    /**
     * Applies a server frame that changes the conversation. Answers the
     * message it added, if any (not for a duplicate).
     */
    apply(frame: WidgetServerFrame): WidgetMessage | undefined {
      switch (frame.type) {
        case 'message':
          return receive(frame.message) ? frame.message : undefined;
        case 'ack': {
          const item = items.find((candidate) => candidate.key === frame.clientMessageId);
          if (item && item.message.id === '') {
            item.message = { ...item.message, id: frame.messageId };
            if (item.delivery !== 'seen') item.delivery = 'sent';
            touch(item);
            reinsert(items.indexOf(item));
          }
          return undefined;
        }
        case 'error': {
          const item = items.find((candidate) => candidate.key === frame.clientMessageId);
          if (item?.delivery === 'sending') {
            item.delivery = 'failed';
            touch(item);
          }
          return undefined;
        }
        case 'delta': {
          if (brokenDrafts.has(frame.replyId) || indexOf(byId(frame.replyId)) !== -1) return undefined;
          const draft = items.find((candidate) => candidate.key === draftKey(frame.replyId));
          if (draft) {
            draft.message = { ...draft.message, content: draft.message.content + frame.text };
            touch(draft);
            return undefined;
          }
          const item: ChatItem = {
            key: draftKey(frame.replyId),
            message: {
              id: frame.replyId,
              role: 'assistant',
              content: frame.text,
              createdAt: new Date().toISOString(),
              clientMessageId: null,
              citations: [],
              quickReplies: [],
              media: null,
              attachments: [],
            },
            isDraft: true,
            isStored: false,
            version: 0,
          };
          touch(item);
          insert(item);
          return undefined;
        }
        case 'read': {
          // The coach has read the visitor's messages up to this one.
          const upTo = indexOf(byId(frame.messageId));
          for (const item of items.slice(0, upTo + 1)) {
            if (item.message.role === 'user' && item.delivery === 'sent') {
              item.delivery = 'seen';
              touch(item);
            }
          }
          return undefined;
        }
        default:
          return undefined;
      }
    },

    /** Whether a reply's deltas are being ignored since a reconnect (the coach is still writing it). */
    isDraftBroken: (replyId: string) => brokenDrafts.has(replyId),

    /** The link dropped mid-reply: the drafts lost deltas, so they go until their final message. */
    dropDrafts() {
      for (const item of items) if (item.isDraft) brokenDrafts.add(item.message.id);
      items = items.filter((item) => !item.isDraft);
    },

    /** Forgets the conversation; with `keepUnsent`, the visitor's messages still on their way stay. */
    clear(keepUnsent = false) {
      items = keepUnsent ? items.filter(isUnacknowledged) : [];
      brokenDrafts.clear();
    },
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
