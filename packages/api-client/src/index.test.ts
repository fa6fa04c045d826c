import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './index.ts';

interface Call {
  url: string;
  init: RequestInit;
}

const CREATOR = {
  id: '0b9ad3b6-9a3c-4a55-9f37-5b4a4b4c0d11',
  email: 'ana@example.com',
  displayName: 'Ana',
  locale: 'es',
  emailVerified: true,
  createdAt: '2025-01-01T00:00:00.000Z',
};

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { type: 'about:blank', title: 'Error', status, code, ...extra }, 'application/problem+json');

/** A fake fetch answering from a queue, recording every call. */
function fakeFetch(...answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const headerOf = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

describe('createApiClient', () => {
  it('sends the bearer token and cookies, and parses the answer with the contract schema', async () => {
    const { fetch, calls } = fakeFetch(json(200, CREATOR));
    const api = createApiClient({ baseUrl: 'http://api.test/api/v1/', getAccessToken: () => 'tok-1', fetch });

    const me = await api.me.get();

    expect(me.displayName).toBe('Ana');
    expect(calls[0]?.url).toBe('http://api.test/api/v1/me');
    expect(calls[0]?.init.credentials).toBe('include');
    expect(headerOf(calls[0], 'authorization')).toBe('Bearer tok-1');
  });

  it('never sends the access token to public endpoints', async () => {
    const { fetch, calls } = fakeFetch(json(202, { accepted: true }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 'tok-1', fetch });

    await api.auth.requestPasswordReset({ email: 'ana@example.com' });

    expect(headerOf(calls[0], 'authorization')).toBeUndefined();
    expect(calls[0]?.init.body).toBe('{"email":"ana@example.com"}');
    expect(headerOf(calls[0], 'content-type')).toBe('application/json');
  });

  it('encodes page queries and skips undefined values', async () => {
    const { fetch, calls } = fakeFetch(json(200, { items: [], nextCursor: null }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });

    await api.auditLog.list({ limit: 20, cursor: 'a b' });
    expect(calls[0]?.url).toBe('/api/v1/audit-log?limit=20&cursor=a+b');
  });

  it('throws an ApiError with the code, problem and field errors of a problem+json answer', async () => {
    const { fetch } = fakeFetch(
      problem(400, 'VALIDATION_FAILED', {
        errors: [
          { path: 'body.email', message: 'Invalid email', code: 'invalid_format' },
          { path: 'body.email', message: 'Second error on the same field', code: 'too_big' },
          { path: 'body.password', message: 'Too short', code: 'too_small' },
        ],
      }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => undefined, fetch });

    const error = await api.auth
      .signup({ email: 'x', password: 'y', displayName: 'Ana' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.problem.errors).toHaveLength(3);
    expect(apiError.fieldErrors.email?.code).toBe('invalid_format');
    expect(apiError.fieldErrors.password?.message).toBe('Too short');
  });

  it('keeps retryAfterSeconds of a throttled log-in', async () => {
    const { fetch } = fakeFetch(problem(429, 'LOGIN_THROTTLED', { retryAfterSeconds: 600 }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => undefined, fetch });

    const error = (await api.auth
      .login({ email: 'a@b.co', password: 'x' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('LOGIN_THROTTLED');
    expect(error.retryAfterSeconds).toBe(600);
  });

  it('refreshes once on 401 and retries the request with the new token', async () => {
    let token = 'expired';
    const { fetch, calls } = fakeFetch(problem(401, 'TOKEN_EXPIRED'), json(200, { items: [] }));
    const onUnauthorized = vi.fn(async (error: ApiError) => {
      expect(error.code).toBe('TOKEN_EXPIRED');
      token = 'fresh';
      return true;
    });
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => token, onUnauthorized, fetch });

    await expect(api.apiKeys.list()).resolves.toEqual({ items: [] });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(headerOf(calls[0], 'authorization')).toBe('Bearer expired');
    expect(headerOf(calls[1], 'authorization')).toBe('Bearer fresh');
  });

  it('retries at most once, and not at all when the refresh fails', async () => {
    const twice = fakeFetch(problem(401, 'TOKEN_EXPIRED'), problem(401, 'TOKEN_EXPIRED'));
    const always = vi.fn(async () => true);
    const api = createApiClient({
      baseUrl: '/a',
      getAccessToken: () => 't',
      onUnauthorized: always,
      fetch: twice.fetch,
    });
    await expect(api.me.get()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(always).toHaveBeenCalledTimes(1);
    expect(twice.calls).toHaveLength(2);

    const once = fakeFetch(problem(401, 'UNAUTHENTICATED'));
    const never = vi.fn(async () => false);
    const api2 = createApiClient({
      baseUrl: '/a',
      getAccessToken: () => 't',
      onUnauthorized: never,
      fetch: once.fetch,
    });
    await expect(api2.me.get()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(once.calls).toHaveLength(1);
  });

  it('does not refresh for a 401 about the request itself (wrong current password)', async () => {
    const { fetch, calls } = fakeFetch(
      problem(401, 'INVALID_CREDENTIALS', {
        errors: [{ path: 'body.currentPassword', message: 'Wrong password', code: 'invalid_credentials' }],
      }),
    );
    const onUnauthorized = vi.fn(async () => true);
    const api = createApiClient({ baseUrl: '/a', getAccessToken: () => 't', onUnauthorized, fetch });

    await expect(
      api.me.changePassword({ currentPassword: 'wrong', newPassword: 'a new long password' }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
  });

  it('does not try to refresh when a public endpoint answers 401', async () => {
    const { fetch } = fakeFetch(problem(401, 'INVALID_CREDENTIALS'));
    const onUnauthorized = vi.fn(async () => true);
    const api = createApiClient({ baseUrl: '/a', getAccessToken: () => undefined, onUnauthorized, fetch });

    await expect(api.auth.login({ email: 'a@b.co', password: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('resolves undefined for 204 answers', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });

    await expect(api.apiKeys.revoke('9d5e1c1e-4d4a-4c1b-8b8a-0f1e2d3c4b5a')).resolves.toBeUndefined();
    expect(calls[0]?.init.method).toBe('DELETE');
    expect(calls[0]?.url).toBe('/api/v1/api-keys/9d5e1c1e-4d4a-4c1b-8b8a-0f1e2d3c4b5a');
  });

  it('turns a non-problem error page and a network failure into ApiErrors', async () => {
    const { fetch } = fakeFetch(
      new Response('<html>Bad gateway</html>', { status: 502 }),
      new TypeError('fetch failed'),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => undefined, fetch });

    await expect(api.system.getConfig()).rejects.toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE' });
    await expect(api.system.getConfig()).rejects.toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
  });

  it('rejects an answer that does not match the contract', async () => {
    const { fetch } = fakeFetch(json(200, { devMailbox: 'yes' }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => undefined, fetch });

    await expect(api.system.getConfig()).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
