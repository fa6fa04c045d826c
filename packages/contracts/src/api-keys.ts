import { z } from 'zod';

/**
 * What an API key may do. Session tokens (dashboard log-in) hold every scope;
 * API keys hold only the ones chosen at creation. Managing API keys themselves
 * always needs a session, so a leaked key cannot mint more keys.
 */
export const API_SCOPES = [
  'account:read',
  'end_users:read',
  'end_users:write',
  'conversations:read',
  'conversations:write',
  'audit:read',
  'knowledge:read',
  'knowledge:write',
  'assistant:read',
  'assistant:write',
  'programs:read',
  'programs:write',
  'widget:read',
  'widget:write',
  'whatsapp:read',
  'whatsapp:write',
  'analytics:read',
  'analytics:write',
] as const;
export const ApiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScopeSchema>;

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to recognise it'),
  scopes: z.array(ApiScopeSchema),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreateApiKeyBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ApiScopeSchema).min(1).max(API_SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiKeyBody = z.input<typeof CreateApiKeyBodySchema>;

export const CreatedApiKeySchema = z.object({
  apiKey: ApiKeySchema,
  secret: z.string().describe('The full key. Shown once: it is stored only as a hash.'),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });
