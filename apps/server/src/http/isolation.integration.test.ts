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
  ids['knowledge/folders'] = (await inject('POST', '/knowledge/folders', { name: 'B folder' })).id;
  // The AI coach: a reply, a memory, a correction, a crisis alert, a proactive rule.
  const exchange = await inject('POST', `/conversations/${ids.conversations}/messages`, {
    content: 'My name is Bea. How much protein should I eat?',
  });
  ids.messages = exchange.reply.id;
  const memories = await t.app.inject({
    method: 'GET',
    url: `/api/v1/end-users/${ids['end-users']}/memories`,
    headers: b.auth,
  });
  ids.memoryId = memories.json().items[0].id;
  ids['assistant/corrections'] = (
    await inject('POST', `/messages/${ids.messages}/correction`, { answer: 'Two grams per kilo.' })
  ).id;
  await inject('POST', `/conversations/${ids.conversations}/messages`, { content: 'I want to end my life' });
  const alerts = await t.app.inject({ method: 'GET', url: '/api/v1/assistant/alerts', headers: b.auth });
  ids['assistant/alerts'] = alerts.json().items[0].id;
  ids['assistant/proactive-rules'] = (
    await inject('POST', '/assistant/proactive-rules', {
      name: 'B rule',
      trigger: { kind: 'inactivity', days: 3 },
      message: 'visitor-of-b check-in',
    })
  ).id;
  // A published program with B's client enrolled in it.
  ids.programs = (await inject('POST', '/programs', { name: 'B program', templateKey: 'weekly-checkin' })).id;
  await inject('POST', `/programs/${ids.programs}/publish`, {});
  ids.enrollments = (
    await inject('POST', `/programs/${ids.programs}/enrollments`, { endUserId: ids['end-users'] })
  ).enrollment.id;
  const upload = multipartText('b-notes.txt', 'visitor-of-b private notes about recovery');
  ids['knowledge/documents'] = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/knowledge/documents',
      headers: { ...b.auth, ...upload.headers },
      payload: upload.payload,
    })
  ).json().accepted[0].id;
  // B's client as a WhatsApp contact; a broadcast id nobody but B could hold.
  ids['whatsapp/contacts'] = ids['end-users']!;
  ids['whatsapp/broadcasts'] = crypto.randomUUID();
});
afterAll(() => t.close());

function multipartText(filename: string, text: string) {
  const boundary = '----isolation';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\n\r\n${text}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A valid body for each route, so that only the foreign id can explain the answer. */
const requestFor = (
  method: string,
  url: string,
): { payload?: object | Buffer; headers?: Record<string, string> } => {
  if (method === 'GET' || method === 'DELETE') return {};
  if (url.endsWith('/conversations/:id/messages')) return { payload: { content: 'hello' } };
  if (url.endsWith('/conversations/:id/creator-messages')) return { payload: { content: 'hello' } };
  if (url === '/api/v1/conversations/:id' && method === 'PATCH') return { payload: { status: 'human' } };
  if (url.endsWith('/conversations/:id/read')) return { payload: {} };
  if (url.endsWith('/whatsapp/contacts/:id/consent')) return { payload: { status: 'opted_in', source: 'x' } };
  if (url.startsWith('/api/v1/conversations'))
    return { payload: { endUserId: ids['end-users'], channel: 'web' } };
  if (url.endsWith('/feedback')) return { payload: { rating: 'up' } };
  if (url.endsWith('/correction')) return { payload: { answer: 'taken' } };
  if (url.endsWith('/memories') && method === 'POST') return { payload: { kind: 'fact', content: 'taken' } };
  if (url.endsWith('/memories/:memoryId')) return { payload: { content: 'taken' } };
  if (url.endsWith('/versions') && method === 'POST') return multipartText('v2.txt', 'new version text');
  if (url.endsWith('/content')) return { payload: { content: 'edited text' } };
  if (url.startsWith('/api/v1/knowledge/documents/:id') && method === 'PATCH')
    return { payload: { title: 'taken' } };
  if (url.startsWith('/api/v1/knowledge/folders/:id')) return { payload: { name: 'taken' } };
  if (url === '/api/v1/programs/:id' && method === 'PATCH') return { payload: { name: 'taken' } };
  if (url.endsWith('/programs/:id/enrollments')) return { payload: { endUserId: ids['end-users'] } };
  if (url.endsWith('/enrollments/migrate')) return { payload: { fromVersion: 1 } };
  if (url.endsWith('/enrollments/:id/input')) return { payload: { text: 'taken', messageId: 'a-1' } };
  return { payload: {} };
};

/** The resource a route's :id belongs to: the path before it, e.g. `knowledge/documents`. */
const resourceOf = (url: string) => url.replace('/api/v1/', '').split('/:id')[0]!;

describe('tenant isolation over HTTP', () => {
  it('answers 404 to creator A for every route given creator B ids', async () => {
    // Public routes with ids (a widget file behind a signed link) prove their own isolation.
    const withId = t.app.apiRoutes.filter((r) => r.url.includes(':id') && r.auth !== 'public');
    expect(withId.length).toBeGreaterThanOrEqual(5);
    const results: string[] = [];
    for (const route of withId) {
      const id = ids[resourceOf(route.url)];
      expect(id, `no fixture id for ${route.url}: add one to this test`).toBeDefined();
      const req = requestFor(route.method, route.url);
      const res = await t.app.inject({
        method: route.method as 'GET',
        url:
          route.url
            .replace(':id', id!)
            .replace(':version', '1')
            .replace(':memoryId', ids.memoryId!)
            .replace(':attachmentId', crypto.randomUUID()) +
          (route.url.endsWith('/diff') ? '?from=1&to=1' : ''),
        headers: { ...a.auth, ...req.headers },
        ...(req.payload ? { payload: req.payload } : {}),
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
