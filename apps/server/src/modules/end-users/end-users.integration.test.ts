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

describe('end users', () => {
  it('creates end users by any identity and pages through all of them, newest first, without gaps', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const identity =
        i % 3 === 0
          ? { widgetVisitorId: `visitor-page-${i}` }
          : i % 3 === 1
            ? { phoneE164: `+3460000000${i}` }
            : { appAccountId: `app-${i}` };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/end-users',
        headers: c.auth,
        payload: { ...identity, tags: ['vip'] },
      });
      expect(res.statusCode).toBe(201);
      created.push(res.json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/end-users?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        headers: c.auth,
      });
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  it('refuses an end user with no identity', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: c.auth,
      payload: { displayName: 'Nobody' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('deletes an end user with their conversations', async () => {
    const eu = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/end-users',
        headers: c.auth,
        payload: { appAccountId: 'to-delete' },
      })
    ).json();
    const conv = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/conversations',
        headers: c.auth,
        payload: { endUserId: eu.id, channel: 'mobile' },
      })
    ).json();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/end-users/${eu.id}`, headers: c.auth }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/conversations/${conv.id}`, headers: c.auth }))
        .statusCode,
    ).toBe(404);
  });
});
