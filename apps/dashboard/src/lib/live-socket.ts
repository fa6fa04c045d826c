import { useEffect, useRef, useState } from 'react';
import { getSocketAccessToken, refreshSession } from './api.ts';
import { backoffDelay } from './backoff.ts';

/**
 * A WebSocket to the API (`/api/v1<path>`) that stays connected: it
 * authenticates with the `companero.v1` + `bearer.<token>` subprotocols
 * (browsers cannot set headers on a WebSocket), reconnects with exponential
 * backoff and jitter (so a restarted server is not hit by every tab at once),
 * and reconnects at once when the network or the tab comes back.
 */

export type LiveSocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveSocketHandlers {
  /** Every frame, JSON-parsed; frames that are not JSON are dropped. */
  onFrame: (frame: unknown) => void;
  onStatus?: (status: LiveSocketStatus) => void;
  /** After each connection opens; `isReconnect` says frames may have been missed meanwhile. */
  onOpen?: (isReconnect: boolean) => void;
}

export interface LiveSocketOptions {
  /** Sends `{"type":"ping"}` this often, so idle proxies do not drop the connection. */
  pingIntervalMs?: number;
}

export interface LiveSocket {
  /** False when not connected (the frame is dropped, not queued: live frames go stale). */
  send: (frame: object) => boolean;
  close: () => void;
}

/** The server refused this caller or this resource for good: retrying cannot help. */
const FINAL_CLOSE_CODES = new Set([4403, 4404]);
/** The server says the token is no longer valid: refresh before the next attempt. */
const TOKEN_CLOSE_CODE = 4401;

const socketUrl = (path: string) =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1${path}`;

export function openLiveSocket(
  path: string,
  handlers: LiveSocketHandlers,
  { pingIntervalMs }: LiveSocketOptions = {},
): LiveSocket {
  let socket: WebSocket | undefined;
  let isClosed = false;
  let attempt = 0;
  let hasConnected = false;
  let mustRefresh = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const setStatus = (status: LiveSocketStatus) => handlers.onStatus?.(status);

  async function connect() {
    retryTimer = undefined;
    if (isClosed) return;
    setStatus(hasConnected ? 'reconnecting' : 'connecting');
    if (mustRefresh) {
      mustRefresh = false;
      await refreshSession();
    }
    const token = await getSocketAccessToken();
    if (isClosed) return;
    if (!token) {
      // Signed out: the session guard takes the creator to the log-in page.
      setStatus('closed');
      return;
    }
    const ws = new WebSocket(socketUrl(path), ['companero.v1', `bearer.${token}`]);
    socket = ws;
    ws.onopen = () => {
      const isReconnect = hasConnected;
      hasConnected = true;
      setStatus('open');
      if (pingIntervalMs) {
        pingTimer = setInterval(() => send({ type: 'ping' }), pingIntervalMs);
      }
      handlers.onOpen?.(isReconnect);
    };
    ws.onmessage = (event) => {
      // A frame means the connection really works (not merely accepted, then dropped): back off from scratch.
      attempt = 0;
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      handlers.onFrame(frame);
    };
    ws.onclose = (event) => {
      clearInterval(pingTimer);
      if (socket !== ws) return;
      socket = undefined;
      if (isClosed) return;
      if (FINAL_CLOSE_CODES.has(event.code)) {
        setStatus('closed');
        return;
      }
      if (event.code === TOKEN_CLOSE_CODE) mustRefresh = true;
      scheduleRetry();
    };
  }

  function scheduleRetry() {
    setStatus('reconnecting');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), backoffDelay(attempt));
    attempt += 1;
  }

  /** Back online, or back on the tab: do not wait out the backoff. */
  function retryNow() {
    if (isClosed || socket || retryTimer === undefined) return;
    clearTimeout(retryTimer);
    void connect();
  }
  const onVisible = () => {
    if (document.visibilityState === 'visible') retryNow();
  };

  function send(frame: object): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onVisible);
  void connect();

  return {
    send,
    close() {
      isClosed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', onVisible);
      const ws = socket;
      socket = undefined;
      ws?.close(1000, 'closed by the page');
    },
  };
}

/**
 * Keeps a live socket open to `path` while the component is mounted (none
 * when `path` is null). Handlers may change on every render without
 * reconnecting; a new path closes the old socket and opens a new one.
 */
export function useLiveSocket(
  path: string | null,
  handlers: LiveSocketHandlers,
  options?: LiveSocketOptions,
) {
  const [status, setStatus] = useState<LiveSocketStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  const socketRef = useRef<LiveSocket | undefined>(undefined);
  const pingIntervalMs = options?.pingIntervalMs;

  useEffect(() => {
    if (path === null) return;
    const live = openLiveSocket(
      path,
      {
        onFrame: (frame) => latest.current.onFrame(frame),
        onStatus: (next) => {
          setStatus(next);
          latest.current.onStatus?.(next);
        },
        onOpen: (isReconnect) => latest.current.onOpen?.(isReconnect),
      },
      pingIntervalMs ? { pingIntervalMs } : {},
    );
    socketRef.current = live;
    return () => {
      live.close();
      if (socketRef.current === live) socketRef.current = undefined;
    };
  }, [path, pingIntervalMs]);

  return {
    status,
    send: (frame: object) => socketRef.current?.send(frame) ?? false,
  };
}
