import type { ApiKey, ApiScope, CreatedApiKey } from '@companero/contracts';
import { API_SCOPES } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { ApiKeyVerifier, TenantContext } from '../../http/plugins/auth.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import {
  API_KEY_PREFIX,
  mintOpaqueToken,
  parseOpaqueToken,
  secretMatches,
} from '../../platform/security/opaque-tokens.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys.repository.ts';

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  expiresAt: r.expiresAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** Scoped API keys: shown once, stored as SHA-256, revocable, optionally expiring. */
export function createApiKeysService({
  db,
  repo,
  audit,
}: {
  db: Database;
  repo: ApiKeysRepository;
  audit: AuditService;
}) {
  return {
    async create(
      ctx: TenantContext,
      input: { name: string; scopes: ApiScope[]; expiresInDays?: number },
    ): Promise<CreatedApiKey> {
      const minted = mintOpaqueToken(ctx.creatorId);
      const secret = `${API_KEY_PREFIX}${minted.token}`;
      // Recognisable in a list without revealing the secret: the start is the
      // creator's id, so show the key's last characters too.
      const prefix = `${secret.slice(0, 8)}…${secret.slice(-4)}`;
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        const row = await repo.insert(tx, {
          id: minted.id,
          name: input.name,
          prefix,
          secretHash: minted.hash,
          scopes: [...new Set(input.scopes)],
          expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
        });
        await audit.record(tx, {
          ...audit.actorOf(ctx),
          action: 'api_key.created',
          data: { keyId: row.id, name: row.name, scopes: row.scopes },
        });
        return row;
      });
      return { apiKey: toApiKey(row), secret };
    },

    async list(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx));
      return { items: rows.map(toApiKey) };
    },

    async revoke(ctx: TenantContext, id: string) {
      await db.withTenant(ctx.creatorId, async (tx) => {
        const existing = await repo.find(tx, id);
        if (!existing) throw notFound('API key');
        if (await repo.revoke(tx, id)) {
          await audit.record(tx, {
            ...audit.actorOf(ctx),
            action: 'api_key.revoked',
            data: { keyId: id, name: existing.name },
          });
        }
      });
    },

    /** Resolves a presented key to its creator and scopes, inside that creator's tenant. */
    /**
     * Resolves a presented key to its creator and scopes. Runs on every
     * API-key request, so it is one read; last_used_at is written at most
     * once a minute per key.
     */
    async verify(presented: string) {
      const parsed = parseOpaqueToken(presented.slice(API_KEY_PREFIX.length));
      if (!parsed) return undefined;
      const row = await db.readAsTenant(parsed.creatorId, (tx) => repo.find(tx, parsed.id));
      const now = new Date();
      if (
        !row ||
        row.revokedAt ||
        (row.expiresAt && row.expiresAt < now) ||
        !secretMatches(parsed.secret, row.secretHash)
      ) {
        return undefined;
      }
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
        await db.withTenant(parsed.creatorId, (tx) => repo.touch(tx, row.id, now));
      }
      return { creatorId: parsed.creatorId, keyId: row.id, scopes: toApiKey(row).scopes };
    },
  } satisfies ApiKeyVerifier & Record<string, unknown>;
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
