import { Redis } from 'ioredis';
import type { MessageHandler, PubSub } from './pubsub.ts';

interface Channel {
  handlers: Set<MessageHandler>;
  /** The SUBSCRIBE round trip; later local subscribers wait for it too. */
  ready: Promise<unknown>;
}

/**
 * Pub/sub on Redis, across api nodes. A connection in subscriber mode can run
 * no other command, so subscriptions get their own connection (opened on first
 * use), and each channel is subscribed once in Redis however many local
 * handlers listen to it. `onError` hears handler throws and subscriber
 * connection errors. Given a URL it owns its connections; given a client it
 * publishes on it and subscribes on a duplicate, and leaves the client open.
 *
 * @example
 * const pubsub = createRedisPubSub('redis://127.0.0.1:6379');
 * await pubsub.publish('conversation:42', JSON.stringify(event));
 */
export function createRedisPubSub(
  urlOrClient: string | Redis,
  opts: { onError?: (err: unknown) => void } = {},
): PubSub {
  const isOwned = typeof urlOrClient === 'string';
  const publisher = isOwned ? new Redis(urlOrClient, { maxRetriesPerRequest: 3 }) : urlOrClient;
  const onError = opts.onError ?? ((err) => console.error('pubsub:', err));
  if (isOwned) publisher.on('error', onError);
  const channels = new Map<string, Channel>();
  let subscriber: Redis | undefined;

  function getSubscriber(): Redis {
    if (subscriber) return subscriber;
    // ioredis re-subscribes every channel by itself after a reconnect.
    subscriber = publisher.duplicate();
    // A duplicate does not inherit the caller's listeners; without one, ioredis
    // prints every reconnect failure as an unhandled error event.
    subscriber.on('error', onError);
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of channels.get(channel)?.handlers ?? []) {
        try {
          handler(message);
        } catch (err) {
          onError(err);
        }
      }
    });
    return subscriber;
  }

  return {
    async publish(channel, message) {
      await publisher.publish(channel, message);
    },
    async subscribe(channel, handler) {
      let entry = channels.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), ready: getSubscriber().subscribe(channel) };
        channels.set(channel, entry);
      }
      entry.handlers.add(handler);
      const current = entry;
      try {
        await current.ready;
      } catch (err) {
        current.handlers.delete(handler);
        if (current.handlers.size === 0 && channels.get(channel) === current) channels.delete(channel);
        throw err;
      }
      let isSubscribed = true;
      return async () => {
        if (!isSubscribed) return;
        isSubscribed = false;
        current.handlers.delete(handler);
        // Only the last local handler releases the Redis subscription. Commands on
        // one connection run in order, so an UNSUBSCRIBE followed by a new
        // SUBSCRIBE of the same channel ends subscribed.
        if (current.handlers.size === 0 && channels.get(channel) === current) {
          channels.delete(channel);
          await subscriber?.unsubscribe(channel);
        }
      };
    },
    async close() {
      channels.clear();
      await subscriber?.quit();
      subscriber = undefined;
      if (isOwned) await publisher.quit();
    },
  };
}
