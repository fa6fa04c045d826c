import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('probes, metrics and API reference', () => {
  it('answers liveness and readiness with the state of database and cache', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', cache: 'up' } });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await t.app.inject({ url: '/api/v1/config' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/config",status="200"\} \d+/,
    );
    expect(res.body).toContain('process_cpu_seconds_total');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and the docs UI', async () => {
    const spec = (await t.app.inject({ url: '/docs/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/api-keys', '/api/v1/end-users/{id}']),
    );
    expect(spec.paths['/api/v1/api-keys'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(spec.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(JSON.stringify(spec.paths['/api/v1/auth/signup'].post.requestBody)).toContain('displayName');
    const ui = await t.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('<div id="app">');
  });

  it('tells the dashboard whether the dev mailbox is on', async () => {
    expect((await t.app.inject({ url: '/api/v1/config' })).json()).toMatchObject({ devMailbox: true });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
