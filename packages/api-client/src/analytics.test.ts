import type { AnalyticsOverview } from '@companero/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './index.ts';

const OVERVIEW: AnalyticsOverview = {
  period: {
    from: '2025-03-01',
    to: '2025-03-07',
    previousFrom: '2025-02-22',
    previousTo: '2025-02-28',
    timeZone: 'Europe/Madrid',
    granularity: 'day',
  },
  kpis: [{ key: 'activeUsers', value: 3, previous: 2, delta: 0.5 }],
  activeUsers: { dau: 1.5, wau: 3, mau: 3 },
  series: [],
  channels: [{ channel: 'web', messages: 4 }],
  handoffReasons: [],
  programs: [],
  cohorts: [],
  topDocuments: [],
  unansweredQuestions: [],
  currency: 'EUR',
  rolledUpAt: '2025-03-07T10:00:00.000Z',
};

function fakeFetch(...answers: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

describe('analytics client', () => {
  it('asks for the overview of a period and checks the answer', async () => {
    const { fetch, calls } = fakeFetch(
      new Response(JSON.stringify(OVERVIEW), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    const overview = await api.analytics.overview({ period: 'custom', from: '2025-03-01', to: '2025-03-07' });
    expect(overview.kpis[0]).toEqual({ key: 'activeUsers', value: 3, previous: 2, delta: 0.5 });
    expect(calls[0]?.url).toBe('/api/v1/analytics/overview?period=custom&from=2025-03-01&to=2025-03-07');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer t');
  });

  it('rejects an overview that does not match the contract', async () => {
    const { fetch } = fakeFetch(
      new Response(JSON.stringify({ ...OVERVIEW, kpis: 'none' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    await expect(api.analytics.overview()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('downloads an export with the name the server gave it', async () => {
    const { fetch, calls } = fakeFetch(
      new Response('day,active_users\n2025-03-01,3\n', {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition': `attachment; filename="analytics-daily.csv"; filename*=UTF-8''anal%C3%ADtica-daily.csv`,
        },
      }),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    const { blob, filename } = await api.analytics.export({ format: 'csv', section: 'daily', period: '7d' });
    expect(filename).toBe('analítica-daily.csv');
    await expect(blob.text()).resolves.toContain('active_users');
    expect(calls[0]?.url).toBe('/api/v1/analytics/export?format=csv&section=daily&period=7d');
  });

  it('names an export after its format when the server gives no name', async () => {
    const { fetch } = fakeFetch(new Response('%PDF-1.7', { status: 200 }));
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    await expect(api.analytics.export({ format: 'pdf' })).resolves.toMatchObject({
      filename: 'analytics.pdf',
    });
  });

  it('reports a refused export as an ApiError', async () => {
    const { fetch } = fakeFetch(
      new Response(
        JSON.stringify({ type: 'about:blank', title: 'Error', status: 400, code: 'VALIDATION_FAILED' }),
        { status: 400, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const api = createApiClient({ baseUrl: '/api/v1', getAccessToken: () => 't', fetch });
    await expect(
      api.analytics.export({ format: 'csv', period: 'custom', from: '2025-03-07', to: '2025-03-01' }),
    ).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
