import type { Config } from '../../env.ts';
import type { AiConfig } from './create-ai-gateway.ts';

const OPENAI_API_URL = 'https://api.openai.com/v1';

/**
 * The AI configuration from the environment. Providers exist when they have
 * credentials (or, for a local OpenAI-compatible server, a base URL); replies
 * use a model only when AI_CHAT_MODEL names one, and are composed offline otherwise.
 */
export function aiConfigFromEnv(config: Config): AiConfig {
  return {
    openai:
      config.OPENAI_BASE_URL || config.OPENAI_API_KEY
        ? { baseUrl: config.OPENAI_BASE_URL ?? OPENAI_API_URL, apiKey: config.OPENAI_API_KEY }
        : undefined,
    anthropic: config.ANTHROPIC_API_KEY
      ? { baseUrl: config.ANTHROPIC_BASE_URL, apiKey: config.ANTHROPIC_API_KEY }
      : undefined,
    models: {
      chat: config.AI_CHAT_MODEL,
      summarise: config.AI_SUMMARY_MODEL,
      classify: config.AI_CLASSIFY_MODEL,
      fallback: config.AI_FALLBACK_MODEL,
      embed: config.AI_EMBEDDING_MODEL,
    },
    firstTokenTimeoutMs: config.AI_FIRST_TOKEN_TIMEOUT_MS,
    requestTimeoutMs: config.AI_REQUEST_TIMEOUT_MS,
    maxRetries: config.AI_MAX_RETRIES,
  };
}
