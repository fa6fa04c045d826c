import type { WidgetSession } from '@companero/contracts';
import { ApiError, requestJson } from '../api/request.ts';
import { type Locale, visitorStorageKey } from '../bridge.ts';
import { readStorage, writeStorage } from '../storage.ts';
import { type Clock, systemClock } from '../transport/connection.ts';

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** A new session is asked for this long before the token expires. */
export const RENEW_BEFORE_MS = 60_000;
const MIN_RENEW_DELAY_MS = 5_000;

export interface SessionKeeperDeps {
  api: string;
  key: string;
  locale: Locale;
  /** Every new session (the first, and each renewal). */
  onSession(session: WidgetSession): void;
  clock?: Clock;
}

/**
 * The visitor's session. The visitor id is kept in localStorage so the
 * conversation survives reloads; the token only in memory (never in storage,
 * never posted to another window), renewed a minute before it expires, or at
 * once when the server refused it.
 */
export function createSessionKeeper(deps: SessionKeeperDeps) {
  const clock = deps.clock ?? systemClock;
  const storageKey = visitorStorageKey(deps.key);
  let current: WidgetSession | undefined;
  let pending: Promise<WidgetSession> | undefined;
  let renewTimer: unknown;
  let isStopped = false;

  async function create(): Promise<WidgetSession> {
    const stored = readStorage('local', storageKey);
    const visitorId = stored && VISITOR_ID.test(stored) ? stored : undefined;
    let session: WidgetSession;
    try {
      session = await post(visitorId);
    } catch (error) {
      // A visitor id the server no longer takes: start over as a new visitor rather than never again.
      if (!(visitorId && error instanceof ApiError && error.status === 400)) throw error;
      session = await post(undefined);
    }
    if (isStopped) return session;
    writeStorage('local', storageKey, session.visitorId);
    current = session;
    clock.clearTimeout(renewTimer);
    const delay = Date.parse(session.expiresAt) - clock.now() - RENEW_BEFORE_MS;
    renewTimer = clock.setTimeout(
      () => {
        get(true).catch(() => {
          // The connection asks again when the server refuses the old token (4401).
        });
      },
      Math.max(MIN_RENEW_DELAY_MS, Number.isNaN(delay) ? 0 : delay),
    );
    deps.onSession(session);
    return session;
  }

  const post = (visitorId: string | undefined) =>
    requestJson<WidgetSession>(`${deps.api}/api/v1/widget/sessions`, {
      method: 'POST',
      body: JSON.stringify({ key: deps.key, visitorId, locale: deps.locale }),
    });

  /** The current session, or a new one when there is none, it is about to expire, or `renew`. */
  function get(renew = false): Promise<WidgetSession> {
    const isFresh = current && Date.parse(current.expiresAt) - clock.now() > MIN_RENEW_DELAY_MS;
    if (!renew && current && isFresh) return Promise.resolve(current);
    pending ??= create().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    get,
    current: () => current,
    /** Stops renewing; with `forgetVisitor`, the next keeper starts as a new visitor (`reset()`). */
    stop(forgetVisitor = false) {
      isStopped = true;
      clock.clearTimeout(renewTimer);
      if (forgetVisitor) writeStorage('local', storageKey, null);
    },
  };
}

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;
