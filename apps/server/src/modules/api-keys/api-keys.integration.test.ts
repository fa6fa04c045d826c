import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';

let t: TestApp;
let c: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

const createKey = async (body: object) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: c.auth, payload: body });
  expect(res.statusCode).toBe(201);
  return res.json() as { apiKey: { id: string; prefix: string }; secret: string };
};
const withKey = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API keys', () => {
  it('shows the secret once, stores only a hash, and lists the key without it', async () => {
    const { apiKey, secret } = await createKey({ name: 'Zapier', scopes: ['end_users:read'] });
    expect(secret).toMatch(/^cmp_[A-Za-z0-9_-]{86}$/);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: c.auth });
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(list.body).not.toContain(secret.slice(10));
    const stored = await t.db.withTenant(c.creatorId, (tx) => tx.execute('select secret_hash from api_keys'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(10));
  });

  it('grants exactly its scopes: allowed scope 200, other scope 403 INSUFFICIENT_SCOPE', async () => {
    const { secret } = await createKey({ name: 'reader', scopes: ['end_users:read'] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/end-users', headers: withKey(secret) })).statusCode,
    ).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: withKey(secret),
      payload: { widgetVisitorId: 'visitor-abc-123' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('INSUFFICIENT_SCOPE');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: withKey(secret) }))
        .statusCode,
    ).toBe(403);
  });

  it('also works in the X-API-Key header', async () => {
    const { secret } = await createKey({ name: 'header', scopes: ['account:read'] });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-api-key': secret } });
    expect(res.json().id).toBe(c.creatorId);
  });

  it('cannot manage API keys (a leaked key cannot mint more)', async () => {
    const { secret } = await createKey({
      name: 'all',
      scopes: [
        'account:read',
        'end_users:read',
        'end_users:write',
        'conversations:read',
        'conversations:write',
        'audit:read',
      ],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: withKey(secret),
      payload: { name: 'x', scopes: ['account:read'] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('stops working the moment it is revoked, and the revocation is audited', async () => {
    const { apiKey, secret } = await createKey({ name: 'temp', scopes: ['account:read'] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: withKey(secret) })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: c.auth }))
        .statusCode,
    ).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: withKey(secret) });
    expect(after.statusCode).toBe(401);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: c.auth });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['api_key.created', 'api_key.revoked']),
    );
  });

  it('refuses a key with a tampered secret or an expired key', async () => {
    const { secret } = await createKey({ name: 'tamper', scopes: ['account:read'] });
    const tampered = `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: withKey(tampered) })).statusCode,
    ).toBe(401);
    const { apiKey, secret: expiring } = await createKey({
      name: 'expiring',
      scopes: ['account:read'],
      expiresInDays: 1,
    });
    await t.db.withTenant(c.creatorId, (tx) =>
      tx.execute(`update api_keys set expires_at = now() - interval '1 minute' where id = '${apiKey.id}'`),
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: withKey(expiring) })).statusCode,
    ).toBe(401);
  });

  it('records when a key was last used', async () => {
    const { apiKey, secret } = await createKey({ name: 'used', scopes: ['account:read'] });
    await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: withKey(secret) });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: c.auth });
    const key = list.json().items.find((k: { id: string }) => k.id === apiKey.id);
    expect(key.lastUsedAt).not.toBeNull();
  });
});
