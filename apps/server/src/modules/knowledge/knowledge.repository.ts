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

// BM25 (k1 = 0.9, b = 0.4, the Anserini defaults used by BEIR's published
// baselines) lives in SQL: each posting stores its term weight, the "impact"
// app.kb_impact(tf, chunk length, average chunk length when indexed), so a
// chunk's score is Σ idf(term) × impact (decision 0005).
const SEARCH_CONFIGS: TsConfig[] = ['english', 'spanish', 'simple'];

/**
 * Postings read per query term (and text search configuration): the top N by
 * impact. Terms with longer lists are truncated; see `search`. Tuned on the
 * knowledge benchmark (docs/decisions/0005-impact-ordered-postings.md).
 */
export const SEARCH_TOP_N = 2000;
/** Candidates (after the document rules) whose scores are recomputed exactly before the final order. */
export const SEARCH_RESCORE = 300;
/**
 * With explicit filters (folder, tag, kind, visibility, dates) fewer of the
 * top postings survive them: read this many times more per term.
 */
export const SEARCH_FILTER_WIDEN = 4;
/**
 * The document rules are checked on at most this many × SEARCH_RESCORE
 * candidates (best first) before the truncated lists give way to the exact path.
 */
export const SEARCH_WALK = 10;

/** Knobs for measurements (eval, bench); the product uses the defaults. */
export interface SearchTuning {
  /** Postings read per query term; default SEARCH_TOP_N. */
  topN?: number;
  /** Candidates re-scored exactly; default SEARCH_RESCORE (at least limit + offset). */
  rescore?: number;
  /** Read every posting of every query term (what `sort: newest` and the fallback do). */
  exact?: boolean;
  /** Told which path answered: truncated lists, exact, or exact after too few truncated results. */
  onPath?: (path: 'truncated' | 'exact' | 'fallback') => void;
}

/** One document version's chunks, to be written and indexed. */
export interface ChunksToIndex {
  documentId: string;
  version: number;
  config: TsConfig;
  chunks: NewChunk[];
}
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
    /**
     * Opens a transaction that writes a batch of a version's chunks: the
     * document's current version, with the row locked against deletion and
     * against another version's index swap (which holds it for update), but
     * not against progress updates of its status. The transaction commits
     * without waiting for the WAL flush (synchronous_commit off, this
     * transaction only): a batch lost in a server crash is only work to redo,
     * its version is not current yet, and the final index swap commits
     * synchronously, which flushes the batches before it.
     */
    async lockDocumentForBatch(tx: TenantTx, id: string) {
      const [row] = await tx.execute<{ current_version: number | null }>(sql`
        select current_version, set_config('synchronous_commit', 'off', true) as async_commit
          from kb_documents where id = ${id} for key share`);
      return row ? { currentVersion: row.current_version } : undefined;
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
     * Replaces the document's chunks with these, indexes them (postings with
     * impacts from to_tsvector lexemes) and keeps kb_stats and kb_terms in step —
     * two statements inside the caller's transaction, so a crash leaves the old
     * index intact and a retry is idempotent.
     */
    async replaceChunks(
      tx: TenantTx,
      documentId: string,
      version: number,
      config: TsConfig,
      chunks: NewChunk[],
    ) {
      await forgetChunks(tx, documentId);
      await indexChunks(tx, [{ documentId, version, config, chunks }]);
    },

    /**
     * Indexes more chunks of one document version next to what is there (the
     * same statement as `replaceChunks`, without the delete). Ingestion writes a
     * long PDF's new version this way, a batch of pages at a time while later
     * pages are still parsed; search ignores the rows until the version becomes
     * the document's current one.
     */
    async addChunks(tx: TenantTx, documentId: string, version: number, config: TsConfig, chunks: NewChunk[]) {
      await indexChunks(tx, [{ documentId, version, config, chunks }]);
    },

    /** How many chunks of one version of a document are stored. */
    async countVersionChunks(tx: TenantTx, documentId: string, version: number) {
      const [row] = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from kb_chunks where document_id = ${documentId} and version = ${version}`,
      );
      return row?.n ?? 0;
    },

    /**
     * Removes the chunks of one version of a document (`except: false`), or of
     * every other version (`except: true`); the trigger keeps kb_stats, kb_terms
     * and the postings in step.
     */
    async forgetVersionChunks(tx: TenantTx, documentId: string, version: number, opts: { except: boolean }) {
      await tx.execute(
        opts.except
          ? sql`delete from kb_chunks where document_id = ${documentId} and version <> ${version}`
          : sql`delete from kb_chunks where document_id = ${documentId} and version = ${version}`,
      );
    },

    /**
     * BM25 over impact-ordered postings (decision 0005). Each configuration's
     * terms only meet chunks indexed with that configuration (an English query
     * stemmed as Spanish does not match English text).
     *
     * Relevance order reads, per query term, only the N postings with the
     * highest impact (index kb_postings_impact), sums idf × impact per chunk,
     * applies the document rules to candidates best-first until it has enough,
     * and re-scores those exactly. So a term costs at most N postings however
     * common it is. The approximation: a chunk outside every term's top N is
     * not a candidate (a chunk mediocre on every term). When the candidates
     * yield fewer than limit + offset results and some term was truncated
     * (selective filters, deep pages), the exact relevance path runs instead:
     * every posting of every query term, then the same best-first filtering.
     * `sort: newest` is always exact.
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
      tuning: SearchTuning = {},
    ): Promise<SearchRow[]> {
      if (q.sort === 'newest') {
        tuning.onPath?.('exact');
        return tx.execute<SearchRow>(newestSearch(q));
      }
      const page = q.limit + q.offset;
      if (!tuning.exact) {
        const filtered = Object.values(q.filters).some((x) => x !== undefined && x !== null && x !== '');
        const topN =
          Math.max(1, Math.floor(tuning.topN ?? SEARCH_TOP_N)) * (filtered ? SEARCH_FILTER_WIDEN : 1);
        const pool = Math.max(page, tuning.rescore ?? SEARCH_RESCORE);
        const rows = await tx.execute<SearchRow & { truncated: boolean | null }>(
          relevanceSearch(q, topN, pool, pool * SEARCH_WALK),
        );
        // Enough results, or every query term was read in full and every candidate checked (nothing more to find).
        if (rows.length >= q.limit || (rows.length > 0 && !rows[0]!.truncated)) {
          tuning.onPath?.('truncated');
          return rows.map(({ truncated: _, ...row }) => row);
        }
        tuning.onPath?.('fallback');
      } else tuning.onPath?.('exact');
      return tx.execute<SearchRow>(relevanceSearch(q, null, page));
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

  /**
   * Removes the document's chunks. The trigger kb_chunks_deleted (0004) takes
   * them out of kb_stats and kb_terms and deletes their postings, in the same
   * statement and for every other way chunks can go too.
   */
  async function forgetChunks(tx: TenantTx, documentId: string) {
    await tx.execute(sql`delete from kb_chunks where document_id = ${documentId}`);
  }
}
export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;

/**
 * Writes and indexes chunks of one or more document versions in one statement
 * (the caller's transaction): lexemes from to_tsvector(config, content) once;
 * chunks with their term counts; kb_stats (locked first); postings with their
 * impacts from the creator's average chunk length including these chunks;
 * kb_terms incremented. `replaceChunks` calls it for one document; the retrieval
 * eval's bulk indexer for a thousand at a time (the same statement).
 */
export async function indexChunks(tx: TenantTx, versions: ChunksToIndex[]) {
  const rows = versions.flatMap((v) =>
    v.chunks.map((ch) => ({
      document_id: v.documentId,
      version: v.version,
      ts_config: v.config,
      position: ch.position,
      content: ch.content,
      page: ch.page,
      page_end: ch.pageEnd,
      heading_path: ch.headingPath,
    })),
  );
  if (rows.length === 0) return;
  await tx.execute(sql`
    with src as materialized (
      select x.*, to_tsvector(x.ts_config, x.content) as vec
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          document_id uuid, version int, ts_config regconfig, position int, content text,
          page int, page_end int, heading_path text[])
    ), lex as materialized (
      select s.document_id, s.version, s.position, s.ts_config, t.lexeme as term,
             coalesce(array_length(t.positions, 1), 1) as tf
        from src s, unnest(s.vec) t
    ), len as (
      select document_id, version, position, sum(tf)::int as n from lex group by document_id, version, position
    ), ch as (
      insert into kb_chunks (creator_id, document_id, version, position, content, page, page_end,
                             heading_path, ts_config, term_count)
      select ${tx.creatorId}::uuid, s.document_id, s.version, s.position, s.content, s.page, s.page_end,
             coalesce(s.heading_path, '{}'), s.ts_config, coalesce(len.n, 0)
        from src s
        left join len on len.document_id = s.document_id and len.version = s.version and len.position = s.position
      returning id, document_id, version, position, term_count
    ), st as (
      insert into kb_stats (creator_id, chunk_count, term_total)
      select ${tx.creatorId}::uuid, count(*), coalesce(sum(term_count), 0) from ch
      on conflict (creator_id) do update
        set chunk_count = kb_stats.chunk_count + excluded.chunk_count,
            term_total = kb_stats.term_total + excluded.term_total
      returning term_total::float8 / greatest(chunk_count, 1) as avgdl
    ), post as (
      insert into kb_postings (creator_id, term, chunk_id, ts_config, tf, impact)
      select ${tx.creatorId}::uuid, l.term, ch.id, l.ts_config, l.tf, app.kb_impact(l.tf, ch.term_count, st.avgdl)
        from st, ch join lex l on l.document_id = ch.document_id and l.version = ch.version and l.position = ch.position
      returning term
    )
    insert into kb_terms (creator_id, term, df)
    select ${tx.creatorId}::uuid, term, count(*)::int from post group by term
    on conflict (creator_id, term) do update set df = kb_terms.df + excluded.df`);
}

type SearchQuery = {
  text: string;
  limit: number;
  offset: number;
  audience: SearchAudience;
  filters: SearchFilters;
  sort: 'relevance' | 'newest';
};

/** The query's (configuration, term) pairs with their idf from kb_terms (alias `w`). */
const queryTerms = (text: string) => sql`
  q as (
    select distinct cfg, t.lexeme as term
      from unnest(${sql.param(SEARCH_CONFIGS)}::regconfig[]) cfg, unnest(to_tsvector(cfg, ${text})) t
  ), st as (
    select greatest(chunk_count, 1)::float8 as n from kb_stats
  ), w as materialized (
    select q.cfg, q.term, k.df, ln(1 + (st.n - k.df + 0.5) / (k.df + 0.5)) as idf
      from q join kb_terms k on k.term = q.term cross join st
     where k.df > 0
  )`;

/** The page of hits `top(chunk_id, score, created_at)` with content, title and highlighted snippet. */
const hitsOf = (q: SearchQuery, extra = sql``) => {
  const order =
    q.sort === 'newest' ? sql.raw('top.created_at desc, top.score desc') : sql.raw('top.score desc');
  return sql`
    select top.chunk_id, top.score, c.content, c.page, c.heading_path, c.document_id, d.title, c.version,
           ts_headline(c.ts_config, c.content, websearch_to_tsquery(c.ts_config, ${q.text}),
             ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
           ${extra}
      from top
      join kb_chunks c on c.id = top.chunk_id
      join kb_documents d on d.id = c.document_id
     order by ${order}, top.chunk_id`;
};

/**
 * Relevance order. Candidates: with `topN`, the top N postings of each query
 * term by impact (kb_postings_impact, one short ordered read per term), summed
 * into a partial score; without, every posting of every query term (an
 * index-only read of the same index), which is the exact score. The document
 * rules are then applied to candidates best-first, one lookup each, until
 * `pool` survive (a nested loop that stops early; the limit 1 keeps it a
 * per-candidate lookup), looking at no more than `walk` candidates when set.
 * With `topN` those survivors are re-scored exactly from their own postings
 * (kb_postings_pkey) before the page is cut, and `truncated` says whether
 * some term had more postings than were read or candidates may have been left
 * unchecked (more postings read than `walk`).
 */
function relevanceSearch(q: SearchQuery, topN: number | null, pool: number, walk: number | null = null) {
  const postings =
    topN === null
      ? sql`join kb_postings p on p.term = w.term and p.ts_config = w.cfg`
      : sql`cross join lateral (
          select p.chunk_id, p.impact from kb_postings p
           where p.term = w.term and p.ts_config = w.cfg
           order by p.impact desc
           limit ${topN}
        ) p`;
  const score =
    topN === null
      ? sql`pool.partial`
      : sql`pool.complete + coalesce((
          select sum(w.idf * p.impact) from w join kb_postings p on p.term = w.term
           where w.df > ${topN} and w.cfg = pool.ts_config and p.chunk_id = pool.chunk_id), 0)::float8`;
  return sql`
    with ${queryTerms(q.text)}, cand as (
      -- complete: the part of the score from terms whose postings were all read.
      select p.chunk_id, sum(w.idf * p.impact)::float8 as partial,
             coalesce(sum(w.idf * p.impact) filter (where w.df <= ${topN ?? 0} or ${topN === null}), 0)::float8 as complete
        from w ${postings}
       group by p.chunk_id
    ), pool as materialized (
      select s.chunk_id, s.partial, s.complete, x.ts_config, x.created_at
        from (select chunk_id, partial, complete from cand
               order by partial desc, chunk_id ${walk === null ? sql`` : sql`limit ${walk}`}) s
        cross join lateral (
          select c.ts_config, d.created_at from kb_chunks c
            join kb_documents d on d.id = c.document_id and d.current_version = c.version
           where c.id = s.chunk_id and ${documentFilter(q.audience, q.filters)}
           limit 1
        ) x
       order by s.partial desc, s.chunk_id
       limit ${pool}
    ), top as (
      select pool.chunk_id, pool.created_at, ${score} as score
        from pool
       order by score desc, chunk_id
       limit ${q.limit} offset ${q.offset}
    )
    ${hitsOf(
      q,
      topN === null
        ? sql``
        : sql`, (select bool_or(w.df > ${topN}) ${walk === null ? sql`` : sql`or sum(least(w.df, ${topN})) > ${walk}`} from w) as truncated`,
    )}`;
}

/** Newest first (the dashboard): every posting of every query term, the document rules, then the order. */
function newestSearch(q: SearchQuery) {
  return sql`
    with ${queryTerms(q.text)}, scored as (
      select c.id as chunk_id, d.created_at, sum(w.idf * p.impact)::float8 as score
        from w
        join kb_postings p on p.term = w.term and p.ts_config = w.cfg
        join kb_chunks c on c.id = p.chunk_id
        join kb_documents d on d.id = c.document_id and d.current_version = c.version
       where ${documentFilter(q.audience, q.filters)}
       group by c.id, d.created_at
    ), top as (
      select s.chunk_id, s.score, s.created_at from scored s
       order by s.created_at desc, s.score desc, s.chunk_id limit ${q.limit} offset ${q.offset}
    )
    ${hitsOf(q)}`;
}
