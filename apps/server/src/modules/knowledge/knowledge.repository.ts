import { type KeysetPosition, keysetAfter, schema, type TenantTx } from '@companero/db';
import { and, arrayContains, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';

const f = schema.kbFolders;
const d = schema.kbDocuments;
const v = schema.kbDocumentVersions;
const c = schema.kbChunks;

export type KbFolderRow = typeof f.$inferSelect;
export type KbDocumentRow = typeof d.$inferSelect;
export type KbVersionRow = typeof v.$inferSelect;
export type KbChunkRow = typeof c.$inferSelect;
export type TsConfig = 'english' | 'spanish' | 'simple';

export interface DocumentFilters {
  folderId?: string;
  tag?: string;
  kind?: KbDocumentRow['kind'];
  status?: KbDocumentRow['status'];
  visibility?: KbDocumentRow['visibility'];
}

/** Who the search is for: the creator sees everything; an end user only what visibility allows. */
export type SearchAudience = { kind: 'creator' } | { kind: 'end_user'; tags: string[] };

export interface SearchFilters {
  folderId?: string;
  tag?: string;
  kind?: KbDocumentRow['kind'];
  visibility?: KbDocumentRow['visibility'];
  from?: Date;
  to?: Date;
}

export interface NewChunk {
  position: number;
  content: string;
  page: number | null;
  pageEnd: number | null;
  headingPath: string[];
}

// BM25 parameters: the Anserini defaults used by BEIR's published BM25 baselines.
const K1 = 0.9;
const B = 0.4;
const SEARCH_CONFIGS: TsConfig[] = ['english', 'spanish', 'simple'];
// Sentinels around matched words in ts_headline output; never present in extracted text.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Which documents (alias `d`) an audience may see, narrowed by the search filters. */
function documentFilter(audience: SearchAudience, fl: SearchFilters) {
  const who =
    audience.kind === 'creator'
      ? sql`true`
      : sql`(d.visibility = 'public' or (d.visibility = 'members' and d.members_tag = any(${sql.param(audience.tags)}::text[])))`;
  const folderFilter = fl.folderId
    ? sql`and d.folder_id in (with recursive sub(id) as (select ${fl.folderId}::uuid union all select k.id from kb_folders k join sub on k.parent_id = sub.id) select id from sub)`
    : sql``;
  return sql`${who}
             ${fl.tag ? sql`and ${fl.tag} = any(d.tags)` : sql``}
             ${fl.kind ? sql`and d.kind = ${fl.kind}` : sql``}
             ${fl.visibility ? sql`and d.visibility = ${fl.visibility}` : sql``}
             ${fl.from ? sql`and d.created_at >= ${fl.from}` : sql``}
             ${fl.to ? sql`and d.created_at < ${fl.to}` : sql``}
             ${folderFilter}`;
}

/** pgvector's text form of a vector. */
const vectorLiteral = (v: readonly number[]) => `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;

export type SearchRow = {
  chunk_id: string;
  score: number;
  content: string;
  snippet: string;
  page: number | null;
  heading_path: string[];
  document_id: string;
  title: string;
  version: number;
};

export function createKnowledgeRepository() {
  return {
    // --- folders
    listFolders: (tx: TenantTx) =>
      tx
        .select({
          id: f.id,
          parentId: f.parentId,
          name: f.name,
          createdAt: f.createdAt,
          // Qualified by hand: an interpolated column renders unqualified and would bind to x.id.
          documentCount: sql<number>`(select count(*)::int from kb_documents x where x.folder_id = kb_folders.id)`,
        })
        .from(f)
        .orderBy(asc(f.name)),
    async findFolder(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(f).where(eq(f.id, id)).limit(1);
      return row;
    },
    async insertFolder(tx: TenantTx, values: { name: string; parentId: string | null }) {
      const [row] = await tx
        .insert(f)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    async updateFolder(tx: TenantTx, id: string, patch: { name?: string; parentId?: string | null }) {
      const [row] = await tx
        .update(f)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(f.id, id))
        .returning();
      return row;
    },
    /** Ids of the folder and every folder below it. */
    async folderSubtree(tx: TenantTx, id: string): Promise<string[]> {
      const rows = await tx.execute<{ id: string }>(sql`
        with recursive sub(id) as (
          select id from kb_folders where id = ${id}
          union all
          select k.id from kb_folders k join sub on k.parent_id = sub.id
        ) select id from sub`);
      return rows.map((r) => r.id);
    },
    async countDocumentsIn(tx: TenantTx, folderIds: string[]) {
      const [row] = await tx.select({ n: count() }).from(d).where(inArray(d.folderId, folderIds));
      return row?.n ?? 0;
    },
    async deleteFolder(tx: TenantTx, id: string) {
      await tx.delete(f).where(eq(f.id, id));
    },

    // --- documents
    listDocuments(tx: TenantTx, q: DocumentFilters & { limit: number; after?: KeysetPosition }) {
      return tx
        .select()
        .from(d)
        .where(
          and(
            q.folderId ? eq(d.folderId, q.folderId) : undefined,
            q.tag ? arrayContains(d.tags, [q.tag]) : undefined,
            q.kind ? eq(d.kind, q.kind) : undefined,
            q.status ? eq(d.status, q.status) : undefined,
            q.visibility ? eq(d.visibility, q.visibility) : undefined,
            keysetAfter(d.createdAt, d.id, q.after, 'desc'),
          ),
        )
        .orderBy(desc(d.createdAt), desc(d.id))
        .limit(q.limit + 1);
    },
    async findDocument(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(d).where(eq(d.id, id)).limit(1);
      return row;
    },
    async findDocumentForUpdate(tx: TenantTx, id: string) {
      const [row] = await tx.select().from(d).where(eq(d.id, id)).limit(1).for('update');
      return row;
    },
    async insertDocument(tx: TenantTx, values: Omit<typeof d.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(d)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    async updateDocument(
      tx: TenantTx,
      id: string,
      patch: Partial<Omit<typeof d.$inferInsert, 'creatorId' | 'id'>>,
    ) {
      const [row] = await tx
        .update(d)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(d.id, id))
        .returning();
      return row;
    },
    async deleteDocument(tx: TenantTx, id: string) {
      await forgetChunks(tx, id);
      const rows = await tx.delete(d).where(eq(d.id, id)).returning({ id: d.id });
      return rows.length > 0;
    },
    /** Adds and removes tags on many documents in one statement; returns how many changed. */
    async bulkTags(tx: TenantTx, ids: string[], add: string[], remove: string[]) {
      const rows = await tx.execute<{ id: string }>(sql`
        update kb_documents set updated_at = now(), tags = (
          select coalesce(array_agg(distinct t order by t), '{}')
          from unnest(tags || ${sql.param(add)}::text[]) t where t <> all(${sql.param(remove)}::text[])
        ) where id = any(${sql.param(ids)}::uuid[]) returning id`);
      return rows.length;
    },
    /** Bytes stored for this creator, all versions (the quota counts history too). */
    async storedBytes(tx: TenantTx) {
      const [row] = await tx.select({ n: sql<number>`coalesce(sum(${v.sizeBytes}), 0)::bigint` }).from(v);
      return Number(row?.n ?? 0);
    },

    // --- versions
    async insertVersion(tx: TenantTx, values: Omit<typeof v.$inferInsert, 'creatorId'>) {
      const [row] = await tx
        .insert(v)
        .values({ creatorId: tx.creatorId, ...values })
        .returning();
      return row!;
    },
    listVersions: (tx: TenantTx, documentId: string) =>
      tx.select().from(v).where(eq(v.documentId, documentId)).orderBy(desc(v.version)),
    async findVersion(tx: TenantTx, documentId: string, version: number) {
      const [row] = await tx
        .select()
        .from(v)
        .where(and(eq(v.documentId, documentId), eq(v.version, version)))
        .limit(1);
      return row;
    },
    async updateVersion(
      tx: TenantTx,
      documentId: string,
      version: number,
      patch: Partial<typeof v.$inferInsert>,
    ) {
      await tx
        .update(v)
        .set(patch)
        .where(and(eq(v.documentId, documentId), eq(v.version, version)));
    },
    /** Versions that were uploaded but never picked up (an enqueue lost after commit). */
    listStuckVersions: (tx: TenantTx, olderThan: Date) =>
      tx
        .select({ documentId: v.documentId, version: v.version })
        .from(v)
        .where(and(eq(v.status, 'uploaded'), sql`${v.createdAt} < ${olderThan}`, isNull(v.ingestedAt))),

    // --- chunks and index
    listChunks: (tx: TenantTx, documentId: string, version: number) =>
      tx
        .select()
        .from(c)
        .where(and(eq(c.documentId, documentId), eq(c.version, version)))
        .orderBy(asc(c.position)),

    /**
     * Replaces the document's chunks with these, indexes them (postings from
     * to_tsvector lexemes) and keeps kb_stats in step — all inside the caller's
     * transaction, so a crash leaves the old index intact and a retry is idempotent.
     */
    async replaceChunks(
      tx: TenantTx,
      documentId: string,
      version: number,
      config: TsConfig,
      chunks: NewChunk[],
    ) {
      await forgetChunks(tx, documentId);
      if (chunks.length === 0) return;
      await tx.insert(c).values(
        chunks.map((ch) => ({
          creatorId: tx.creatorId,
          documentId,
          version,
          position: ch.position,
          content: ch.content,
          page: ch.page,
          pageEnd: ch.pageEnd,
          headingPath: ch.headingPath,
          tsConfig: config,
        })),
      );
      await tx.execute(sql`
        insert into kb_postings (creator_id, term, chunk_id, tf)
        select c.creator_id, t.lexeme, c.id, coalesce(array_length(t.positions, 1), 1)
          from kb_chunks c, unnest(to_tsvector(c.ts_config, c.content)) t
         where c.document_id = ${documentId} and c.version = ${version}`);
      const [added] = await tx.execute<{ chunks: number; terms: number }>(sql`
        with lengths as (
          select p.chunk_id, sum(p.tf)::int as n
            from kb_postings p join kb_chunks c on c.id = p.chunk_id
           where c.document_id = ${documentId} and c.version = ${version}
           group by p.chunk_id
        ), upd as (
          update kb_chunks c set term_count = lengths.n from lengths where c.id = lengths.chunk_id returning c.term_count
        ) select count(*)::int as chunks, coalesce(sum(term_count), 0)::int as terms from upd`);
      await tx.execute(sql`
        insert into kb_stats (creator_id, chunk_count, term_total)
        values (${tx.creatorId}, ${chunks.length}, ${added?.terms ?? 0})
        on conflict (creator_id) do update
          set chunk_count = kb_stats.chunk_count + excluded.chunk_count,
              term_total = kb_stats.term_total + excluded.term_total`);
    },

    /**
     * BM25 over the postings of the query's terms. Each configuration's terms
     * only meet chunks indexed with that configuration (an English query
     * stemmed as Spanish does not match English text). Cost follows the
     * postings of the query terms, not the corpus (decision 0004).
     */
    async search(
      tx: TenantTx,
      q: {
        text: string;
        limit: number;
        offset: number;
        audience: SearchAudience;
        filters: SearchFilters;
        sort: 'relevance' | 'newest';
      },
    ) {
      const order = (t: 's' | 'top') =>
        q.sort === 'newest' ? sql.raw(`${t}.created_at desc, ${t}.score desc`) : sql.raw(`${t}.score desc`);
      return tx.execute<SearchRow>(sql`
        with q as (
          select distinct cfg, t.lexeme as term
            from unnest(${sql.param(SEARCH_CONFIGS)}::regconfig[]) cfg, unnest(to_tsvector(cfg, ${q.text})) t
        ), st as (
          select greatest(chunk_count, 1)::float8 as n,
                 greatest(term_total, 1)::float8 / greatest(chunk_count, 1) as avgdl
            from kb_stats
        ), hits as materialized (
          -- Postings of the query terms, read once (the three configurations share them).
          select p.term, p.chunk_id, p.tf from kb_postings p where p.term in (select term from q)
        ), df as (
          select term, count(*)::float8 as df from hits group by term
        ), scored as (
          select c.id as chunk_id, d.created_at,
                 sum(ln(1 + (st.n - df.df + 0.5) / (df.df + 0.5))
                     * (p.tf * ${K1 + 1}::float8) / (p.tf + ${K1}::float8 * (${1 - B}::float8 + ${B}::float8 * c.term_count / st.avgdl)))::float8 as score
            from hits p
            join df on df.term = p.term
            join kb_chunks c on c.id = p.chunk_id
            join q on q.term = p.term and q.cfg = c.ts_config
            join kb_documents d on d.id = c.document_id and d.current_version = c.version
            cross join st
           where ${documentFilter(q.audience, q.filters)}
           group by c.id, d.created_at
        ), top as (
          select s.chunk_id, s.score, s.created_at from scored s
           order by ${order('s')}, s.chunk_id limit ${q.limit} offset ${q.offset}
        )
        select top.chunk_id, top.score, c.content, c.page, c.heading_path, c.document_id, d.title, c.version,
               ts_headline(c.ts_config, c.content, websearch_to_tsquery(c.ts_config, ${q.text}),
                 ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
          from top
          join kb_chunks c on c.id = top.chunk_id
          join kb_documents d on d.id = c.document_id
         order by ${order('top')}, top.chunk_id`);
    },

    /** Current-version chunks of a document version that have no embedding from `model` yet. */
    chunksToEmbed(tx: TenantTx, documentId: string, version: number, model: string, limit: number) {
      return tx.execute<{ id: string; content: string; heading_path: string[] }>(sql`
        select c.id, c.content, c.heading_path from kb_chunks c
         where c.document_id = ${documentId} and c.version = ${version}
           and not exists (select 1 from kb_chunk_embeddings e where e.chunk_id = c.id and e.model = ${model})
         order by c.position limit ${limit}`);
    },
    async insertEmbeddings(tx: TenantTx, model: string, rows: { chunkId: string; embedding: number[] }[]) {
      if (rows.length === 0) return;
      await tx.execute(sql`
        insert into kb_chunk_embeddings (creator_id, chunk_id, model, embedding)
        select ${tx.creatorId}::uuid, x.chunk_id, ${model}, x.embedding::vector
          from unnest(${sql.param(rows.map((r) => r.chunkId))}::uuid[], ${sql.param(rows.map((r) => vectorLiteral(r.embedding)))}::text[])
               as x(chunk_id, embedding)
        on conflict (creator_id, chunk_id) do update set model = excluded.model, embedding = excluded.embedding, created_at = now()`);
    },
    /**
     * Nearest chunks by cosine distance through the HNSW index, then the same
     * document rules as lexical search (current version, audience, filters).
     * The index returns `candidates` rows of this creator (RLS); iterative scans
     * (pgvector ≥ 0.8) keep reading when filters reject some.
     */
    async denseSearch(
      tx: TenantTx,
      q: { vector: number[]; model: string; limit: number; audience: SearchAudience; filters: SearchFilters },
    ) {
      await tx.execute(sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`);
      const candidates = Math.max(40, q.limit * 4);
      return tx.execute<SearchRow & { similarity: number }>(sql`
        with near as (
          select e.chunk_id, e.embedding <=> ${vectorLiteral(q.vector)}::vector as distance
            from kb_chunk_embeddings e
           where e.model = ${q.model}
           order by e.embedding <=> ${vectorLiteral(q.vector)}::vector
           limit ${candidates}
        )
        select near.chunk_id, (1 - near.distance)::float8 as similarity, (1 - near.distance)::float8 as score,
               c.content, left(c.content, 240) as snippet, c.page, c.heading_path, c.document_id, d.title, c.version
          from near
          join kb_chunks c on c.id = near.chunk_id
          join kb_documents d on d.id = c.document_id and d.current_version = c.version
         where ${documentFilter(q.audience, q.filters)}
         order by near.distance, near.chunk_id
         limit ${q.limit}`);
    },
  };

  async function forgetChunks(tx: TenantTx, documentId: string) {
    // Keep kb_stats in step before the chunks (and by cascade their postings) go.
    await tx.execute(sql`
      with gone as (
        delete from kb_chunks where document_id = ${documentId} returning term_count
      ), totals as (select count(*)::int as n, coalesce(sum(term_count), 0)::int as terms from gone)
      update kb_stats set chunk_count = chunk_count - totals.n, term_total = term_total - totals.terms
        from totals where totals.n > 0`);
  }
}
export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;
