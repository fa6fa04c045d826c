/** Handles one message; must not throw (a throw is reported, never propagated to the publisher). */
export type MessageHandler = (message: string) => void;

/**
 * Fan-out of realtime events across api nodes (a reply streamed by one node
 * reaches the WebSocket held by another). At-most-once: a node that is not
 * subscribed when a message is published never sees it; durable work goes
 * through the job queue instead.
 */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages on `channel` will be delivered; returns the unsubscribe function. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
