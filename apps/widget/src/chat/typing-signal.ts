import { type Clock, systemClock } from '../transport/connection.ts';

/** While the visitor types, `typing: true` is repeated at most this often. */
export const TYPING_REPEAT_MS = 3_000;
/** This long without a keystroke and the visitor has stopped typing. */
export const TYPING_IDLE_MS = 5_000;

/**
 * Turns keystrokes into `typing` frames for the coach's inbox: `true` at most
 * every 3 s while the visitor types (the inbox lets the indicator expire
 * without repeats), `false` after 5 s without a keystroke or when the message
 * is sent.
 */
export function createTypingSignal(send: (isTyping: boolean) => void, clock: Clock = systemClock) {
  let isTyping = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let idleTimer: unknown;

  const stop = () => {
    clock.clearTimeout(idleTimer);
    if (!isTyping) return;
    isTyping = false;
    send(false);
  };

  return {
    /** A keystroke in the composer. */
    input() {
      const now = clock.now();
      if (!isTyping || now - lastSentAt >= TYPING_REPEAT_MS) {
        isTyping = true;
        lastSentAt = now;
        send(true);
      }
      clock.clearTimeout(idleTimer);
      idleTimer = clock.setTimeout(stop, TYPING_IDLE_MS);
    },
    /** The message was sent, or the composer emptied. */
    stop,
  };
}
