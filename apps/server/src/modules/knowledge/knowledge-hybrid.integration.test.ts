import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConfigFromEnv } from '../../platform/ai/ai-config.ts';
import { createAiGateway } from '../../platform/ai/create-ai-gateway.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { type FakeLlmServer, startFakeLlmServer } from '../../testing/fake-llm-server.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { uploadAndIndex } from '../../testing/knowledge.ts';
import { createKnowledgeRepository } from './knowledge.repository.ts';
import { createKnowledgeEmbeddingService } from './knowledge-embedding.service.ts';
import { createKnowledgeSearchService } from './knowledge-search.service.ts';

// Hybrid retrieval: BM25 fused with pgvector nearest neighbours, where the
// extension exists (PGlite here; managed PostgreSQL in production). The fake
// embedding model embeds character trigrams, so a misspelt query is close in
// vector space while sharing no exact term with the text.

let t: TestApp;
let llm: FakeLlmServer;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;

const PROTEIN = `# Protein

Athletes who strength train should eat about 1.6 grams of protein per kilogram of body weight.
`;
const SECRET = `# Pricing

Corporate workshops cost 4,800 euros per day.
`;

beforeAll(async () => {
  llm = await startFakeLlmServer({ embeddingDimensions: 64 });
  t = await createTestApp(
    {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'sk-test',
      AI_EMBEDDING_MODEL: 'openai:fake-embed',
      AI_EMBEDDING_DIMENSIONS: '64',
    },
    { worker: true },
  );
  a = await signUpAndLogIn(t.app, t.mailer);
  b = await signUpAndLogIn(t.app, t.mailer);
  await uploadAndIndex(t.app, a, [{ name: 'protein.md', content: PROTEIN }]);
  await uploadAndIndex(t.app, a, [{ name: 'pricing.md', content: SECRET }], { visibility: 'private' });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await llm?.close();
});

const search = (who: typeof a, q: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/knowledge/search?q=${encodeURIComponent(q)}`,
    headers: who.auth,
  });

describe('hybrid search where pgvector exists', () => {
  it('says which retrieval runs, and why', async () => {
    const status = (
      await t.app.inject({ method: 'GET', url: '/api/v1/assistant/status', headers: a.auth })
    ).json();
    if (t.vectors.enabled) {
      expect(status.retrieval).toBe('hybrid');
      expect(status.models.embed).toBe('openai:fake-embed');
    } else {
      // The Debian PostgreSQL server has no pgvector: the platform runs, lexical, and says why.
      expect(t.vectors).toMatchObject({ enabled: false, reason: 'pgvector_missing' });
      expect(status.retrieval).toBe('lexical');
      const res = await search(a, 'protein per kilogram');
      expect(res.json().mode).toBe('lexical');
      expect(res.json().items[0].citation.documentTitle).toBe('protein');
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL === undefined)(
    'finds a misspelt query by meaning, fused with exact matches',
    async () => {
      // Embedding runs in the worker after indexing.
      const res = await eventually(async () => {
        const r = (await search(a, 'protien for atheletes')).json();
        if (r.items.length === 0) throw new Error('not embedded yet');
        return r;
      }, 15_000);
      expect(res.mode).toBe('hybrid');
      expect(res.items[0].citation.documentTitle).toBe('protein');
      expect(res.items[0].matchedBy).toEqual(['dense']);
      expect(res.items[0].similarity).toBeGreaterThan(0.3);
      // An exact query is found by both retrievers and ranks first.
      const exact = (await search(a, 'protein per kilogram')).json();
      expect(exact.items[0].matchedBy.sort()).toEqual(['dense', 'lexical']);
      expect(llm.requests.some((r) => r.path === '/v1/embeddings')).toBe(true);
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL === undefined)(
    'never returns another creator’s chunks, nor private ones to end users',
    async () => {
      const other = (await search(b, 'protien for atheletes')).json();
      expect(other.items).toEqual([]);

      const repo = createKnowledgeRepository();
      const ai = createAiGateway(aiConfigFromEnv(t.config));
      const retrieval = createKnowledgeSearchService({
        db: t.db,
        repo,
        dense: createKnowledgeEmbeddingService({ db: t.db, repo, ai, logger: pino({ level: 'silent' }) }),
      });
      const forCreator = await retrieval.retrieve(a.creatorId, 'corporate workshop pricing', {
        audience: { kind: 'creator' },
        k: 5,
      });
      expect(forCreator.map((h) => h.citation.documentTitle)).toContain('pricing');
      const forClient = await retrieval.retrieve(a.creatorId, 'corporate workshop pricing', {
        audience: { kind: 'end_user', tags: [] },
        k: 5,
      });
      expect(forClient.map((h) => h.citation.documentTitle)).not.toContain('pricing');
    },
  );
});
