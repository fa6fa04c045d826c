import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/create-test-app.ts';
import { signUpAndLogIn } from '../testing/http.ts';

/**
 * Two creators. Every API route that takes an object id is called by A with
 * B's ids: each must answer 404 (never 403, never B's data), and B's objects
 * must be unchanged afterwards. New routes are covered automatically.
 */
let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  const inject = (method: 'POST', url: string, payload: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: b.auth, payload }).then((r) => r.json());
  ids['end-users'] = (
    await inject('POST', '/end-users', { widgetVisitorId: 'visitor-of-b-0001', displayName: 'B client' })
  ).id;
  ids.conversations = (
    await inject('POST', '/conversations', { endUserId: ids['end-users'], channel: 'web' })
  ).id;
  ids['api-keys'] = (
    await inject('POST', '/api-keys', { name: 'b key', scopes: ['account:read'] })
  ).apiKey.id;
});
afterAll(() => t.close());

const bodyFor = (method: string, url: string) => {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (url.startsWith('/api/v1/conversations')) return { endUserId: ids['end-users'], channel: 'web' };
  return {};
};

describe('tenant isolation over HTTP', () => {
  it('answers 404 to creator A for every route given creator B ids', async () => {
    const withId = t.app.apiRoutes.filter((r) => r.url.includes(':id'));
    expect(withId.length).toBeGreaterThanOrEqual(5);
    const results: string[] = [];
    for (const route of withId) {
      const resource = route.url.split('/')[3]!;
      const id = ids[resource];
      expect(id, `no fixture id for ${route.url}: add one to this test`).toBeDefined();
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', id!),
        headers: a.auth,
        ...(bodyFor(route.method, route.url) ? { payload: bodyFor(route.method, route.url) } : {}),
      });
      results.push(`${route.method} ${route.url} -> ${res.statusCode} ${res.json().code}`);
      expect(res.body).not.toContain('visitor-of-b');
    }
    expect(results).toEqual(results.map((r) => r.replace(/-> .*/, '-> 404 NOT_FOUND')));
  });

  it('never lists B objects to A, and B still has all of them', async () => {
    for (const url of [
      '/api/v1/end-users',
      '/api/v1/conversations',
      '/api/v1/api-keys',
      '/api/v1/audit-log',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: a.auth });
      expect(res.statusCode).toBe(200);
      const body = res.body;
      for (const id of Object.values(ids)) expect(body).not.toContain(id);
    }
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/end-users/${ids['end-users']}`,
      headers: b.auth,
    });
    expect(own.statusCode).toBe(200);
    const key = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: b.auth });
    expect(key.json().items[0].revokedAt).toBeNull();
  });

  it('cannot start a conversation for another creator end user', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: a.auth,
      payload: { endUserId: ids['end-users'], channel: 'web' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('requires authentication on every non-public route', async () => {
    for (const route of t.app.apiRoutes.filter((r) => r.auth !== 'public')) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', ids['end-users']!),
      });
      expect(`${route.method} ${route.url} ${res.statusCode}`).toBe(`${route.method} ${route.url} 401`);
    }
  });
});
