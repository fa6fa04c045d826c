import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Meta's Graph API (WhatsApp Cloud API) that speaks its
 * wire format: message sends, media, the phone number, message templates and
 * Graph's error bodies. Tests drive the real graph client against it instead
 * of mocking fetch. One WABA and any number of phone ids: ids are not checked.
 */

export interface FakeGraphRequest {
  method: string;
  /** Path and query, e.g. `/v21.0/123/message_templates?limit=100`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or null when the request had no (JSON) body. */
  body: unknown;
}

/** A message Graph accepted (failed and refused sends are only in `requests`). */
export interface FakeGraphSent {
  phoneNumberId: string;
  body: Record<string, unknown>;
}

/** A template as Graph returns it from GET /{waba-id}/message_templates. */
export interface FakeGraphTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: { type: string; text?: string; format?: string; example?: unknown }[];
  /** `NONE` unless rejected, as Graph reports it. */
  rejected_reason: string;
}

export interface FakeGraphFailure {
  status: number;
  code: number;
  message?: string;
  subcode?: number;
  /** `Retry-After` header, in seconds. */
  retryAfter?: number;
}

export interface FakeGraph {
  /** Origin to pass as the client's `baseUrl`, e.g. `http://127.0.0.1:51234`. */
  url: string;
  requests: FakeGraphRequest[];
  sent: FakeGraphSent[];
  /** Preloaded with `hello_world` (en_US) and `checkin_reminder` (es), both APPROVED; push more freely. */
  templates: FakeGraphTemplate[];
  /** The next `n` POST …/messages fail with this Graph error. */
  failNext(n: number, error: FakeGraphFailure): void;
  addMedia(id: string, bytes: Buffer, mimeType: string): void;
  setTemplateStatus(name: string, status: string, reason?: string): void;
  close(): Promise<void>;
}

export interface FakeGraphOptions {
  /** When set, every request must carry `Authorization: Bearer <accessToken>`. */
  accessToken?: string;
}

/** Graph's default page size when `limit` is not given. */
const DEFAULT_TEMPLATE_LIMIT = 25;
const VERSION = /^v\d+\.\d+$/;

export async function startFakeGraphServer(opts: FakeGraphOptions = {}): Promise<FakeGraph> {
  const requests: FakeGraphRequest[] = [];
  const sent: FakeGraphSent[] = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const failures: FakeGraphFailure[] = [];
  const templates: FakeGraphTemplate[] = [
    template('hello_world', 'en_US', 'UTILITY', 'Hello World'),
    template('checkin_reminder', 'es', 'MARKETING', 'Hola {{1}}, ¿cómo va tu semana?'),
  ];
  let url = '';

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const record: FakeGraphRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: { ...req.headers },
      body: parseJson(raw),
    };
    requests.push(record);
    const target = new URL(record.path, 'http://fake');
    const [first, id, edge, ...rest] = target.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

    // Media downloads always need a bearer token, as on Meta's CDN.
    const needsToken = opts.accessToken !== undefined || first === 'media-download';
    if (
      needsToken &&
      (bearer === undefined || (opts.accessToken !== undefined && bearer !== opts.accessToken))
    )
      return sendGraphError(res, 401, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
      });

    if (first === 'media-download' && id !== undefined && edge === undefined && record.method === 'GET')
      return download(res, id);
    if (first === undefined || !VERSION.test(first) || id === undefined || rest.length > 0)
      return unsupported(res, record);

    if (edge === undefined && record.method === 'GET') return getObject(res, id, target.searchParams);
    if (edge === 'messages' && record.method === 'POST') return postMessage(res, id, record.body);
    if (edge === 'message_templates' && record.method === 'GET')
      return listTemplates(res, target, target.searchParams);
    if (edge === 'message_templates' && record.method === 'POST') return createTemplate(res, record.body);
    return unsupported(res, record);
  }

  function download(res: ServerResponse, id: string) {
    const item = media.get(id);
    if (!item) return sendJson(res, 404, { error: { message: 'Media not found', code: 100 } });
    res.writeHead(200, { 'content-type': item.mimeType, 'content-length': String(item.bytes.length) });
    res.end(item.bytes);
  }

  /** GET /{version}/{id}: a media object, or the phone number when its fields are asked for. */
  function getObject(res: ServerResponse, id: string, query: URLSearchParams) {
    const item = media.get(id);
    if (item)
      return sendJson(res, 200, {
        messaging_product: 'whatsapp',
        url: `${url}/media-download/${encodeURIComponent(id)}`,
        mime_type: item.mimeType,
        sha256: createHash('sha256').update(item.bytes).digest('hex'),
        file_size: item.bytes.length,
        id,
      });
    if (query.get('fields')?.includes('display_phone_number'))
      return sendJson(res, 200, {
        display_phone_number: '+1 555-010-0000',
        verified_name: 'Coach Test',
        quality_rating: 'GREEN',
        messaging_limit_tier: 'TIER_1K',
        id,
      });
    return sendGraphError(res, 400, {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      subcode: 33,
    });
  }

  function postMessage(res: ServerResponse, phoneNumberId: string, body: unknown) {
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return sendGraphError(
        res,
        failure.status,
        {
          message: failure.message ?? `(#${failure.code}) Fake failure`,
          type: 'OAuthException',
          code: failure.code,
          subcode: failure.subcode,
          details: failure.message ?? `Fake failure ${failure.code}`,
        },
        headers,
      );
    }
    const problem = invalidMessage(body);
    if (problem) return invalidParameter(res, problem);
    const message = body as Record<string, unknown>;
    sent.push({ phoneNumberId, body: message });
    if (message.status === 'read') return sendJson(res, 200, { success: true });
    const to = String(message.to);
    return sendJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }],
      messages: [
        {
          id: `wamid.${randomBytes(24).toString('base64')}`,
          ...(message.type === 'template' ? { message_status: 'accepted' } : {}),
        },
      ],
    });
  }

  /** Graph's cursor paging: `after` is the last item's cursor; `next` only when more remain. */
  function listTemplates(res: ServerResponse, target: URL, query: URLSearchParams) {
    const limit = Number(query.get('limit') ?? DEFAULT_TEMPLATE_LIMIT);
    if (!Number.isInteger(limit) || limit < 1)
      return invalidParameter(res, 'limit must be a positive integer');
    const after = query.get('after');
    const start = after === null ? 0 : decodeCursor(after) + 1;
    if (Number.isNaN(start)) return invalidParameter(res, 'invalid after cursor');
    const page = templates.slice(start, start + limit);
    const fields = query.get('fields')?.split(',');
    const data = page.map((t) => (fields ? pick(t, ['id', ...fields]) : t));
    const body: Record<string, unknown> = { data };
    if (page.length > 0) {
      const cursors = { before: encodeCursor(start), after: encodeCursor(start + page.length - 1) };
      const more = start + page.length < templates.length;
      const next = new URL(`${url}${target.pathname}`);
      for (const [k, v] of query) if (k !== 'after' && k !== 'before') next.searchParams.set(k, v);
      next.searchParams.set('after', cursors.after);
      body.paging = { cursors, ...(more ? { next: next.toString() } : {}) };
    }
    return sendJson(res, 200, body);
  }

  function createTemplate(res: ServerResponse, body: unknown) {
    if (!isRecord(body)) return invalidParameter(res, 'body must be JSON');
    const { name, language, category, components } = body;
    if (typeof name !== 'string' || !/^[a-z0-9_]+$/.test(name))
      return invalidParameter(res, 'name must be lowercase letters, digits and underscores');
    if (typeof language !== 'string' || language === '') return invalidParameter(res, 'language is required');
    if (category !== 'MARKETING' && category !== 'UTILITY' && category !== 'AUTHENTICATION')
      return invalidParameter(res, 'category must be MARKETING, UTILITY or AUTHENTICATION');
    if (!Array.isArray(components)) return invalidParameter(res, 'components is required');
    const bodyComponent = components.find((c) => isRecord(c) && c.type === 'BODY') as
      | Record<string, unknown>
      | undefined;
    if (typeof bodyComponent?.text !== 'string')
      return invalidParameter(res, 'a BODY component with text is required');
    if (/\{\{\w+\}\}/.test(bodyComponent.text) && !isRecord(bodyComponent.example))
      return invalidParameter(res, 'body parameters need example values (example.body_text)');
    if (templates.some((t) => t.name === name && t.language === language))
      return sendGraphError(res, 400, {
        message: 'Invalid parameter',
        type: 'OAuthException',
        code: 100,
        subcode: 2388024,
        details: `Content in this language already exists for template ${name}`,
      });
    const created: FakeGraphTemplate = {
      id: newTemplateId(),
      name,
      language,
      status: 'PENDING',
      category,
      components: components.filter(isRecord) as FakeGraphTemplate['components'],
      rejected_reason: 'NONE',
    };
    templates.push(created);
    return sendJson(res, 200, { id: created.id, status: created.status, category: created.category });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    sent,
    templates,
    failNext: (n, error) => {
      for (let i = 0; i < n; i++) failures.push(error);
    },
    addMedia: (id, bytes, mimeType) => {
      media.set(id, { bytes, mimeType });
    },
    setTemplateStatus: (name, status, reason) => {
      const matching = templates.filter((t) => t.name === name);
      if (matching.length === 0) throw new Error(`fake Graph has no template named ${name}`);
      for (const t of matching) {
        t.status = status;
        t.rejected_reason = reason ?? 'NONE';
      }
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The `X-Hub-Signature-256` header Meta sends with a webhook delivery: an
 * HMAC-SHA256 of the raw body with the app secret, for tests of webhook
 * verification.
 */
export function signWebhook(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** Why Graph would refuse a POST …/messages body (minimal checks), or null. */
function invalidMessage(body: unknown): string | null {
  if (!isRecord(body)) return 'body must be a JSON object';
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be whatsapp';
  if (body.status === 'read')
    return typeof body.message_id === 'string' && body.message_id !== '' ? null : 'message_id is required';
  if (typeof body.to !== 'string' || body.to === '') return 'to is required';
  if (typeof body.type !== 'string') return 'type is required';
  if (!isRecord(body[body.type])) return `the ${body.type} object is required`;
  return null;
}

function template(name: string, language: string, category: string, body: string): FakeGraphTemplate {
  return {
    id: newTemplateId(),
    name,
    language,
    status: 'APPROVED',
    category,
    components: [{ type: 'BODY', text: body }],
    rejected_reason: 'NONE',
  };
}

const newTemplateId = () => String(1_000_000_000_000_000n + BigInt(randomBytes(6).readUIntBE(0, 6)));

/** Opaque to clients, like Graph's cursors: the base64 of an index. */
const encodeCursor = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');
function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

function pick(t: FakeGraphTemplate, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(t).filter(([k]) => fields.includes(k)));
}

function unsupported(res: ServerResponse, req: FakeGraphRequest) {
  return sendGraphError(res, 400, {
    message: `Unsupported ${req.method.toLowerCase()} request: ${req.path}`,
    type: 'GraphMethodException',
    code: 100,
  });
}

function invalidParameter(res: ServerResponse, details: string) {
  return sendGraphError(res, 400, {
    message: '(#100) Invalid parameter',
    type: 'OAuthException',
    code: 100,
    details,
  });
}

/** Graph's error body: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
function sendGraphError(
  res: ServerResponse,
  status: number,
  e: { message: string; type: string; code: number; subcode?: number; details?: string },
  headers: Record<string, string> = {},
) {
  sendJson(
    res,
    status,
    {
      error: {
        message: e.message,
        type: e.type,
        code: e.code,
        ...(e.subcode === undefined ? {} : { error_subcode: e.subcode }),
        ...(e.details === undefined
          ? {}
          : { error_data: { messaging_product: 'whatsapp', details: e.details } }),
        fbtrace_id: `A${randomBytes(11).toString('base64url')}`,
      },
    },
    headers,
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
