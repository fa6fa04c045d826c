import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/create-test-app.ts';

// The global per-client limit (RATE_LIMIT_PER_MINUTE): over it, 429 problem+json
// with Retry-After; probes are never throttled. (With Redis the counter is shared
// by every app on it, so other test files can only make the limit come sooner.)
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => t.close());

describe('rate limit', () => {
  it('answers 429 problem+json with Retry-After once a client goes over the limit, and keeps probes open', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/config' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) limited ??= res;
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(limited?.headers['content-type']).toContain('application/problem+json');
    expect(limited?.headers['retry-after']).toBeDefined();
    expect(limited?.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
