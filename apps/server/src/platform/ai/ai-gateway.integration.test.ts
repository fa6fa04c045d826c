import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlmServer, startFakeLlmServer } from '../../testing/fake-llm-server.ts';
import { AiError, type AiErrorKind, type ChatRequest, type ChatStreamEvent } from './ai-gateway.ts';
import { type AiConfig, type CreateAiGatewayOptions, createAiGateway } from './create-ai-gateway.ts';

// Drives the real AI SDK adapters against a local server speaking the
// OpenAI-compatible and Anthropic wire formats.

const OPENAI_KEY = 'sk-test-openai-key';
const ANTHROPIC_KEY = 'sk-ant-test-key';
const GPT = 'openai:gpt-4o-mini';
const LLAMA = 'openai:llama3.2:3b';
const CLAUDE = 'anthropic:claude-haiku-4-5';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer({ embeddingDimensions: 16 });
});
afterEach(() => server.close());

function gateway(config: Partial<AiConfig> = {}, opts: CreateAiGatewayOptions = {}) {
  return createAiGateway(
    {
      openai: { baseUrl: server.baseUrl, apiKey: OPENAI_KEY },
      anthropic: { baseUrl: server.baseUrl, apiKey: ANTHROPIC_KEY },
      models: { chat: GPT, embed: 'openai:text-embedding-3-small' },
      firstTokenTimeoutMs: 1000,
      requestTimeoutMs: 3000,
      maxRetries: 2,
      ...config,
    },
    { retryBaseDelayMs: 1, ...opts },
  );
}

const hello: ChatRequest = {
  system: 'You are a coach.',
  messages: [{ role: 'user', content: 'Hello there' }],
};

async function collect(stream: AsyncIterable<ChatStreamEvent>) {
  const deltas: string[] = [];
  const finishes: Extract<ChatStreamEvent, { type: 'finish' }>[] = [];
  let error: unknown;
  try {
    for await (const event of stream) {
      if (event.type === 'delta') deltas.push(event.text);
      else finishes.push(event);
    }
  } catch (e) {
    error = e;
  }
  return { deltas, finish: finishes[0], finishes, error };
}

function expectAiError(error: unknown, kind: AiErrorKind) {
  expect(error).toBeInstanceOf(AiError);
  expect((error as AiError).kind).toBe(kind);
  expect((error as AiError).message).not.toMatch(/sk-|stack|at .+:\d+/);
}

describe('streamChat', () => {
  it('streams OpenAI-compatible deltas in order and finishes with usage', async () => {
    server.script({ text: 'You can do this today.', usage: { inputTokens: 12, outputTokens: 5 } });
    const { deltas, finishes, error } = await collect(gateway().streamChat('chat', hello));

    expect(error).toBeUndefined();
    expect(deltas).toEqual(['You ', 'can ', 'do ', 'this ', 'today.']);
    expect(finishes).toEqual([
      {
        type: 'finish',
        model: GPT,
        usage: { inputTokens: 12, outputTokens: 5 },
        finishReason: 'stop',
        usedFallback: false,
      },
    ]);
    const [req] = server.requests;
    expect(req).toMatchObject({ path: '/v1/chat/completions', model: 'gpt-4o-mini', stream: true });
    expect(req?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(req?.body.stream_options).toEqual({ include_usage: true });
  });

  it('streams Anthropic deltas in order and finishes with usage', async () => {
    server.script({ text: 'One step at a time.', usage: { inputTokens: 20, outputTokens: 6 } });
    const { deltas, finish, error } = await collect(gateway().streamChat('chat', hello, { model: CLAUDE }));

    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('One step at a time.');
    expect(deltas).toHaveLength(5);
    expect(finish).toMatchObject({ model: CLAUDE, usage: { inputTokens: 20, outputTokens: 6 } });
    const [req] = server.requests;
    expect(req).toMatchObject({ path: '/v1/messages', model: 'claude-haiku-4-5', stream: true });
    expect(req?.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(req?.body.system).toEqual([{ type: 'text', text: 'You are a coach.' }]);
  });

  it('splits a model id on its first colon only', async () => {
    const { finish } = await collect(gateway().streamChat('chat', hello, { model: LLAMA }));

    expect(finish?.model).toBe(LLAMA);
    expect(server.requests[0]?.model).toBe('llama3.2:3b');
  });

  it('retries 429 and answers on the third request, honouring Retry-After over the backoff', async () => {
    server.script({ status: 429, retryAfter: '0', times: 2 }, { text: 'Back again.' });
    const started = Date.now();
    const { deltas, finish, error } = await collect(
      gateway({}, { retryBaseDelayMs: 10_000 }).streamChat('chat', hello),
    );

    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('Back again.');
    expect(finish?.usedFallback).toBe(false);
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up with rate_limited when 429 outlasts the retries', async () => {
    server.script({ status: 429, retryAfter: '0', times: 3 });
    const { error } = await collect(gateway().streamChat('chat', hello));

    expectAiError(error, 'rate_limited');
    expect(server.requests).toHaveLength(3);
  });

  it('fails with provider_error when 500s outlast the retries', async () => {
    server.script({ status: 500, times: 3 });
    const { deltas, finish, error } = await collect(gateway().streamChat('chat', hello));

    expectAiError(error, 'provider_error');
    expect(deltas).toEqual([]);
    expect(finish).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  it('hands over to the fallback model when the primary sends no first token in time', async () => {
    server.script(
      { model: 'gpt-4o-mini', hang: true },
      { model: 'claude-haiku-4-5', text: 'Fallback here.' },
    );
    const ai = gateway({ firstTokenTimeoutMs: 100, models: { chat: GPT, fallback: CLAUDE } });
    const { deltas, finish, error } = await collect(ai.streamChat('chat', hello));

    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('Fallback here.');
    expect(finish).toMatchObject({ model: CLAUDE, usedFallback: true });
    await until(() => server.requests[0]?.aborted === true);
  });

  it('hands over to the route fallback when the primary keeps failing, and null turns it off', async () => {
    server.script({ status: 500, times: 3 });
    const { finish } = await collect(gateway().streamChat('chat', hello, { fallback: LLAMA }));
    expect(finish).toMatchObject({ model: LLAMA, usedFallback: true });

    server.script({ status: 500, times: 3 });
    const ai = gateway({ models: { chat: GPT, fallback: LLAMA } });
    const { error } = await collect(ai.streamChat('chat', hello, { fallback: null }));
    expectAiError(error, 'provider_error');
  });

  it('times out quickly when the model hangs and there is no fallback', async () => {
    server.script({ hang: true });
    const started = Date.now();
    const { error } = await collect(gateway({ firstTokenTimeoutMs: 100 }).streamChat('chat', hello));

    expectAiError(error, 'timeout');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it('times out when a started stream outlasts the request timeout', async () => {
    server.script({ text: 'one two three four five six seven eight nine ten', deltaDelayMs: 100 });
    const { deltas, error } = await collect(gateway({ requestTimeoutMs: 300 }).streamChat('chat', hello));

    expectAiError(error, 'timeout');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(10);
  });

  it.each([
    ['OpenAI-compatible', GPT],
    ['Anthropic', CLAUDE],
  ])('ends a %s stream with bad_response on a malformed chunk, nothing unhandled', async (_, model) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      server.script({ text: 'one two three four', malformedAfter: 2 });
      const { deltas, finish, error } = await collect(gateway().streamChat('chat', hello, { model }));

      expectAiError(error, 'bad_response');
      expect(deltas).toEqual(['one ', 'two ']);
      expect(finish).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('stops the upstream request when the caller aborts', async () => {
    server.script({ text: 'a b c d e f g h', deltaDelayMs: 30 });
    const controller = new AbortController();
    const deltas: string[] = [];
    let error: unknown;
    try {
      for await (const event of gateway().streamChat('chat', { ...hello, signal: controller.signal })) {
        if (event.type === 'delta') deltas.push(event.text);
        if (deltas.length === 2) controller.abort();
      }
    } catch (e) {
      error = e;
    }

    expect(error).toBe(controller.signal.reason);
    expect(deltas).toEqual(['a ', 'b ']);
    await until(() => server.requests[0]?.aborted === true);
  });

  it('stops the upstream request when the consumer stops reading', async () => {
    server.script({ text: 'a b c d e f g h', deltaDelayMs: 30 });
    for await (const event of gateway().streamChat('chat', hello)) {
      if (event.type === 'delta') break;
    }
    await until(() => server.requests[0]?.aborted === true);
  });

  it('refuses a model whose provider is not configured', async () => {
    const ai = gateway({ anthropic: undefined });
    const { error } = await collect(ai.streamChat('chat', hello, { model: CLAUDE }));
    expectAiError(error, 'not_configured');

    const unknownProvider = ai.generate('chat', hello, { model: 'mistral:large' });
    await expect(unknownProvider).rejects.toMatchObject({ kind: 'not_configured' });
    expect(server.requests).toEqual([]);
  });
});

describe('generate', () => {
  it.each([
    ['OpenAI-compatible', GPT],
    ['Anthropic', CLAUDE],
  ])('returns the whole %s reply with usage', async (_, model) => {
    server.script({ text: 'A short summary.', usage: { inputTokens: 30, outputTokens: 4 } });
    const result = await gateway().generate('summarise', hello, { model });

    expect(result).toEqual({
      text: 'A short summary.',
      model,
      usage: { inputTokens: 30, outputTokens: 4 },
      usedFallback: false,
    });
    expect(server.requests[0]?.stream).toBe(false);
  });

  it('times out when the model never answers', async () => {
    server.script({ hang: true });
    const started = Date.now();
    const answer = gateway({ requestTimeoutMs: 150 }).generate('summarise', hello);

    await expect(answer).rejects.toMatchObject({ kind: 'timeout', model: GPT });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('retries, then falls back', async () => {
    server.script({ model: 'gpt-4o-mini', status: 503, times: 3 }, { text: 'From the fallback.' });
    const result = await gateway({ models: { chat: GPT, fallback: CLAUDE } }).generate('classify', hello);

    expect(result).toMatchObject({ text: 'From the fallback.', model: CLAUDE, usedFallback: true });
    expect(server.requests.map((r) => r.model)).toEqual([
      'gpt-4o-mini',
      'gpt-4o-mini',
      'gpt-4o-mini',
      'claude-haiku-4-5',
    ]);
  });
});

describe('embed', () => {
  it('retries a failed embedding request', async () => {
    server.script({ status: 500 });
    const result = await gateway().embed(['hello']);

    expect(result.embeddings).toHaveLength(1);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/embeddings', '/v1/embeddings']);
  });

  it('returns one normalised vector of the model dimension per text', async () => {
    const ai = gateway();
    const result = await ai.embed(['how do I stay motivated', 'how do I stay motivated', 'pricing']);

    expect(ai.embeddingModel).toBe('openai:text-embedding-3-small');
    expect(result.model).toBe('openai:text-embedding-3-small');
    expect(result.embeddings).toHaveLength(3);
    for (const vector of result.embeddings) {
      expect(vector).toHaveLength(16);
      expect(Math.hypot(...vector)).toBeCloseTo(1);
    }
    expect(result.embeddings[0]).toEqual(result.embeddings[1]);
    expect(result.usage).toEqual({ inputTokens: 11, outputTokens: 0 });
  });

  it('is not configured without an embedding model', async () => {
    const ai = gateway({ models: { chat: GPT } });
    expect(ai.embeddingModel).toBeNull();
    await expect(ai.embed(['x'])).rejects.toMatchObject({ kind: 'not_configured' });
  });
});

describe('configuration', () => {
  it('routes each use to its model, defaulting to chat', () => {
    const ai = gateway({ anthropic: undefined, models: { chat: GPT, classify: LLAMA } });
    expect(ai.configured).toBe(true);
    expect(ai.providers).toEqual(['openai']);
    expect(ai.defaultModel('summarise')).toBe(GPT);
    expect(ai.defaultModel('classify')).toBe(LLAMA);
  });

  it('is not configured without a provider or without a chat model', () => {
    expect(gateway({ openai: undefined, anthropic: undefined }).configured).toBe(false);
    const noChat = gateway({ models: {} });
    expect(noChat.configured).toBe(false);
    expect(noChat.defaultModel('chat')).toBeNull();
  });
});

async function until(check: () => boolean, timeoutMs = 1000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
