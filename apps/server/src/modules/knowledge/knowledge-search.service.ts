import type { KbSearchHit } from '@companero/contracts';
import type { Database } from '@companero/db';
import type { TenantContext } from '../../http/plugins/auth.ts';
import {
  type KnowledgeRepository,
  MARK_END,
  MARK_START,
  type SearchAudience,
  type SearchFilters,
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

/**
 * Retrieval: the dashboard's search and the API the AI engine calls,
 * `retrieve(creatorId, query, { audience, filters, k })`. Lexical BM25 today;
 * dense vectors fuse in by reciprocal rank fusion when an embedding provider exists.
 */
export function createKnowledgeSearchService({ db, repo }: { db: Database; repo: KnowledgeRepository }) {
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
  ): Promise<KbSearchHit[]> {
    const rows = await db.readAsTenant(creatorId, (tx) => repo.search(tx, { text, ...opts }));
    return rows.map((r) => ({
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
    }));
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
      const items = await run(ctx.creatorId, q.q, {
        audience: { kind: 'creator' },
        filters,
        limit: q.limit,
        offset: q.offset,
        sort: q.sort,
      });
      return { items, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },

    /** For the AI engine: the k best passages this audience may see. */
    retrieve(
      creatorId: string,
      query: string,
      opts: { audience: SearchAudience; filters?: SearchFilters; k: number },
    ) {
      return run(creatorId, query, {
        audience: opts.audience,
        filters: opts.filters ?? {},
        limit: opts.k,
        offset: 0,
        sort: 'relevance',
      });
    },
  };
}
export type KnowledgeSearchService = ReturnType<typeof createKnowledgeSearchService>;
