import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverProgramWebhook } from './program-webhooks.ts';

// A webhook step's delivery, against a local HTTP server standing in for the creator's endpoint.
let server: Server;
let url: string;
let status = 200;
const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/companero`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const logger = { info: () => undefined, warn: () => undefined };
const payload = () => ({
  creatorId: '00000000-0000-4000-8000-000000000001',
  eventId: '00000000-0000-4000-8000-0000000000e1',
  url,
  body: { event: 'week_1_done', enrollmentId: 'e-1', data: { variables: { streak: 7 } } },
});

describe('program webhooks', () => {
  it('POSTs the event as JSON with its id as the idempotency key', async () => {
    status = 204;
    await deliverProgramWebhook(payload(), { logger });
    const last = received.at(-1)!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['idempotency-key']).toBe(payload().eventId);
    expect(last.headers['x-companero-event']).toBe('week_1_done');
    expect(last.body).toMatchObject({
      id: payload().eventId,
      event: 'week_1_done',
      data: { variables: { streak: 7 } },
    });
  });

  it('fails on a non-2xx answer so the queue retries it', async () => {
    status = 503;
    await expect(deliverProgramWebhook(payload(), { logger })).rejects.toThrow('503');
  });

  it('fails on an unreachable endpoint within the timeout', async () => {
    await expect(
      deliverProgramWebhook({ ...payload(), url: 'http://127.0.0.1:9/nothing' }, { logger, timeoutMs: 2000 }),
    ).rejects.toThrow();
  });
});
