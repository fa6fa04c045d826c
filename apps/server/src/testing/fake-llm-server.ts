import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for OpenAI-compatible and Anthropic servers that speaks
 * their real wire formats, so tests drive the real AI SDK adapters (SSE
 * parsing, zod schemas, error handling) instead of mocking them.
 */

/** How the server answers one request. */
export interface FakeReply {
  /** Only requests for this model use the rule; unset matches any model. */
  model?: string;
  /** Only requests whose JSON body contains this text use the rule (e.g. a phrase of the system prompt). */
  contains?: string;
  /** How many requests the rule answers before it is used up (default 1). */
  times?: number;
  /** Reply text, sent as one delta per word unless `deltas` is set. */
  text?: string;
  deltas?: string[];
  /** Time to first token (headers are sent at once, like real servers). */
  initialDelayMs?: number;
  deltaDelayMs?: number;
  /** Answer with this HTTP error status (429, 500, ...) and an error body. */
  status?: number;
  /** `Retry-After` header (seconds) sent with `status`. */
  retryAfter?: string;
  /** Send headers, then never send a token. */
  hang?: boolean;
  /** Send a chunk of invalid JSON after this many deltas, then carry on. */
  malformedAfter?: number;
  usage?: { inputTokens: number; outputTokens: number };
}

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** True when the client went away before the reply was complete. */
  aborted: boolean;
}

export interface FakeLlmServer {
  /** Origin, e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** `${url}/v1`: the base URL both SDK adapters expect. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Adds rules, used in order; a request with no matching rule gets the default reply. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

export interface FakeLlmServerOptions {
  defaultText?: string;
  embeddingDimensions?: number;
}

export async function startFakeLlmServer(opts: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const defaultText = opts.defaultText ?? 'Hello from the fake model.';
  const dimensions = opts.embeddingDimensions ?? 8;
  const rules: (FakeReply & { left: number })[] = [];
  const requests: RecordedRequest[] = [];

  function takeReply(model: string, body: Record<string, unknown>): FakeReply {
    const json = JSON.stringify(body);
    const rule = rules.find(
      (r) =>
        r.left > 0 &&
        (r.model === undefined || r.model === model) &&
        (r.contains === undefined || json.includes(r.contains)),
    );
    if (!rule) return { text: defaultText };
    rule.left -= 1;
    return rule;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readJson(req);
    const model = String(body.model ?? '');
    const record: RecordedRequest = {
      path: req.url ?? '',
      headers: { ...req.headers },
      body,
      model,
      stream: body.stream === true,
      aborted: false,
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
    });
    const flavour = record.path === '/v1/messages' ? 'anthropic' : 'openai';
    if (!ROUTES.includes(record.path)) return sendJson(res, 404, { error: { message: 'Not found' } });
    const r = takeReply(model, body);
    if (r.status) return sendError(res, flavour, r.status, r.retryAfter);
    if (record.path === '/v1/embeddings') return sendJson(res, 200, embeddings(body, dimensions));
    return reply(res, flavour, record, r);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    script: (...replies) => {
      for (const r of replies) rules.push({ ...r, left: r.times ?? 1 });
    },
    close: () => {
      // Hanging responses would keep close() waiting forever.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const ROUTES = ['/v1/chat/completions', '/v1/embeddings', '/v1/messages'];

type Flavour = 'openai' | 'anthropic';

/** The error body each provider really sends, so the adapters' error schemas parse it. */
function sendError(res: ServerResponse, flavour: Flavour, status: number, retryAfter: string | undefined) {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  const type = status === 429 ? 'rate_limit_error' : 'api_error';
  const message = status === 429 ? 'Rate limit reached' : 'The server had an error';
  const openaiBody = { error: { message, type, code: null } };
  const anthropicBody = { type: 'error', error: { type, message } };
  sendJson(res, status, flavour === 'openai' ? openaiBody : anthropicBody, headers);
}

async function reply(res: ServerResponse, flavour: Flavour, req: RecordedRequest, r: FakeReply) {
  const deltas = r.deltas ?? (r.text ?? '').split(/(?<= )/);
  const inputTokens = countWords(JSON.stringify(req.body.messages));
  const usage = r.usage ?? { inputTokens, outputTokens: deltas.length };
  const id = `fake-${Math.random().toString(36).slice(2, 10)}`;
  const format = flavour === 'openai' ? openaiFormat(id, req.model) : anthropicFormat(id, req.model);

  if (!req.stream) {
    await sleep(r.initialDelayMs ?? 0);
    if (r.hang) return; // never answers; the client's abort or close() ends it
    return sendJson(res, 200, format.whole(deltas.join(''), usage));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const send = (events: string[]) => {
    if (!res.destroyed) for (const e of events) res.write(e);
  };
  await sleep(r.initialDelayMs ?? 0);
  if (r.hang || res.destroyed) return;
  send(format.start(usage));
  for (const [i, delta] of deltas.entries()) {
    if (i === r.malformedAfter) send(format.malformed());
    if (i > 0) await sleep(r.deltaDelayMs ?? 0);
    if (res.destroyed) return;
    send(format.delta(delta));
  }
  const includeUsage = (req.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
  send(format.end(usage, flavour === 'anthropic' || includeUsage === true));
  res.end();
}

/** Event builders for one streamed or whole reply in a provider's format. */
interface WireFormat {
  start(usage: Usage): string[];
  delta(text: string): string[];
  malformed(): string[];
  end(usage: Usage, includeUsage: boolean): string[];
  whole(text: string, usage: Usage): object;
}

function openaiFormat(id: string, model: string): WireFormat {
  const chunk = (choices: unknown[], extra: object = {}) =>
    sse({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model, choices, ...extra });
  return {
    start: () => [chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])],
    delta: (text: string) => [chunk([{ index: 0, delta: { content: text }, finish_reason: null }])],
    malformed: () => ['data: {"id":"broken","choices":[{"delta":\n\n'],
    end: (u: Usage, includeUsage: boolean) => [
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      ...(includeUsage ? [chunk([], { usage: openaiUsage(u) })] : []),
      'data: [DONE]\n\n',
    ],
    whole: (text: string, u: Usage) => ({
      id,
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: openaiUsage(u),
    }),
  };
}

function anthropicFormat(id: string, model: string): WireFormat {
  const event = (type: string, data: object) => sse({ type, ...data }, type);
  return {
    start: (u: Usage) => [
      event('message_start', {
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: u.inputTokens, output_tokens: 1 },
        },
      }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ],
    delta: (text: string) => [
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }),
    ],
    malformed: () => ['event: content_block_delta\ndata: {"type":"content_block_delta","index":\n\n'],
    end: (u: Usage) => [
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: u.outputTokens },
      }),
      event('message_stop', {}),
    ],
    whole: (text: string, u: Usage) => ({
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: u.inputTokens, output_tokens: u.outputTokens },
    }),
  };
}

type Usage = { inputTokens: number; outputTokens: number };

const openaiUsage = (u: Usage) => ({
  prompt_tokens: u.inputTokens,
  completion_tokens: u.outputTokens,
  total_tokens: u.inputTokens + u.outputTokens,
});

/**
 * Hashed bag of character trigrams (per word, with boundary marks),
 * L2-normalised: equal texts get equal vectors, shared words raise similarity,
 * and a misspelt word still lands near the right one — a small stand-in for
 * what a real embedding model adds over exact terms.
 */
function embeddings(body: Record<string, unknown>, defaultDimensions: number) {
  const input = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
  const dims = typeof body.dimensions === 'number' ? body.dimensions : defaultDimensions;
  const data = input.map((text, index) => {
    const vector = new Array<number>(dims).fill(0);
    for (const word of words(text))
      for (const gram of trigrams(word)) {
        const slot = createHash('sha256').update(gram).digest().readUInt32BE(0) % dims;
        vector[slot] = (vector[slot] ?? 0) + 1;
      }
    const norm = Math.hypot(...vector) || 1;
    return { object: 'embedding', index, embedding: vector.map((v) => v / norm) };
  });
  const tokens = input.reduce((sum, text) => sum + words(text).length, 0);
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const trigrams = (word: string) => {
  const padded = `^${word}$`;
  return Array.from({ length: Math.max(1, padded.length - 2) }, (_, i) => padded.slice(i, i + 3));
};
const countWords = (text: string | undefined) => words(text ?? '').length;

function sse(data: object, event?: string) {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
