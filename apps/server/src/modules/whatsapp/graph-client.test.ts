import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  type FakeGraph,
  type FakeGraphTemplate,
  startFakeGraphServer,
} from '../../testing/fake-graph-server.ts';
import {
  createGraphClient,
  type GraphCredentials,
  GraphError,
  type OutboundMessage,
} from './graph-client.ts';

const VERSION = 'v21.0';
const creds: GraphCredentials = {
  accessToken: 'test-token',
  phoneNumberId: '1065403522',
  wabaId: '1022901293',
};
const TO = '5215512345678';

let fake: FakeGraph;
let client: ReturnType<typeof createGraphClient>;

beforeEach(async () => {
  fake = await startFakeGraphServer({ accessToken: creds.accessToken });
  client = createGraphClient({ baseUrl: fake.url, version: VERSION });
});
afterEach(() => fake.close());

/** The rejection of `promise` as a GraphError (fails the test when it resolves or throws something else). */
async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('send', () => {
  it('posts a text message in Meta’s format with bearer auth and returns the wamid', async () => {
    const result = await client.send(creds, { kind: 'text', to: TO, body: 'Hola, ¿cómo vas?' });

    expect(result.messageId).toMatch(/^wamid\./);
    expect(result.waId).toBe(TO);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/${VERSION}/${creds.phoneNumberId}/messages`);
    expect(request?.headers.authorization).toBe('Bearer test-token');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(fake.sent).toEqual([
      {
        phoneNumberId: creds.phoneNumberId,
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: TO,
          type: 'text',
          text: { preview_url: false, body: 'Hola, ¿cómo vas?' },
        },
      },
    ]);
  });

  it('quotes the message it replies to and turns on link previews when asked', async () => {
    await client.send(creds, {
      kind: 'text',
      to: TO,
      body: 'Mira https://example.com',
      previewUrl: true,
      replyTo: 'wamid.INBOUND',
    });

    expect(fake.sent[0]?.body).toMatchObject({
      context: { message_id: 'wamid.INBOUND' },
      text: { preview_url: true, body: 'Mira https://example.com' },
    });
  });

  it('returns a different wamid for each message', async () => {
    const a = await client.send(creds, { kind: 'text', to: TO, body: 'uno' });
    const b = await client.send(creds, { kind: 'text', to: TO, body: 'dos' });
    expect(a.messageId).not.toBe(b.messageId);
  });

  it('sends reply buttons as an interactive button message', async () => {
    await client.send(creds, {
      kind: 'buttons',
      to: TO,
      header: 'Check-in',
      body: '¿Cómo te fue hoy?',
      footer: 'Tu coach',
      buttons: [
        { id: 'good', title: 'Bien 💪' },
        { id: 'bad', title: 'Regular' },
      ],
    });

    expect(fake.sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Check-in' },
        body: { text: '¿Cómo te fue hoy?' },
        footer: { text: 'Tu coach' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'good', title: 'Bien 💪' } },
            { type: 'reply', reply: { id: 'bad', title: 'Regular' } },
          ],
        },
      },
    });
  });

  it('sends a list as one section of rows', async () => {
    await client.send(creds, {
      kind: 'list',
      to: TO,
      body: 'Elige un tema',
      button: 'Ver temas',
      rows: [
        { id: 'sleep', title: 'Sueño', description: 'Rutinas de noche' },
        { id: 'food', title: 'Comida' },
      ],
    });

    expect(fake.sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Elige un tema' },
        action: {
          button: 'Ver temas',
          sections: [
            {
              title: 'Ver temas',
              rows: [
                { id: 'sleep', title: 'Sueño', description: 'Rutinas de noche' },
                { id: 'food', title: 'Comida' },
              ],
            },
          ],
        },
      },
    });
  });

  const button = (i: number) => ({ id: `b${i}`, title: `Opción ${i}` });
  const row = (i: number) => ({ id: `r${i}`, title: `Fila ${i}` });
  const refused: [string, OutboundMessage, RegExp][] = [
    [
      'a text over 4096 characters',
      { kind: 'text', to: TO, body: 'a'.repeat(4097) },
      /4097 characters.*4096/,
    ],
    ['an empty text', { kind: 'text', to: TO, body: '  ' }, /empty/],
    [
      'four buttons',
      { kind: 'buttons', to: TO, body: 'x', buttons: [1, 2, 3, 4].map(button) },
      /4 buttons.*1 to 3/,
    ],
    ['no buttons', { kind: 'buttons', to: TO, body: 'x', buttons: [] }, /0 buttons/],
    [
      'a button title over 20 characters',
      { kind: 'buttons', to: TO, body: 'x', buttons: [{ id: 'a', title: 'x'.repeat(21) }] },
      /button 1 title.*21 characters.*20/,
    ],
    [
      'two buttons with the same id',
      { kind: 'buttons', to: TO, body: 'x', buttons: [button(1), { ...button(2), id: 'b1' }] },
      /button ids must be unique/,
    ],
    [
      'eleven list rows',
      { kind: 'list', to: TO, body: 'x', button: 'Ver', rows: Array.from({ length: 11 }, (_, i) => row(i)) },
      /11 list rows/,
    ],
    [
      'a row title over 24 characters',
      { kind: 'list', to: TO, body: 'x', button: 'Ver', rows: [{ id: 'a', title: 'x'.repeat(25) }] },
      /row 1 title.*25 characters.*24/,
    ],
    [
      'a list button over 20 characters',
      { kind: 'list', to: TO, body: 'x', button: 'x'.repeat(21), rows: [row(1)] },
      /list button.*21 characters/,
    ],
    [
      'a caption on audio',
      { kind: 'media', to: TO, media: 'audio', link: 'https://cdn.example.com/a.ogg', caption: 'hola' },
      /audio.*caption/,
    ],
    ['a media link that is not a URL', { kind: 'media', to: TO, media: 'image', link: 'a.png' }, /not a URL/],
    [
      'a template parameter with a newline',
      { kind: 'template', to: TO, name: 'checkin_reminder', language: 'es', bodyParameters: ['Ana\nMaría'] },
      /parameter 1.*newline/,
    ],
  ];

  it.each(refused)('refuses %s before any request', async (_, message, reason) => {
    const error = await graphError(client.send(creds, message));

    expect(error.retryable).toBe(false);
    expect(error.type).toBe('ValidationError');
    expect(error.message).toMatch(reason);
    expect(fake.requests).toHaveLength(0);
  });

  it('counts an emoji as one character against the limits', async () => {
    await client.send(creds, {
      kind: 'buttons',
      to: TO,
      body: 'x',
      buttons: [{ id: 'a', title: '💪'.repeat(20) }],
    });
    expect(fake.sent).toHaveLength(1);
  });

  it('sends a template with its body parameters in order', async () => {
    const result = await client.send(creds, {
      kind: 'template',
      to: TO,
      name: 'checkin_reminder',
      language: 'es',
      bodyParameters: ['Ana'],
    });

    expect(result.messageId).toMatch(/^wamid\./);
    expect(fake.sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'template',
      template: {
        name: 'checkin_reminder',
        language: { code: 'es' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }],
      },
    });
  });

  it('sends a template without parameters with no components', async () => {
    await client.send(creds, { kind: 'template', to: TO, name: 'hello_world', language: 'en_US' });

    expect(fake.sent[0]?.body).toMatchObject({
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(fake.sent[0]?.body.template).not.toHaveProperty('components');
  });

  it('sends media by link, with caption and filename for documents', async () => {
    await client.send(creds, {
      kind: 'media',
      to: TO,
      media: 'document',
      link: 'https://cdn.example.com/plan.pdf',
      caption: 'Tu plan',
      filename: 'plan.pdf',
    });
    await client.send(creds, {
      kind: 'media',
      to: TO,
      media: 'image',
      link: 'https://cdn.example.com/a.jpg',
    });

    expect(fake.sent.map((s) => s.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: TO,
        type: 'document',
        document: { link: 'https://cdn.example.com/plan.pdf', caption: 'Tu plan', filename: 'plan.pdf' },
      },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: TO,
        type: 'image',
        image: { link: 'https://cdn.example.com/a.jpg' },
      },
    ]);
  });

  it('reacts to a message', async () => {
    await client.send(creds, { kind: 'reaction', to: TO, messageId: 'wamid.IN', emoji: '👍' });

    expect(fake.sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'reaction',
      reaction: { message_id: 'wamid.IN', emoji: '👍' },
    });
  });

  it('marks an inbound message read and returns its id', async () => {
    const result = await client.send(creds, { kind: 'read', messageId: 'wamid.INBOUND' });

    expect(result).toEqual({ messageId: 'wamid.INBOUND', waId: null });
    expect(fake.sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.INBOUND',
    });
  });
});

describe('errors', () => {
  it('makes a throughput limit (429, 130429) retryable after Retry-After', async () => {
    fake.failNext(1, { status: 429, code: 130429, message: '(#130429) Rate limit hit', retryAfter: 7 });

    const error = await graphError(client.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status: 429, code: 130429, retryable: true, retryAfterSeconds: 7 });
    expect(error.fbtraceId).toEqual(expect.any(String));
    expect(fake.sent).toHaveLength(0);
    // The failure is used up: the retry goes through.
    await expect(client.send(creds, { kind: 'text', to: TO, body: 'hola' })).resolves.toMatchObject({
      messageId: expect.stringMatching(/^wamid\./),
    });
  });

  it('makes the 24-hour window error (400, 131047) permanent and keeps Meta’s details', async () => {
    fake.failNext(1, { status: 400, code: 131047, message: 'Re-engagement message' });

    const error = await graphError(client.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({
      status: 400,
      code: 131047,
      type: 'OAuthException',
      retryable: false,
      retryAfterSeconds: null,
      details: 'Re-engagement message',
    });
  });

  it.each([
    [400, 131026, false], // undeliverable
    [400, 131051, false], // unsupported type
    [400, 132000, false], // template parameter count mismatch
    [404, 132001, false], // template missing
    [403, 368, false], // policy block
    [400, 131030, false], // not in allowed list
    [400, 131056, true], // pair rate limit
    [400, 80007, true], // WABA rate limit
    [400, 4, true], // app rate limit
    [500, 131000, true], // something went wrong
    [503, 2, true], // service temporarily unavailable
    [500, 100, false], // the code wins over the status
    [400, 999_999, false], // unknown code: a 4xx is permanent
    [502, 999_999, true], // unknown code: a 5xx is retryable
  ])('classifies HTTP %i with code %i as retryable=%s', async (status, code, retryable) => {
    fake.failNext(1, { status, code });

    const error = await graphError(client.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status, code, retryable });
  });

  it('rejects a bad token with code 190, not retryable, without echoing the token', async () => {
    const bad = { ...creds, accessToken: 'expired-token' };

    const error = await graphError(client.send(bad, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status: 401, code: 190, type: 'OAuthException', retryable: false });
    expect(error.message).not.toContain('expired-token');
  });

  it('makes a refused connection a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createGraphClient({ baseUrl: `http://127.0.0.1:${port}`, version: VERSION });

    const error = await graphError(offline.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status: 0, code: null, type: 'NetworkError', retryable: true });
  });

  it('makes a server that never answers a retryable timeout', async () => {
    const silent = await startRawServer(() => {});
    const slow = createGraphClient({ baseUrl: silent.url, version: VERSION, timeoutMs: 100 });

    const error = await graphError(slow.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status: 0, type: 'TimeoutError', retryable: true });
  });

  it('makes a non-JSON 502 from a proxy retryable', async () => {
    const proxy = await startRawServer((res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const viaProxy = createGraphClient({ baseUrl: proxy.url, version: VERSION });

    const error = await graphError(viaProxy.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error).toMatchObject({ status: 502, code: null, retryable: true });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const limited = await startRawServer((res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': at });
      res.end(JSON.stringify({ error: { message: 'Too many calls', type: 'OAuthException', code: 4 } }));
    });
    const viaLimited = createGraphClient({ baseUrl: limited.url, version: VERSION });

    const error = await graphError(viaLimited.send(creds, { kind: 'text', to: TO, body: 'hola' }));

    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(30);
  });
});

describe('media', () => {
  const bytes = Buffer.from('a voice note, more or less');

  it('returns media info and downloads the bytes with the bearer token', async () => {
    fake.addMedia('media-1', bytes, 'audio/ogg');

    const info = await client.mediaInfo(creds, 'media-1');
    const downloaded = await client.downloadMedia(creds, info.url, 1024);

    expect(info).toEqual({
      url: `${fake.url}/media-download/media-1`,
      mimeType: 'audio/ogg',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileSize: bytes.length,
    });
    expect(fake.requests[0]?.path).toBe(`/${VERSION}/media-1?phone_number_id=${creds.phoneNumberId}`);
    expect(downloaded.equals(bytes)).toBe(true);
    expect(fake.requests[1]?.headers.authorization).toBe('Bearer test-token');
  });

  it('answers an unknown media id with a permanent code 100', async () => {
    const error = await graphError(client.mediaInfo(creds, 'nope'));
    expect(error).toMatchObject({ status: 400, code: 100, retryable: false });
  });

  it('refuses a download over maxBytes, not retryable', async () => {
    fake.addMedia('media-2', bytes, 'audio/ogg');
    const info = await client.mediaInfo(creds, 'media-2');

    const error = await graphError(client.downloadMedia(creds, info.url, bytes.length - 1));

    expect(error).toMatchObject({ type: 'MediaTooLarge', retryable: false });
  });

  it('refuses a declared Content-Length over maxBytes without waiting for the body', async () => {
    const declaring = await startRawServer((res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(50 * 1024 * 1024) });
      res.write(Buffer.alloc(1024)); // and then nothing more
    });
    const quick = createGraphClient({ baseUrl: fake.url, version: VERSION, timeoutMs: 1000 });

    const error = await graphError(quick.downloadMedia(creds, `${declaring.url}/video`, 1024 * 1024));

    expect(error).toMatchObject({ type: 'MediaTooLarge', retryable: false });
  });

  it('stops reading a download without Content-Length once it passes maxBytes', async () => {
    const chunk = 16 * 1024;
    const totalChunks = 200; // 3.2 MB, streamed chunked so the size is only known by counting
    let chunksWritten = 0;
    const streaming = await startRawServer((res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      const timer = setInterval(() => {
        if (chunksWritten === totalChunks) return res.end();
        chunksWritten++;
        res.write(Buffer.alloc(chunk));
      }, 1);
      res.on('close', () => clearInterval(timer));
    });

    const error = await graphError(client.downloadMedia(creds, `${streaming.url}/video`, 4 * chunk));

    expect(error).toMatchObject({ type: 'MediaTooLarge', retryable: false });
    const writtenAtRefusal = chunksWritten;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The client hung up instead of draining the rest.
    expect(chunksWritten).toBeLessThan(totalChunks);
    expect(chunksWritten - writtenAtRefusal).toBeLessThan(10);
  });
});

describe('phone number', () => {
  it('reads display number, verified name, quality rating and limit tier', async () => {
    const info = await client.phoneNumber(creds);

    expect(info).toEqual({
      displayPhoneNumber: '+1 555-010-0000',
      verifiedName: 'Coach Test',
      qualityRating: 'GREEN',
      messagingLimitTier: 'TIER_1K',
    });
    const path = new URL(fake.requests[0]?.path ?? '', 'http://x');
    expect(path.pathname).toBe(`/${VERSION}/${creds.phoneNumberId}`);
    expect(path.searchParams.get('fields')).toBe(
      'display_phone_number,verified_name,quality_rating,messaging_limit_tier',
    );
  });
});

describe('templates', () => {
  it('lists templates with their body and parameter count', async () => {
    const templates = await client.listTemplates(creds);

    expect(templates).toEqual([
      expect.objectContaining({
        name: 'hello_world',
        language: 'en_US',
        status: 'APPROVED',
        body: 'Hello World',
        parameterCount: 0,
        rejectedReason: null,
      }),
      expect.objectContaining({
        name: 'checkin_reminder',
        language: 'es',
        status: 'APPROVED',
        body: 'Hola {{1}}, ¿cómo va tu semana?',
        parameterCount: 1,
      }),
    ]);
    expect(templates[0]?.id).toMatch(/^\d+$/);
  });

  it('follows the after cursor until the last page', async () => {
    for (let i = 0; i < 120; i++) fake.templates.push(extraTemplate(i));

    const templates = await client.listTemplates(creds);

    expect(templates).toHaveLength(122);
    expect(new Set(templates.map((t) => t.name)).size).toBe(122);
    expect(templates.at(-1)?.name).toBe('extra_119');
    const pages = fake.requests.map((r) => new URL(r.path, 'http://x').searchParams);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.get('limit')).toBe('100');
    expect(pages[0]?.has('after')).toBe(false);
    expect(pages[1]?.get('after')).toEqual(expect.any(String));
  });

  it('reports a rejection reason, and none for Graph’s NONE', async () => {
    fake.setTemplateStatus('checkin_reminder', 'REJECTED', 'INVALID_FORMAT');

    const templates = await client.listTemplates(creds);

    expect(templates.find((t) => t.name === 'checkin_reminder')).toMatchObject({
      status: 'REJECTED',
      rejectedReason: 'INVALID_FORMAT',
    });
    expect(templates.find((t) => t.name === 'hello_world')?.rejectedReason).toBeNull();
  });

  it('creates a template with header, body examples and footer, pending review', async () => {
    const created = await client.createTemplate(creds, {
      name: 'weekly_goal',
      language: 'es',
      category: 'UTILITY',
      header: 'Tu semana',
      body: 'Hola {{1}}, tu meta es {{2}}.',
      footer: 'Responde STOP para salir',
      bodyExamples: ['Ana', 'dormir 8 horas'],
    });

    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    const request = fake.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/${VERSION}/${creds.wabaId}/message_templates`);
    expect(request?.body).toEqual({
      name: 'weekly_goal',
      language: 'es',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Tu semana' },
        {
          type: 'BODY',
          text: 'Hola {{1}}, tu meta es {{2}}.',
          example: { body_text: [['Ana', 'dormir 8 horas']] },
        },
        { type: 'FOOTER', text: 'Responde STOP para salir' },
      ],
    });
    const listed = await client.listTemplates(creds);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ status: 'PENDING', parameterCount: 2 });
  });

  it('refuses a template whose examples do not match its parameters, before any request', async () => {
    const error = await graphError(
      client.createTemplate(creds, {
        name: 'weekly_goal',
        language: 'es',
        category: 'UTILITY',
        body: 'Hola {{1}}, tu meta es {{2}}.',
        bodyExamples: ['Ana'],
      }),
    );

    expect(error).toMatchObject({ type: 'ValidationError', retryable: false });
    expect(error.message).toMatch(/2 parameter\(s\) but 1 example/);
    expect(fake.requests).toHaveLength(0);
  });

  it('passes on Graph’s refusal of a duplicate template', async () => {
    const error = await graphError(
      client.createTemplate(creds, {
        name: 'hello_world',
        language: 'en_US',
        category: 'UTILITY',
        body: 'Hi',
      }),
    );

    expect(error).toMatchObject({ status: 400, code: 100, subcode: 2388024, retryable: false });
  });
});

function extraTemplate(i: number): FakeGraphTemplate {
  return {
    id: String(2_000_000 + i),
    name: `extra_${i}`,
    language: 'es',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: `Plantilla ${i}` }],
    rejected_reason: 'NONE',
  };
}

/**
 * A bare HTTP server for failures the fake Graph does not model (silence,
 * proxies, endless bodies); it closes when the test ends, passed or not.
 */
async function startRawServer(handler: (res: ServerResponse) => void): Promise<{ url: string }> {
  const server = createServer((_req, res) => handler(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
