import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/create-test-app.ts';
import { signUpAndLogIn } from '../testing/http.ts';

let t: TestApp;
let c: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
  c = await signUpAndLogIn(t.app, t.mailer);
});
afterAll(() => t.close());

const countRows = async () => {
  const { rows } = await t.db.unsafeQuery<{ n: number }>(
    'select (select count(*) from creators) + (select count(*) from end_users) + (select count(*) from audit_log) as n',
  );
  return Number(rows[0]!.n);
};

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({
    status,
    code,
    type: expect.stringContaining('/problems/'),
    requestId: expect.any(String),
  });
  // Nothing internal leaks.
  expect(res.body).not.toMatch(/node_modules|\bat .+\.(ts|js):\d+|stack/);
  return body;
}

describe('bad input gets a clear 4xx problem and writes nothing', () => {
  it('malformed JSON → 400 MALFORMED_REQUEST', async () => {
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: { ...c.auth, 'content-type': 'application/json' },
      payload: '{"widgetVisitorId": "abc',
    });
    expectProblem(res, 400, 'MALFORMED_REQUEST');
    expect(await countRows()).toBe(before);
  });

  it('wrong types → 400 VALIDATION_FAILED naming each field', async () => {
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 42, password: 'short', displayName: 'x' },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    expect(await countRows()).toBe(before);
  });

  it('unknown fields → 400 naming the unknown field', async () => {
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: c.auth,
      payload: { widgetVisitorId: 'visitor-123456', isAdmin: true },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: 'body.isAdmin', code: 'unrecognized_keys' }),
    );
    expect(await countRows()).toBe(before);
  });

  it('bad query and path parameters → 400 naming them', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/end-users?limit=5000', headers: c.auth });
    expect(expectProblem(q, 400, 'VALIDATION_FAILED').errors[0].path).toBe('query.limit');
    const p = await t.app.inject({ method: 'GET', url: '/api/v1/end-users/not-a-uuid', headers: c.auth });
    expect(expectProblem(p, 400, 'VALIDATION_FAILED').errors[0].path).toBe('params.id');
    const cursor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/end-users?cursor=garbage',
      headers: c.auth,
    });
    expectProblem(cursor, 400, 'VALIDATION_FAILED');
  });

  it('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: c.auth,
      payload: { widgetVisitorId: 'visitor-123456', displayName: 'x'.repeat(10_000) },
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countRows()).toBe(before);
  });

  it('wrong content type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: { ...c.auth, 'content-type': 'text/plain' },
      payload: 'widgetVisitorId=x',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a business rule violation (duplicate identity) → 409 and the first row stays intact', async () => {
    const payload = { widgetVisitorId: 'visitor-dup-0001', displayName: 'First' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/end-users', headers: c.auth, payload })).statusCode,
    ).toBe(201);
    const before = await countRows();
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/end-users',
      headers: c.auth,
      payload: { ...payload, displayName: 'Second' },
    });
    expectProblem(dup, 409, 'CONFLICT');
    expect(await countRows()).toBe(before);
  });

  it('unknown routes → 404 problem+json', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('echoes the request id in the problem and the response header', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.json().requestId).toBe('trace-abc-123');
  });
});
