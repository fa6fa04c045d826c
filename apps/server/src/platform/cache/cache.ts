/**
 * Short-lived shared state: counters, rate limits, throttles, small lookups.
 * Values are strings; callers serialise. Redis when `REDIS_URL` is set (shared by
 * every api node), in-process otherwise.
 */
export interface Cache {
  /** The value, or null when the key is missing or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value`; without `ttlSeconds` the key never expires (and loses any earlier expiry). */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Atomic fixed-window counter: adds one and returns the new count. The expiry
   * is set when the key is created (or found without one), never extended, so
   * the window closes `ttlSeconds` after the first hit.
   */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** Resolves when the backend answers; health checks call it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
