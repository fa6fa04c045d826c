import type { WebSocket } from 'ws';

/**
 * Finds dead WebSockets (a laptop lid closed, a phone off the network): every
 * `intervalMs` each socket is pinged, and one that has not answered the
 * previous ping is terminated. One timer for all sockets, so an idle
 * connection costs a set entry and a flag.
 */
export function createWsHeartbeat(intervalMs = 30_000) {
  const alive = new Map<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const [socket, ok] of alive) {
      if (!ok) {
        alive.delete(socket);
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return {
    watch(socket: WebSocket) {
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('message', () => alive.set(socket, true));
      socket.on('close', () => alive.delete(socket));
    },
    get size() {
      return alive.size;
    },
    close() {
      clearInterval(timer);
    },
  };
}
export type WsHeartbeat = ReturnType<typeof createWsHeartbeat>;
