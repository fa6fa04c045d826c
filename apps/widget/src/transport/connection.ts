import type { WidgetClientFrame, WidgetServerFrame } from '@companero/contracts';
import type { TransportKind } from '../bridge.ts';
import { backoffDelay } from './backoff.ts';
import {
  CLOSE_ABNORMAL,
  CLOSE_ORIGIN_REFUSED,
  CLOSE_TOKEN_INVALID,
  type Link,
  type OpenLink,
} from './link.ts';

export type MessageFrame = Extract<WidgetClientFrame, { type: 'message' }>;
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** Time, injectable so tests can step through backoff and heartbeats. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const HEARTBEAT_MS = 25_000;
/** No frame at all for this long (not even a `pong`) and the link is taken for dead. */
export const DEAD_AFTER_MS = 60_000;
/** A link that stayed up this long was healthy: the next drop starts the backoff over. */
export const STABLE_AFTER_MS = 10_000;
/** WebSocket opens that failed in a row, before any ever succeeded, that mean "blocked here": use SSE. */
export const FAILED_OPENS_BEFORE_SSE = 2;

export interface ConnectionDeps {
  openLink: OpenLink;
  /** A visitor token; `renew` when the last one was refused (close code 4401). */
  getToken(renew: boolean): Promise<string>;
  /** The id of the newest message the widget has, for `resume`. */
  lastMessageId(): string | null;
  onFrame(frame: WidgetServerFrame): void;
  onStatus(status: ConnectionStatus): void;
  transport?: TransportKind;
  clock?: Clock;
  random?: () => number;
}

/**
 * The widget's realtime link, kept up across drops. Messages are at least
 * once: each waits in the outbox until the server acknowledges its
 * `clientMessageId` and is sent again after every reconnect (the server stores
 * a repeated id once). After each (re)connect the widget asks for what it
 * missed with `resume`; duplicates are the message store's to drop, by id.
 */
export function createConnection(deps: ConnectionDeps) {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const outbox = new Map<string, MessageFrame>();
  let kind: TransportKind = deps.transport ?? 'websocket';
  let link: Link | undefined;
  let isStopped = true;
  let isReady = false;
  let hasEverOpened = false;
  let failedOpens = 0;
  let attempt = 0;
  let shouldRenewToken = false;
  let openedAt = 0;
  let lastTrafficAt = 0;
  let attemptId = 0;
  let retryTimer: unknown;
  let heartbeatTimer: unknown;
  let status: ConnectionStatus | undefined;

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return;
    status = next;
    deps.onStatus(next);
  };

  async function connect() {
    clock.clearTimeout(retryTimer);
    const id = ++attemptId;
    setStatus('connecting');
    let token: string;
    try {
      token = await deps.getToken(shouldRenewToken);
    } catch {
      if (id === attemptId && !isStopped) scheduleRetry();
      return;
    }
    // Stopped, or superseded by `reconnectNow`, while the token was on its way.
    if (id !== attemptId || isStopped) return;
    shouldRenewToken = false;
    let didOpen = false;
    link = deps.openLink(kind, token, {
      onOpen() {
        didOpen = true;
        hasEverOpened = true;
        failedOpens = 0;
        openedAt = lastTrafficAt = clock.now();
        scheduleHeartbeat();
      },
      onFrame(frame) {
        lastTrafficAt = clock.now();
        receive(frame);
      },
      onClose(code) {
        drop(code, didOpen);
      },
    });
  }

  function receive(frame: WidgetServerFrame) {
    if (frame.type === 'ready' && link) {
      isReady = true;
      link.send({ type: 'resume', after: deps.lastMessageId() });
      for (const message of outbox.values()) link.send(message);
      setStatus('online');
    } else if (frame.type === 'ack') {
      outbox.delete(frame.clientMessageId);
    } else if (frame.type === 'error' && frame.clientMessageId) {
      // Refused (rate limit, invalid): sending it again would be refused again; the visitor may retry.
      outbox.delete(frame.clientMessageId);
    }
    deps.onFrame(frame);
  }

  function drop(code: number, didOpen: boolean) {
    link = undefined;
    isReady = false;
    clock.clearTimeout(heartbeatTimer);
    if (isStopped) return;
    if (code === CLOSE_ORIGIN_REFUSED) {
      isStopped = true;
      setStatus('refused');
      return;
    }
    if (code === CLOSE_TOKEN_INVALID) shouldRenewToken = true;
    if (didOpen && clock.now() - openedAt >= STABLE_AFTER_MS) attempt = 0;
    if (!didOpen && !hasEverOpened && kind === 'websocket' && ++failedOpens >= FAILED_OPENS_BEFORE_SSE) {
      kind = 'sse';
    }
    setStatus('offline');
    scheduleRetry();
  }

  function scheduleRetry() {
    clock.clearTimeout(retryTimer);
    retryTimer = clock.setTimeout(connect, backoffDelay(attempt++, random));
  }

  function scheduleHeartbeat() {
    clock.clearTimeout(heartbeatTimer);
    heartbeatTimer = clock.setTimeout(beat, HEARTBEAT_MS);
  }

  function beat() {
    const current = link;
    if (!current) return;
    if (clock.now() - lastTrafficAt >= DEAD_AFTER_MS) {
      // A half-open socket (sleeping laptop, changed network) never fires `close` by itself.
      current.close();
      drop(CLOSE_ABNORMAL, true);
      return;
    }
    if (isReady) current.send({ type: 'ping' });
    scheduleHeartbeat();
  }

  return {
    start() {
      if (!isStopped) return;
      isStopped = false;
      void connect();
    },
    stop() {
      isStopped = true;
      attemptId++;
      clock.clearTimeout(retryTimer);
      clock.clearTimeout(heartbeatTimer);
      link?.close();
      link = undefined;
      isReady = false;
    },
    /** Queues a visitor message until the server acknowledges it; sends it now when online. */
    sendMessage(frame: MessageFrame) {
      outbox.set(frame.clientMessageId, frame);
      if (isReady) link?.send(frame);
    },
    /** Sends a fire-and-forget frame (typing, read); answers false when offline and it was dropped. */
    send(frame: Exclude<WidgetClientFrame, MessageFrame>): boolean {
      if (!isReady || !link) return false;
      link.send(frame);
      return true;
    },
    /** The network is back (`online` event): skip the rest of the backoff. */
    reconnectNow() {
      if (isStopped || link) return;
      attempt = 0;
      void connect();
    },
    /** clientMessageIds still waiting for their ack. */
    unacknowledged: () => [...outbox.keys()],
    transport: () => kind,
  };
}

export type Connection = ReturnType<typeof createConnection>;
