import type { KbSearchHit } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { TenantContext } from '../../http/plugins/auth.ts';
import {
  type KnowledgeRepository,
  MARK_END,
  MARK_START,
  type SearchAudience,
  type SearchFilters,
  type SearchRow,
} from './knowledge.repository.ts';

/** Turns ts_headline output with sentinel marks into plain text plus [start, end) ranges. */
export function parseHighlights(marked: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === MARK_START) start = snippet.length;
    else if (ch === MARK_END) {
      if (start >= 0) highlights.push([start, snippet.length]);
      start = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}

/** Dense retrieval: a query embedder for the model whose vectors are stored. */
export interface DenseRetrieval {
  model: string;
  embedQuery(text: string): Promise<number[] | null>;
}

/** Reciprocal rank fusion constant (Cormack et al. 2009): ranks matter, raw scores do not. */
export const RRF_K = 60;

/**
 * Fuses ranked lists by reciprocal rank: score = Σ 1 / (RRF_K + rank).
 * Returns ids best first with which lists found them.
 */
export function reciprocalRankFusion(lists: Record<'lexical' | 'dense', string[]>) {
  const fused = new Map<string, { score: number; matchedBy: ('lexical' | 'dense')[] }>();
  for (const [name, ids] of Object.entries(lists) as ['lexical' | 'dense', string[]][])
    ids.forEach((id, rank) => {
      const entry = fused.get(id) ?? { score: 0, matchedBy: [] };
      entry.score += 1 / (RRF_K + rank + 1);
      entry.matchedBy.push(name);
      fused.set(id, entry);
    });
  return [...fused.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1));
}

const toHit = (r: SearchRow, extra: Pick<KbSearchHit, 'matchedBy' | 'similarity'>): KbSearchHit => ({
  chunkId: r.chunk_id,
  score: Number(r.score),
  content: r.content,
  ...parseHighlights(r.snippet),
  citation: {
    documentId: r.document_id,
    documentTitle: r.title,
    version: r.version,
    page: r.page,
    headingPath: r.heading_path,
  },
  ...extra,
});

/**
 * Retrieval: the dashboard's search and the API the AI engine calls,
 * `retrieve(creatorId, query, { audience, filters, k })`. Lexical BM25 always;
 * with an embedding model and pgvector, dense nearest neighbours too, fused by
 * reciprocal rank (relevance order only). If the query cannot be embedded
 * (provider down), search stays lexical rather than failing.
 */
export function createKnowledgeSearchService({
  db,
  repo,
  dense,
  logger,
}: {
  db: Database;
  repo: KnowledgeRepository;
  dense?: DenseRetrieval;
  logger?: { warn(obj: object, msg?: string): void };
}) {
  async function run(
    creatorId: string,
    text: string,
    opts: {
      audience: SearchAudience;
      filters: SearchFilters;
      limit: number;
      offset: number;
      sort: 'relevance' | 'newest';
    },
  ): Promise<{ items: KbSearchHit[]; mode: 'lexical' | 'hybrid' }> {
    const hybrid = dense && opts.sort === 'relevance';
    if (!hybrid) {
      const rows = await db.readAsTenant(creatorId, (tx) => repo.search(tx, { text, ...opts }));
      return {
        items: rows.map((r) => toHit(r, { matchedBy: ['lexical'], similarity: null })),
        mode: 'lexical',
      };
    }
    // Each list deep enough that fusion can reorder the requested page.
    const depth = Math.max(20, (opts.offset + opts.limit) * 2);
    const vector = await dense.embedQuery(text).catch((err: Error) => {
      logger?.warn({ err: err.message }, 'query embedding failed; lexical search only');
      return null;
    });
    const [lexical, nearest] = await Promise.all([
      db.readAsTenant(creatorId, (tx) => repo.search(tx, { text, ...opts, limit: depth, offset: 0 })),
      vector
        ? db.withTenant(creatorId, (tx) =>
            repo.denseSearch(tx, {
              vector,
              model: dense.model,
              limit: depth,
              audience: opts.audience,
              filters: opts.filters,
            }),
          )
        : Promise.resolve([]),
    ]);
    const rows = new Map<string, SearchRow>();
    for (const r of [...nearest, ...lexical]) rows.set(r.chunk_id, r); // lexical rows carry highlighted snippets
    const similarity = new Map(nearest.map((r) => [r.chunk_id, Number(r.similarity)]));
    const fused = reciprocalRankFusion({
      lexical: lexical.map((r) => r.chunk_id),
      dense: nearest.map((r) => r.chunk_id),
    }).slice(opts.offset, opts.offset + opts.limit);
    return {
      items: fused.map(([id, f]) => ({
        ...toHit(rows.get(id)!, { matchedBy: f.matchedBy, similarity: similarity.get(id) ?? null }),
        score: Math.round(f.score * 1e6) / 1e6,
      })),
      mode: vector ? 'hybrid' : 'lexical',
    };
  }

  return {
    async search(
      ctx: TenantContext,
      q: { q: string; limit: number; offset: number; sort: 'relevance' | 'newest' } & Omit<
        SearchFilters,
        'from' | 'to'
      > & { from?: string; to?: string },
    ) {
      const started = performance.now();
      const filters: SearchFilters = {
        folderId: q.folderId,
        tag: q.tag,
        kind: q.kind,
        visibility: q.visibility,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      };
      const { items, mode } = await run(ctx.creatorId, q.q, {
        audience: { kind: 'creator' },
        filters,
        limit: q.limit,
        offset: q.offset,
        sort: q.sort,
      });
      return { items, mode, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },

    /** For the AI engine: the k best passages this audience may see. */
    async retrieve(
      creatorId: string,
      query: string,
      opts: { audience: SearchAudience; filters?: SearchFilters; k: number },
    ) {
      const { items } = await run(creatorId, query, {
        audience: opts.audience,
        filters: opts.filters ?? {},
        limit: opts.k,
        offset: 0,
        sort: 'relevance',
      });
      return items;
    },
  };
}
export type KnowledgeSearchService = ReturnType<typeof createKnowledgeSearchService>;
