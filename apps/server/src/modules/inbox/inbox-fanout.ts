import type { InboxEvent } from '@companero/contracts';
import type { PubSub } from '../../platform/pubsub/index.ts';

/** The pub/sub channel of a creator's inbox (conversation activity, alerts). */
export const inboxChannel = (creatorId: string) => `inbox:${creatorId}`;

const CONVERSATION = /^conversation:([0-9a-f-]{36}):([0-9a-f-]{36})$/;
const REASONS = [
  ['{"type":"message"', 'message'],
  ['{"type":"status"', 'status'],
  ['{"type":"read"', 'read'],
] as const;

/**
 * Every module publishes a conversation's events on the conversation's own
 * channel. This wraps the pub/sub port so that the events the inbox list
 * cares about (a new message, a status change, a read mark) also reach the
 * creator's inbox channel as a small `changed` notice — without each
 * publisher having to know the inbox exists. Deltas and typing are not
 * forwarded (they matter only to whoever has the conversation open).
 */
export function withInboxFanout(pubsub: PubSub): PubSub {
  return {
    async publish(channel, message) {
      await pubsub.publish(channel, message);
      const match = CONVERSATION.exec(channel);
      if (!match) return;
      const reason = REASONS.find(([prefix]) => message.startsWith(prefix))?.[1];
      if (!reason) return;
      const notice: InboxEvent = { type: 'changed', conversationId: match[2]!, reason };
      await pubsub.publish(inboxChannel(match[1]!), JSON.stringify(notice));
    },
    subscribe: (channel, handler) => pubsub.subscribe(channel, handler),
    close: () => pubsub.close(),
  };
}

/** Tells the creator's open dashboards about a crisis or a request for a human. */
export function publishInboxAlert(
  pubsub: Pick<PubSub, 'publish'>,
  creatorId: string,
  alert: Omit<Extract<InboxEvent, { type: 'alert' }>, 'type'>,
) {
  const event: InboxEvent = { type: 'alert', ...alert, excerpt: alert.excerpt.slice(0, 200) };
  return pubsub.publish(inboxChannel(creatorId), JSON.stringify(event));
}
