import type { WebSocket } from 'ws';

interface Beat {
  /** When this socket is next pinged (or found dead). */
  due: number;
  /** A ping is out and nothing has come back since. */
  waiting: boolean;
}

/**
 * Finds dead WebSockets (a laptop lid closed, a phone off the network): each
 * socket is pinged every `intervalMs`, and one that has not answered (pong or
 * any frame) by its next turn is terminated. Sockets get a random first turn,
 * so pings spread over the interval instead of 10,000 writes in one tick; one
 * timer serves every socket.
 */
export function createWsHeartbeat(intervalMs = 30_000, tickMs = 1000) {
  const beats = new Map<WebSocket, Beat>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [socket, beat] of beats) {
      if (beat.due > now) continue;
      if (beat.waiting) {
        beats.delete(socket);
        socket.terminate();
        continue;
      }
      beat.waiting = true;
      beat.due = now + intervalMs;
      socket.ping();
    }
  }, tickMs);
  timer.unref();
  return {
    watch(socket: WebSocket) {
      const beat: Beat = { due: Date.now() + Math.random() * intervalMs, waiting: false };
      beats.set(socket, beat);
      const alive = () => {
        beat.waiting = false;
      };
      socket.on('pong', alive);
      socket.on('message', alive);
      socket.on('close', () => beats.delete(socket));
    },
    get size() {
      return beats.size;
    },
    close() {
      clearInterval(timer);
    },
  };
}
export type WsHeartbeat = ReturnType<typeof createWsHeartbeat>;
