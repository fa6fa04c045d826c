-- Impact-ordered postings and per-creator document frequencies
-- (docs/decisions/0005-impact-ordered-postings.md).
--
-- Each posting now stores its BM25 term weight, the tf-and-length part of the
-- formula, computed when the chunk is indexed (the "impact"), and the text
-- search configuration of its chunk. The index kb_postings_impact keeps each
-- (creator, term, configuration) posting list in impact order. A query reads the
-- top N postings per term from it (ORDER BY impact DESC LIMIT N) and scores a
-- chunk as the sum of idf(term) × impact, so the cost of a query term is bounded
-- by N, however common the term is. Document frequencies come from kb_terms, which
-- the indexing transaction keeps in step (no counting at query time). All of it
-- is ordinary tenant data under forced RLS, like 0002.

-- BM25 term weight with k1 = 0.9, b = 0.4 (the Anserini defaults):
-- tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)). The single definition, used by
-- the indexing statements and by the backfill below. Changing k1 or b means a new
-- migration that recomputes every impact.
CREATE FUNCTION app.kb_impact(tf integer, dl integer, avgdl double precision) RETURNS real
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (tf * 1.9::float8 / (tf + 0.9::float8 * (0.6::float8 + 0.4::float8 * dl / greatest(avgdl, 1))))::real $$;
GRANT EXECUTE ON FUNCTION app.kb_impact(integer, integer, double precision) TO app_tenant;

-- The backfill reads every creator's rows as the owner: FORCE is lifted for the
-- length of this transaction only (restored below, before COMMIT).
ALTER TABLE kb_chunks NO FORCE ROW LEVEL SECURITY;
ALTER TABLE kb_postings NO FORCE ROW LEVEL SECURITY;

-- Rebuilt rather than altered in place: one pass over the old postings, no dead
-- tuples, and the indexes are built once after the load.
CREATE TABLE kb_postings_v4 (
  creator_id uuid NOT NULL,
  term text NOT NULL,
  chunk_id uuid NOT NULL,
  -- The chunk's text search configuration (a query term only meets chunks of its own).
  ts_config regconfig NOT NULL,
  tf int NOT NULL,
  -- app.kb_impact(tf, chunk length, the creator's average chunk length when indexed).
  impact real NOT NULL
);
-- Existing postings get impacts from the creator's present average chunk length.
INSERT INTO kb_postings_v4 (creator_id, term, chunk_id, ts_config, tf, impact)
SELECT p.creator_id, p.term, p.chunk_id, c.ts_config, p.tf, app.kb_impact(p.tf, c.term_count, a.avgdl)
  FROM kb_postings p
  JOIN kb_chunks c ON c.creator_id = p.creator_id AND c.id = p.chunk_id
  JOIN (SELECT creator_id, avg(term_count)::float8 AS avgdl FROM kb_chunks GROUP BY creator_id) a
    ON a.creator_id = p.creator_id;

CREATE TABLE kb_terms (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  term text NOT NULL,
  -- Chunks of this creator holding the term (any configuration): BM25 document frequency.
  df int NOT NULL CHECK (df >= 0),
  PRIMARY KEY (creator_id, term)
);
INSERT INTO kb_terms (creator_id, term, df)
SELECT creator_id, term, count(*) FROM kb_postings_v4 GROUP BY creator_id, term;

DROP TABLE kb_postings;
ALTER TABLE kb_postings_v4 RENAME TO kb_postings;
-- (creator, chunk, term): unique; serves the clean-up when chunks go (below) and
-- the exact re-scoring of the top candidates.
ALTER TABLE kb_postings ADD CONSTRAINT kb_postings_pkey PRIMARY KEY (creator_id, chunk_id, term) INCLUDE (impact);
-- Each posting list in impact order: the top N of a term is the first N entries.
CREATE INDEX kb_postings_impact ON kb_postings (creator_id, term, ts_config, impact DESC) INCLUDE (chunk_id);

-- No foreign key to kb_chunks any more: its check ran once per inserted posting
-- (about 4.5 µs each, ~120 ms of a 200-page book's 25,000 postings) although
-- postings are only ever written by the statement that writes their chunks. The
-- ON DELETE CASCADE it gave is this statement-level trigger, which also keeps
-- kb_stats and kb_terms in step for every way chunks can go (re-indexing,
-- deleting a document, or a cascade from a folder or creator): set-based, as the
-- invoking user, under the same RLS policies. kb_stats is updated before kb_terms,
-- the order the indexing statement takes them in, so concurrent work on one
-- creator queues on its kb_stats row instead of deadlocking on kb_terms rows.
CREATE FUNCTION app.kb_chunks_deleted() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  r record;
BEGIN
  -- Per creator (one, unless a creator row itself is deleted), with the chunk
  -- ids as an array so every lookup is an index probe whatever the statistics.
  FOR r IN SELECT creator_id, array_agg(id) AS ids, count(*) AS n, coalesce(sum(term_count), 0) AS terms
             FROM gone GROUP BY creator_id
  LOOP
    UPDATE kb_stats SET chunk_count = chunk_count - r.n, term_total = term_total - r.terms
     WHERE creator_id = r.creator_id;
    UPDATE kb_terms k SET df = k.df - d.n
      FROM (SELECT term, count(*)::int AS n FROM kb_postings
             WHERE creator_id = r.creator_id AND chunk_id = ANY (r.ids) GROUP BY term) d
     WHERE k.creator_id = r.creator_id AND k.term = d.term;
    DELETE FROM kb_postings WHERE creator_id = r.creator_id AND chunk_id = ANY (r.ids);
  END LOOP;
  RETURN NULL;
END
$$;
CREATE TRIGGER kb_chunks_deleted AFTER DELETE ON kb_chunks
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION app.kb_chunks_deleted();

ALTER TABLE kb_chunks FORCE ROW LEVEL SECURITY;

ALTER TABLE kb_postings ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_postings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_postings
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_terms
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON kb_postings, kb_terms TO app_tenant;

ANALYZE kb_postings, kb_terms;
