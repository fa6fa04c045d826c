import { ApiError, createApiClient } from '@companero/api-client';
import type { Creator, Session } from '@companero/contracts';
import { useSyncExternalStore } from 'react';
import { applyLocale, storedLocale } from '../i18n/index.ts';

/**
 * The dashboard's connection to the API and its session.
 *
 * The access token lives in this module's memory only (never in storage, so a
 * script injected into the page cannot read a long-lived credential from
 * there). The refresh token is an httpOnly cookie the browser sends to
 * /api/v1/auth; on load and whenever the API answers 401 we trade it for a new
 * access token, once, then retry.
 */

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' }
  | { status: 'signed-in'; creator: Creator };

// Only a hint that a refresh cookie may exist (the cookie itself is httpOnly):
// visitors who never logged in skip the refresh call and its 401.
const HAS_SESSION_KEY = 'companero.hasSession';

let accessToken: string | undefined;
let accessTokenExpiresAt = 0;
let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

function rememberSession(has: boolean) {
  try {
    if (has) localStorage.setItem(HAS_SESSION_KEY, '1');
    else localStorage.removeItem(HAS_SESSION_KEY);
  } catch {
    // Storage blocked: we simply always try the refresh.
  }
}

function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(HAS_SESSION_KEY) !== null;
  } catch {
    return true;
  }
}

export const api = createApiClient({
  baseUrl: '/api/v1',
  getAccessToken: () => accessToken,
  onUnauthorized: () => refreshSession(),
});

const SESSION_CODES: ReadonlySet<string> = new Set(['TOKEN_EXPIRED', 'UNAUTHENTICATED']);

/**
 * An authenticated request to `/api/v1<path>` for what the typed client does
 * not cover (the AI coach's endpoints, streamed replies): the same bearer
 * token, the same one refresh-and-retry on an expired session, and every
 * failure an `ApiError` built from the problem+json body. Answers the raw
 * response, so a caller can read a stream.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = async (isRetry: boolean): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (init.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'include' });
    } catch (cause) {
      // Aborts are the caller's own doing: let them through untouched.
      if (init.signal?.aborted) throw cause;
      throw ApiError.synthetic(0, 'The server could not be reached', { cause });
    }
    if (res.ok) return res;
    const error = await ApiError.fromResponse(res);
    if (!isRetry && SESSION_CODES.has(error.code) && (await refreshSession())) return send(true);
    throw error;
  };
  return send(false);
}

/** A token must outlive the WebSocket handshake by this much, or it is refreshed first. */
const SOCKET_TOKEN_MARGIN_MS = 30_000;

/**
 * The access token for opening a WebSocket (sent as the `bearer.<token>`
 * subprotocol, since browsers cannot set headers on one). The handshake gets
 * no refresh-and-retry like a request does, and a refused upgrade only shows
 * as a closed socket, so a token about to expire is refreshed beforehand.
 * Undefined when signed out.
 */
export async function getSocketAccessToken(): Promise<string | undefined> {
  if (state.status !== 'signed-in') return undefined;
  if (accessToken && accessTokenExpiresAt - Date.now() > SOCKET_TOKEN_MARGIN_MS) return accessToken;
  return (await refreshSession()) ? accessToken : undefined;
}

function begin(session: Session) {
  accessToken = session.accessToken;
  accessTokenExpiresAt = Date.parse(session.accessTokenExpiresAt) || 0;
  rememberSession(true);
  setState({ status: 'signed-in', creator: session.creator });
}

function end(reason?: 'expired', { forget = true } = {}) {
  accessToken = undefined;
  accessTokenExpiresAt = 0;
  if (forget) rememberSession(false);
  setState(reason ? { status: 'signed-out', reason } : { status: 'signed-out' });
}

/**
 * Serialises refreshes across tabs. The refresh token is single-use: two tabs
 * sending the same cookie at once would look like token theft to the server,
 * which then ends the whole session. Under the lock, the second tab sends the
 * cookie the first one just received.
 */
async function withRefreshLock<T>(run: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return await navigator.locks.request('companero:refresh', run);
  }
  return run();
}

let refreshing: Promise<boolean> | undefined;

/** Trades the refresh cookie for a new access token; at most one at a time. Resolves false when signed out. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    const wasSignedIn = state.status === 'signed-in';
    try {
      const session = await api.auth.refresh();
      // On page load the creator's saved language applies unless this device already chose one.
      if (!wasSignedIn && !storedLocale()) applyLocale(session.creator.locale);
      begin(session);
      return true;
    } catch (error) {
      // A 4xx means the cookie is gone or spent; a network error or 5xx may
      // pass, so the next page load tries the cookie again.
      const isFinal = error instanceof ApiError && error.status >= 400 && error.status < 500;
      end(wasSignedIn ? 'expired' : undefined, { forget: isFinal });
      return false;
    }
  }).finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** Runs once at start-up: restores the session from the refresh cookie, if there may be one. */
export function bootstrapSession(): Promise<boolean> {
  if (!mayHaveSession()) {
    end();
    return Promise.resolve(false);
  }
  return refreshSession();
}

/** After a successful log-in: keep the token and apply the language the creator chose (remembered server-side). */
export function startSession(session: Session) {
  applyLocale(session.creator.locale);
  begin(session);
}

/** Ends the session on the server (best effort) and locally. */
export async function endSession() {
  try {
    await api.auth.logout();
  } finally {
    end();
  }
}

/** After the creator's profile changed (name, language). */
export function setCreator(creator: Creator) {
  if (state.status === 'signed-in') setState({ status: 'signed-in', creator });
}

export const getSession = () => state;

export function subscribeSession(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export const useSession = () => useSyncExternalStore(subscribeSession, getSession);

/** The signed-in creator; only for components rendered behind the sign-in guard. */
export function useCreator(): Creator {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useCreator needs a signed-in session');
  return session.creator;
}
