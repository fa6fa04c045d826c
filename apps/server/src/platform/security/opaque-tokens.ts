import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Opaque secrets (refresh tokens, email links, API keys) carry the tenant and
 * row id in clear and a random secret; only the secret's SHA-256 is stored.
 * Carrying the creator id means lookups happen inside that creator's tenant
 * transaction: no cross-tenant search by secret is ever needed.
 * Format: base64url(creatorId 16 bytes | rowId 16 bytes | secret 32 bytes).
 */
export interface OpaqueToken {
  creatorId: string;
  id: string;
  secret: Buffer;
}

const uuidToBytes = (u: string) => Buffer.from(u.replaceAll('-', ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function mintOpaqueToken(creatorId: string, id: string = randomUUID()) {
  const secret = randomBytes(32);
  const token = Buffer.concat([uuidToBytes(creatorId), uuidToBytes(id), secret]).toString('base64url');
  return { token, id, hash: hashSecret(secret) };
}

export function parseOpaqueToken(token: string): OpaqueToken | undefined {
  if (!/^[A-Za-z0-9_-]{86}$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 64) return undefined;
  return {
    creatorId: bytesToUuid(raw.subarray(0, 16)),
    id: bytesToUuid(raw.subarray(16, 32)),
    secret: raw.subarray(32),
  };
}

export const hashSecret = (secret: Buffer) => createHash('sha256').update(secret).digest('hex');

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: Buffer, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const API_KEY_PREFIX = 'cmp_';
