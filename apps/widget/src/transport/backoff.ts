export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first retry):
 * exponential from 0.5 s, capped at 30 s, with "equal jitter" (a random point
 * in the upper half) so a server restart is not met by every widget at the
 * same instant, and never by a reconnect storm of near-zero delays.
 *
 * @example
 * backoffDelay(0, Math.random); // 250–500 ms
 * backoffDelay(20, Math.random); // 15–30 s
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return ceiling / 2 + (random() * ceiling) / 2;
}
