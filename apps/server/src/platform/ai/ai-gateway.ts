/**
 * The AI port: what the conversation engine asks of language and embedding
 * models. Adapters (Vercel AI SDK: OpenAI-compatible, Anthropic) live beside
 * this file; the built-in offline composer lives in the assistant module and
 * needs no gateway at all.
 */

/** What a model is used for; each use routes to its own model (per creator if set). */
export type AiUse = 'chat' | 'summarise' | 'classify';

/** `provider:model`, e.g. `openai:gpt-4o-mini`, `anthropic:claude-3-5-haiku-latest`, `ollama:llama3.2`. */
export type ModelId = string;

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  system: string;
  messages: ChatTurn[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Aborts the request (client went away). */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ChatStreamEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'finish';
      /** The model that actually answered (the fallback's id when it took over). */
      model: ModelId;
      usage: TokenUsage;
      finishReason: string;
      /** True when the primary model failed and the fallback answered. */
      usedFallback: boolean;
    };

/** Per-call routing: overrides the configured defaults (a creator's own choices). */
export interface ModelRoute {
  model?: ModelId;
  fallback?: ModelId | null;
}

export interface AiGateway {
  /** False when no provider is configured: callers use the offline composer. */
  readonly configured: boolean;
  /** Providers with credentials, e.g. ['openai', 'anthropic']. */
  readonly providers: readonly string[];
  /** The default model for a use, or null when none is configured. */
  defaultModel(use: AiUse): ModelId | null;
  /**
   * Streams a reply. Retries 429/5xx with backoff; if the primary model fails
   * before its first token (error or AI_FIRST_TOKEN_TIMEOUT_MS), the fallback
   * model answers. Errors after the first token end the stream with AiError.
   */
  streamChat(use: AiUse, req: ChatRequest, route?: ModelRoute): AsyncIterable<ChatStreamEvent>;
  /** Whole reply at once (summaries, classification, query rewriting). */
  generate(
    use: AiUse,
    req: ChatRequest,
    route?: ModelRoute,
  ): Promise<{ text: string; model: ModelId; usage: TokenUsage; usedFallback: boolean }>;
  /** Null when no embedding model is configured. */
  readonly embeddingModel: ModelId | null;
  embed(
    texts: string[],
    signal?: AbortSignal,
  ): Promise<{ embeddings: number[][]; model: ModelId; usage: TokenUsage }>;
}

export type AiErrorKind =
  | 'timeout' // no first token in time, on primary and fallback
  | 'rate_limited' // 429 after every retry
  | 'provider_error' // 5xx after retries, or 4xx from the provider
  | 'bad_response' // malformed stream chunk / unparsable body
  | 'not_configured'; // no model for this use

/** A provider failure with a message safe to show a creator (no keys, no stack). */
export class AiError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly model?: ModelId,
  ) {
    super(message);
    this.name = 'AiError';
  }
}
