import { type Link, type LinkEvents, parseServerFrame } from './link.ts';

/**
 * A WebSocket to `/widget/live`. The visitor token travels as a subprotocol
 * (`bearer.<token>`): browsers cannot set headers on a WebSocket, and a query
 * string would end up in access logs.
 */
export function openWebSocketLink(api: string, token: string, events: LinkEvents): Link {
  const socket = new WebSocket(`${api.replace(/^http/, 'ws')}/api/v1/widget/live`, [
    'companero.v1',
    `bearer.${token}`,
  ]);
  socket.onopen = () => events.onOpen();
  socket.onmessage = (message) => {
    const frame = typeof message.data === 'string' ? parseServerFrame(message.data) : undefined;
    if (frame) events.onFrame(frame);
  };
  socket.onclose = (close) => events.onClose(close.code);
  return {
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    close() {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close(1000);
    },
  };
}
