import type { Database } from './database.ts';

export type VectorStoreStatus =
  | { enabled: true; dimensions: number }
  | {
      enabled: false;
      reason: 'no_embedding_model' | 'pgvector_missing' | 'dimension_mismatch' | 'error';
      detail: string;
    };

/**
 * Prepares dense retrieval where pgvector exists: the extension, the
 * tenant-owned `kb_chunk_embeddings` table (RLS like every tenant table) and
 * its HNSW index. Not a migration, because the Debian PostgreSQL server has no
 * pgvector while PGlite and managed PostgreSQL do: where it is missing the
 * platform runs with lexical search and says so. Idempotent; run at start-up.
 */
export async function ensureVectorStore(db: Database, dimensions: number | null): Promise<VectorStoreStatus> {
  if (!dimensions)
    return { enabled: false, reason: 'no_embedding_model', detail: 'AI_EMBEDDING_MODEL is not set' };
  try {
    const available = await db.unsafeQuery<{ installed: string | null }>(
      "select installed_version as installed from pg_available_extensions where name = 'vector'",
    );
    if (available.rows.length === 0)
      return {
        enabled: false,
        reason: 'pgvector_missing',
        detail: 'the pgvector extension is not installed on this PostgreSQL server',
      };
    if (!available.rows[0]!.installed) await db.unsafeExec('create extension if not exists vector');
    const existing = await db.unsafeQuery<{ dims: number }>(
      `select atttypmod as dims from pg_attribute
        where attrelid = to_regclass('public.kb_chunk_embeddings') and attname = 'embedding'`,
    );
    if (existing.rows[0] && existing.rows[0].dims !== dimensions)
      return {
        enabled: false,
        reason: 'dimension_mismatch',
        detail: `kb_chunk_embeddings holds ${existing.rows[0].dims}-dimension vectors, the model gives ${dimensions}: drop the table to re-embed`,
      };
    await db.unsafeExec(`
      create table if not exists kb_chunk_embeddings (
        creator_id uuid not null references creators (id) on delete cascade,
        chunk_id uuid not null,
        model text not null,
        embedding vector(${Math.trunc(dimensions)}) not null,
        created_at timestamptz not null default now(),
        primary key (creator_id, chunk_id),
        foreign key (creator_id, chunk_id) references kb_chunks (creator_id, id) on delete cascade
      );
      create index if not exists kb_chunk_embeddings_hnsw on kb_chunk_embeddings
        using hnsw (embedding vector_cosine_ops);
      alter table kb_chunk_embeddings enable row level security;
      alter table kb_chunk_embeddings force row level security;
      do $$ begin
        if not exists (select 1 from pg_policies where tablename = 'kb_chunk_embeddings' and policyname = 'tenant_isolation') then
          create policy tenant_isolation on kb_chunk_embeddings
            using (creator_id = (select app.current_creator_id()))
            with check (creator_id = (select app.current_creator_id()));
        end if;
      end $$;
      grant select, insert, update, delete on kb_chunk_embeddings to app_tenant;
    `);
    return { enabled: true, dimensions };
  } catch (err) {
    return { enabled: false, reason: 'error', detail: (err as Error).message };
  }
}
