import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import {
  APICallError,
  EmptyResponseBodyError,
  embedMany,
  generateText,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  RetryError,
  streamText,
  type TextStreamPart,
  type ToolSet,
  TypeValidationError,
} from 'ai';
import {
  AiError,
  type AiGateway,
  type AiUse,
  type ChatRequest,
  type ChatStreamEvent,
  type ModelId,
  type ModelRoute,
  type TokenUsage,
} from './ai-gateway.ts';

export interface AiConfig {
  /** Any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio): provider `openai`. */
  openai?: { baseUrl: string; apiKey?: string };
  /** Provider `anthropic`; the base URL defaults to the public API. */
  anthropic?: { baseUrl?: string; apiKey: string };
  /** `provider:model` ids; summarise and classify default to chat. */
  models: { chat?: string; summarise?: string; classify?: string; fallback?: string; embed?: string };
  /** Per request sent: no text delta by then and the model counts as failed (the fallback takes over). */
  firstTokenTimeoutMs: number;
  /** Per model: retries, waits and the whole stream must fit in it. */
  requestTimeoutMs: number;
  /** Extra attempts for 429, 5xx and network errors. */
  maxRetries: number;
}

export interface CreateAiGatewayOptions {
  logger?: { warn(obj: object, msg?: string): void };
  fetch?: typeof fetch;
  /** First retry delay, doubled each retry; a provider's Retry-After wins. Default 2000 ms (the AI SDK's). */
  retryBaseDelayMs?: number;
}

interface ProviderAdapter {
  languageModel(modelId: string): LanguageModelV3;
  embeddingModel?(modelId: string): EmbeddingModelV3;
}

/** A model's time box: its retries, waits and stream share one deadline. */
interface Scope {
  signal: AbortSignal;
  deadlineAt: number;
  dispose(): void;
}

/** A stream read up to its first text delta (or its end when the reply is empty). */
interface OpenStream {
  head: TextStreamPart<ToolSet>[];
  rest: AsyncIterator<TextStreamPart<ToolSet>>;
  signal: AbortSignal;
}

const ANTHROPIC_API_URL = 'https://api.anthropic.com/v1';
/** Longer Retry-After values fall back to backoff, as in the AI SDK's own retry. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The AI port over the Vercel AI SDK. The SDK's own retry is switched off
 * (`maxRetries: 0`): its first delay is a fixed 2 s, and a retry loop of our
 * own also covers a stream that fails before its first token.
 */
export function createAiGateway(config: AiConfig, opts: CreateAiGatewayOptions = {}): AiGateway {
  const adapters = createAdapters(config, opts.fetch);
  const retryBaseDelayMs = opts.retryBaseDelayMs ?? 2000;
  const warn = (obj: object, msg: string) => opts.logger?.warn(obj, msg);

  function defaultModel(use: AiUse): ModelId | null {
    const { chat, summarise, classify } = config.models;
    if (use === 'summarise') return summarise ?? chat ?? null;
    if (use === 'classify') return classify ?? chat ?? null;
    return chat ?? null;
  }

  function resolveRoute(use: AiUse, route: ModelRoute | undefined) {
    const primary = route?.model ?? defaultModel(use);
    if (!primary) throw new AiError('not_configured', `No AI model is configured for ${use}.`);
    // `null` is a creator turning the fallback off; `undefined` means "use the default".
    const defaultFallback = config.models.fallback ?? null;
    const fallback = route?.fallback === undefined ? defaultFallback : route.fallback;
    return { primary, fallback: fallback && fallback !== primary ? fallback : null };
  }

  function adapterFor(id: ModelId) {
    const colon = id.indexOf(':');
    if (colon <= 0 || colon === id.length - 1) {
      throw new AiError('not_configured', `"${id}" is not a provider:model id.`, id);
    }
    const provider = id.slice(0, colon);
    const adapter = adapters.get(provider);
    if (!adapter) throw new AiError('not_configured', `The AI provider "${provider}" is not configured.`, id);
    return { adapter, provider, modelId: id.slice(colon + 1) };
  }

  function firstTokenTimeout(model: ModelId) {
    const within = secs(config.firstTokenTimeoutMs);
    return new AiError('timeout', `${model} did not start answering within ${within}.`, model);
  }
  function requestTimeout(model: ModelId) {
    const within = secs(config.requestTimeoutMs);
    return new AiError('timeout', `${model} did not finish within ${within}.`, model);
  }

  function startScope(model: ModelId, outer: AbortSignal | undefined): Scope {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(requestTimeout(model)), config.requestTimeoutMs);
    return {
      signal: outer ? AbortSignal.any([outer, controller.signal]) : controller.signal,
      deadlineAt: Date.now() + config.requestTimeoutMs,
      dispose: () => {
        clearTimeout(timer);
        controller.abort();
      },
    };
  }

  async function withRetries<T>(model: ModelId, scope: Scope, run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const delayMs = retryDelayMs(error, attempt, retryBaseDelayMs);
        const canRetry =
          delayMs !== null && attempt < config.maxRetries && Date.now() + delayMs < scope.deadlineAt;
        if (!canRetry || scope.signal.aborted) throw error;
        const err = errorSummary(error);
        warn({ model, attempt: attempt + 1, delayMs, err }, 'AI request failed, retrying');
        await sleep(delayMs, scope.signal);
      }
    }
  }

  async function openStream(model: ModelId, req: ChatRequest, scope: Scope): Promise<OpenStream> {
    const { adapter, modelId } = adapterFor(model);
    const firstToken = new AbortController();
    const timer = setTimeout(() => firstToken.abort(firstTokenTimeout(model)), config.firstTokenTimeoutMs);
    const signal = AbortSignal.any([scope.signal, firstToken.signal]);
    let rest: AsyncIterator<TextStreamPart<ToolSet>> | undefined;
    const head: TextStreamPart<ToolSet>[] = [];
    try {
      const result = streamText({
        model: adapter.languageModel(modelId),
        system: req.system,
        messages: req.messages,
        maxOutputTokens: req.maxOutputTokens,
        temperature: req.temperature,
        maxRetries: 0,
        abortSignal: signal,
        // Errors are read from the stream; the default handler would console.error them.
        onError: () => {},
      });
      rest = result.fullStream[Symbol.asyncIterator]();
      for (;;) {
        const next = await nextPart(rest, signal);
        if (next.done) break;
        const part = next.value;
        if (part.type === 'error') throw part.error;
        if (part.type === 'abort') throw signal.reason;
        head.push(part);
        if ((part.type === 'text-delta' && part.text) || part.type === 'finish') break;
      }
      return { head, rest, signal };
    } catch (error) {
      const reason = signal.aborted ? signal.reason : error;
      firstToken.abort(); // stops this attempt's upstream request
      void rest?.return?.().catch(() => {});
      throw reason;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `attempt` on the primary model, then on the fallback if it failed (not when the caller aborted). */
  async function withFallback<T>(
    route: { primary: ModelId; fallback: ModelId | null },
    callerSignal: AbortSignal | undefined,
    attempt: (model: ModelId) => Promise<T>,
  ): Promise<{ value: T; model: ModelId; usedFallback: boolean }> {
    try {
      return { value: await attempt(route.primary), model: route.primary, usedFallback: false };
    } catch (error) {
      if (!route.fallback || callerSignal?.aborted) throw error;
      const kind = error instanceof AiError ? error.kind : 'unknown';
      warn({ model: route.primary, fallback: route.fallback, kind }, 'AI model failed, using the fallback');
      return { value: await attempt(route.fallback), model: route.fallback, usedFallback: true };
    }
  }

  async function* streamChat(
    use: AiUse,
    req: ChatRequest,
    route?: ModelRoute,
  ): AsyncGenerator<ChatStreamEvent> {
    const scopes: Scope[] = [];
    try {
      const opened = await withFallback(resolveRoute(use, route), req.signal, async (model) => {
        const scope = startScope(model, req.signal);
        scopes.push(scope);
        try {
          return await withRetries(model, scope, () => openStream(model, req, scope));
        } catch (error) {
          const reason = failure(error, scope.signal, model);
          scope.dispose();
          throw reason;
        }
      });
      const { model, usedFallback } = opened;
      const { head, rest, signal } = opened.value;
      const parts = async function* () {
        yield* head;
        for (let next = await nextPart(rest, signal); !next.done; next = await nextPart(rest, signal)) {
          yield next.value;
        }
      };
      let finish: Extract<TextStreamPart<ToolSet>, { type: 'finish' }> | undefined;
      try {
        for await (const part of parts()) {
          if (part.type === 'text-delta' && part.text) yield { type: 'delta', text: part.text };
          // The SDK reports a malformed chunk as an error part and then carries on: end here instead.
          else if (part.type === 'error') throw part.error;
          else if (part.type === 'abort') throw signal.reason;
          else if (part.type === 'finish') finish = part;
        }
      } catch (error) {
        throw failure(error, signal, model);
      }
      if (!finish) throw new AiError('bad_response', `${model} ended its reply without finishing it.`, model);
      yield {
        type: 'finish',
        model,
        usage: toUsage(finish.totalUsage),
        finishReason: finish.finishReason,
        usedFallback,
      };
    } finally {
      // Also runs when the consumer stops early: aborts whatever is still streaming.
      for (const scope of scopes) scope.dispose();
    }
  }

  async function generate(use: AiUse, req: ChatRequest, route?: ModelRoute) {
    const result = await withFallback(resolveRoute(use, route), req.signal, async (model) => {
      const scope = startScope(model, req.signal);
      try {
        const { adapter, modelId } = adapterFor(model);
        const languageModel = adapter.languageModel(modelId);
        return await withRetries(model, scope, () =>
          generateText({
            model: languageModel,
            system: req.system,
            messages: req.messages,
            maxOutputTokens: req.maxOutputTokens,
            temperature: req.temperature,
            maxRetries: 0,
            abortSignal: scope.signal,
          }),
        );
      } catch (error) {
        throw failure(error, scope.signal, model);
      } finally {
        scope.dispose();
      }
    });
    return {
      text: result.value.text,
      model: result.model,
      usage: toUsage(result.value.totalUsage),
      usedFallback: result.usedFallback,
    };
  }

  async function embed(texts: string[], signal?: AbortSignal) {
    const model = config.models.embed;
    if (!model) throw new AiError('not_configured', 'No embedding model is configured.');
    const { adapter, provider, modelId } = adapterFor(model);
    if (!adapter.embeddingModel) {
      throw new AiError('not_configured', `The AI provider "${provider}" has no embedding models.`, model);
    }
    if (texts.length === 0) return { embeddings: [], model, usage: { inputTokens: 0, outputTokens: 0 } };
    const embeddingModel = adapter.embeddingModel(modelId);
    const scope = startScope(model, signal);
    try {
      const result = await withRetries(model, scope, () =>
        embedMany({ model: embeddingModel, values: texts, maxRetries: 0, abortSignal: scope.signal }),
      );
      const usage = { inputTokens: result.usage.tokens, outputTokens: 0 };
      return { embeddings: result.embeddings, model, usage };
    } catch (error) {
      throw failure(error, scope.signal, model);
    } finally {
      scope.dispose();
    }
  }

  return {
    configured: adapters.size > 0 && Boolean(config.models.chat),
    providers: [...adapters.keys()],
    defaultModel,
    streamChat,
    generate,
    embeddingModel: config.models.embed ?? null,
    embed,
  };
}

/**
 * One model object per model id, reused by every request: the SDK builds its
 * response schemas when a model object is made (~0.5 ms of CPU per reply when
 * made per request); the objects hold configuration only.
 */
function reuseModels(make: (modelId: string) => LanguageModelV3): (modelId: string) => LanguageModelV3 {
  const models = new Map<string, LanguageModelV3>();
  return (modelId) => {
    let model = models.get(modelId);
    if (!model) {
      // Model ids come from creators' settings: keep the map small whatever they type.
      if (models.size >= 100) models.clear();
      model = make(modelId);
      models.set(modelId, model);
    }
    return model;
  };
}

function createAdapters(config: AiConfig, fetchFn: typeof fetch | undefined) {
  const adapters = new Map<string, ProviderAdapter>();
  if (config.openai) {
    const openai = createOpenAICompatible({
      name: 'openai',
      baseURL: config.openai.baseUrl,
      apiKey: config.openai.apiKey,
      // Without it an OpenAI-compatible stream reports no token usage.
      includeUsage: true,
      fetch: fetchFn,
    });
    adapters.set('openai', {
      languageModel: reuseModels((id) => openai.chatModel(id)),
      embeddingModel: openai.embeddingModel,
    });
  }
  if (config.anthropic) {
    const anthropic = createAnthropic({
      // Passed explicitly so the SDK never falls back to reading ANTHROPIC_BASE_URL itself.
      baseURL: config.anthropic.baseUrl ?? ANTHROPIC_API_URL,
      apiKey: config.anthropic.apiKey,
      fetch: fetchFn,
    });
    adapters.set('anthropic', { languageModel: reuseModels((id) => anthropic.languageModel(id)) });
  }
  return adapters;
}

/** What to throw: an abort's reason (our timeouts are AiErrors, a caller's is its own), else an AiError. */
function failure(error: unknown, signal: AbortSignal, model: ModelId): unknown {
  if (signal.aborted) return signal.reason;
  return toAiError(error, model);
}

/** Maps SDK and provider errors to a kind and a message safe to show a creator (no key, no upstream text). */
function toAiError(error: unknown, model: ModelId): AiError {
  if (error instanceof AiError) return error;
  if (RetryError.isInstance(error)) return toAiError(error.lastError, model);
  const providerError = (message: string) => new AiError('provider_error', message, model);
  const rateLimited = () =>
    new AiError('rate_limited', `${model} is rate limited; try again shortly.`, model);
  const badResponse = () =>
    new AiError('bad_response', `${model} sent a response that could not be read.`, model);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 429) return rateLimited();
    if (status === 401 || status === 403) {
      return providerError(`The AI provider refused the key for ${model}.`);
    }
    if (status !== undefined) return providerError(`${model} answered with HTTP ${status}.`);
    if (isParseError(error.cause)) return badResponse();
    return providerError(`The connection to the AI provider of ${model} failed.`);
  }
  if (isParseError(error)) return badResponse();
  // In-stream error events arrive as the provider's plain error object, e.g. { type: 'overloaded_error' }.
  const type = isRecord(error) ? String(error.type ?? error.code ?? '') : '';
  if (type.includes('rate_limit')) return rateLimited();
  return providerError(`The AI provider of ${model} failed.`);
}

function isParseError(error: unknown) {
  return (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error)
  );
}

/** Null when the error is not worth retrying; honours Retry-After / retry-after-ms like the AI SDK. */
function retryDelayMs(error: unknown, attempt: number, baseDelayMs: number): number | null {
  if (!APICallError.isInstance(error) || !error.isRetryable) return null;
  const backoff = baseDelayMs * 2 ** attempt;
  const ms = retryAfterMs(error.responseHeaders ?? {});
  return ms !== undefined && ms >= 0 && ms <= MAX_RETRY_AFTER_MS ? ms : backoff;
}

/** `retry-after-ms` (OpenAI), else `Retry-After` in seconds or as an HTTP date. */
function retryAfterMs(headers: Record<string, string>): number | undefined {
  const exact = headers['retry-after-ms'];
  const after = headers['retry-after'];
  let ms = Number.NaN;
  if (exact) ms = Number.parseFloat(exact);
  else if (after) ms = Number.isNaN(Number(after)) ? Date.parse(after) - Date.now() : Number(after) * 1000;
  return Number.isFinite(ms) ? ms : undefined;
}

function toUsage(usage: { inputTokens: number | undefined; outputTokens: number | undefined }): TokenUsage {
  return { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}

/** For logs only: never the request body (it holds the prompt) nor headers (they hold the key). */
function errorSummary(error: unknown) {
  if (!(error instanceof Error)) return { value: String(error) };
  const status = APICallError.isInstance(error) ? error.statusCode : undefined;
  return { name: error.name, status, message: error.message };
}

/**
 * `it.next()`, or the abort reason as soon as `signal` aborts, so a stalled
 * upstream can never hang the caller. The losing promise is still handled.
 */
function nextPart<T>(it: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    const cleanUp = () => signal.removeEventListener('abort', onAbort);
    signal.addEventListener('abort', onAbort, { once: true });
    it.next().then(resolve, reject).finally(cleanUp);
  });
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const secs = (ms: number) => `${ms / 1000} s`;
