import { sql } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Column types mirror migrations/0001_foundation.sql, which is the source of truth
// (RLS policies and roles cannot be expressed here). A test compares the two.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const creators = pgTable('creators', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale', { enum: ['en', 'es'] })
    .notNull()
    .default('en'),
  emailVerifiedAt: ts('email_verified_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const emailTokens = pgTable(
  'email_tokens',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    creatorId: uuid('creator_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    action: text('action').notNull(),
    actorType: text('actor_type', { enum: ['creator', 'api_key', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.creatorId, t.id] })],
);
