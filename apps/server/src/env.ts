import { resolve } from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Every key is documented in .env.example and
// the README's configuration table; a bad value stops start-up with every
// problem listed at once.
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional().describe('Origin users reach the dashboard at; used in mail links'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: z.string().default('').describe('Comma-separated extra origins allowed to call the API'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Compañero <no-reply@localhost>'),
  KB_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  KB_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024 * 1024),
  KB_MAX_FILES_PER_UPLOAD: z.coerce.number().int().min(1).max(1000).default(200),
  OPENAI_BASE_URL: z
    .url()
    .optional()
    .describe(
      'OpenAI or any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio), e.g. http://localhost:11434/v1',
    ),
  OPENAI_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  AI_CHAT_MODEL: z
    .string()
    .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model, e.g. openai:gpt-4o-mini')
    .optional(),
  AI_SUMMARY_MODEL: z
    .string()
    .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model')
    .optional(),
  AI_CLASSIFY_MODEL: z
    .string()
    .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model')
    .optional(),
  AI_FALLBACK_MODEL: z
    .string()
    .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model')
    .optional(),
  AI_EMBEDDING_MODEL: z
    .string()
    .regex(/^[a-z][\w-]*:\S+$/, 'use provider:model')
    .optional(),
  AI_EMBEDDING_DIMENSIONS: z.coerce
    .number()
    .int()
    .min(8)
    .max(4000)
    .optional()
    .describe('Vector size of AI_EMBEDDING_MODEL, e.g. 1536 for text-embedding-3-small'),
  AI_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  AI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  RUN_MIGRATIONS: bool.default(true),
  DASHBOARD_DIST: z.string().optional(),
  /** Where the built web widget is (`npm run build:widget`); apps/widget/dist by default. */
  WIDGET_DIST: z.string().optional(),
  /** 32 bytes, base64: encrypts creators' channel secrets at rest; derived from JWT_SECRET when unset. */
  SECRETS_KEY: z.string().optional(),
  /** The Meta Graph API (tests point it at a local fake). */
  WHATSAPP_GRAPH_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  /** Largest WhatsApp media file downloaded into a creator's files. */
  WHATSAPP_MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Lifetime of a web widget visitor's token; the widget renews it. */
  VISITOR_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  jwtSecret: string;
  dataDir: string;
  publicUrl: string;
  devMailbox: boolean;
  corsOrigins: string[];
}

/** Parses the environment; throws one error listing every bad key. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" (a blank line in .env should not be an error).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: required in production (at least 32 characters)');
  }
  if (env.AI_EMBEDDING_MODEL && !env.AI_EMBEDDING_DIMENSIONS) {
    throw new Error(
      'Invalid configuration:\n  AI_EMBEDDING_DIMENSIONS: required with AI_EMBEDDING_MODEL (e.g. 1536 for openai:text-embedding-3-small)',
    );
  }
  const dataDir = resolve(env.DATA_DIR);
  return {
    ...env,
    dataDir,
    // Outside production an unset secret gets a per-data-dir stable default so
    // sessions survive restarts of `npm start`; production must set one.
    jwtSecret: env.JWT_SECRET ?? `dev-only-insecure-secret:${dataDir}`,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    devMailbox: !env.SMTP_URL && env.NODE_ENV !== 'production',
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
