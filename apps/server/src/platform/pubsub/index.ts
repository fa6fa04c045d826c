export { createPubSub } from './create-pubsub.ts';
export { createMemoryPubSub } from './memory-pubsub.ts';
export type { MessageHandler, PubSub } from './pubsub.ts';
export { createRedisPubSub } from './redis-pubsub.ts';
