const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/**
 * The wait before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … up
 * to 30 s, each at 50–100 % of that at random, so the tabs that lost a
 * restarted server do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}
