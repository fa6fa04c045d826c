import { EventEmitter } from 'node:events';
import type { MessageHandler, PubSub } from './pubsub.ts';

/**
 * In-process pub/sub for a single node (embedded mode, tests). Delivery is
 * asynchronous, like Redis: a handler runs after `publish` resolves, never inside it.
 *
 * @example
 * const pubsub = createMemoryPubSub();
 * const off = await pubsub.subscribe('conversation:42', (m) => socket.send(m));
 */
export function createMemoryPubSub(opts: { onError?: (err: unknown) => void } = {}): PubSub {
  const emitter = new EventEmitter();
  // One listener per open WebSocket on a busy channel is normal, not a leak.
  emitter.setMaxListeners(0);
  const onError = opts.onError ?? ((err) => console.error('pubsub:', err));

  return {
    async publish(channel, message) {
      setImmediate(() => emitter.emit(channel, message));
    },
    async subscribe(channel, handler: MessageHandler) {
      const listener = (message: string) => {
        try {
          handler(message);
        } catch (err) {
          onError(err);
        }
      };
      emitter.on(channel, listener);
      return async () => {
        emitter.off(channel, listener);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
