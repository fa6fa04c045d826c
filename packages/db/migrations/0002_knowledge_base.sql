-- Knowledge base: folders, documents, versions, chunks and a BM25 inverted index.
--
-- Search design (docs/decisions/0004-knowledge-search.md): PostgreSQL will not
-- use a GIN index for `@@` under RLS (ts_match_vq is not leakproof), so a
-- tsvector search scans every row of the creator. Instead we keep our own
-- inverted index, kb_postings(creator_id, term, chunk_id, tf), filled from
-- to_tsvector() lexemes. Looking terms up is text equality (leakproof), so the
-- btree on (creator_id, term) serves the query under RLS and the cost follows
-- the postings of the query's terms, not the size of the corpus. It also gives
-- true BM25 scoring (tf, df, chunk length), which ts_rank does not.

CREATE TABLE kb_folders (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, parent_id) REFERENCES kb_folders (creator_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX kb_folders_name ON kb_folders (
  creator_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)
);

CREATE TABLE kb_documents (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  folder_id uuid,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('pdf', 'docx', 'markdown', 'text')),
  -- public: every end user; members: end users holding members_tag; private: creator only, never used in answers.
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members', 'private')),
  members_tag text,
  tags text[] NOT NULL DEFAULT '{}',
  -- The version search and the AI use; NULL until the first version is ready.
  current_version int,
  latest_version int NOT NULL DEFAULT 1,
  -- Status of the latest version's ingestion, copied here for listing and filtering.
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'extracting', 'chunking', 'indexing', 'ready', 'failed')),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error_code text,
  error_message text,
  language text,
  size_bytes bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, folder_id) REFERENCES kb_folders (creator_id, id) ON DELETE CASCADE,
  CONSTRAINT kb_documents_members_tag CHECK (visibility <> 'members' OR members_tag IS NOT NULL)
);
CREATE INDEX kb_documents_recent ON kb_documents (creator_id, created_at DESC, id DESC);
CREATE INDEX kb_documents_folder ON kb_documents (creator_id, folder_id);
CREATE INDEX kb_documents_tags ON kb_documents USING gin (tags);

CREATE TABLE kb_document_versions (
  creator_id uuid NOT NULL,
  document_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  storage_key text NOT NULL,
  original_filename text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pdf', 'docx', 'markdown', 'text')),
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'extracting', 'chunking', 'indexing', 'ready', 'failed')),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error_code text,
  error_message text,
  extracted_text text,
  page_count int,
  language text,
  chunk_count int,
  change_note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  ingested_at timestamptz,
  PRIMARY KEY (creator_id, document_id, version),
  FOREIGN KEY (creator_id, document_id) REFERENCES kb_documents (creator_id, id) ON DELETE CASCADE
);

-- Chunks of the current version only (re-ingesting replaces them in one transaction).
CREATE TABLE kb_chunks (
  creator_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL,
  version int NOT NULL,
  position int NOT NULL,
  content text NOT NULL,
  page int,
  page_end int,
  heading_path text[] NOT NULL DEFAULT '{}',
  -- Text search configuration the chunk was indexed with: english, spanish or simple.
  ts_config regconfig NOT NULL,
  -- Number of indexed terms (BM25 document length).
  term_count int NOT NULL DEFAULT 0,
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, document_id) REFERENCES kb_documents (creator_id, id) ON DELETE CASCADE,
  UNIQUE (creator_id, document_id, version, position)
);

CREATE TABLE kb_postings (
  creator_id uuid NOT NULL,
  term text NOT NULL,
  chunk_id uuid NOT NULL,
  tf int NOT NULL,
  PRIMARY KEY (creator_id, term, chunk_id),
  FOREIGN KEY (creator_id, chunk_id) REFERENCES kb_chunks (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX kb_postings_chunk ON kb_postings (creator_id, chunk_id);

-- Corpus statistics per creator for BM25 (N and average chunk length), kept in
-- step with kb_chunks by the ingestion transaction.
CREATE TABLE kb_stats (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  chunk_count bigint NOT NULL DEFAULT 0,
  term_total bigint NOT NULL DEFAULT 0
);

ALTER TABLE kb_folders ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_folders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_folders
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_documents
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_document_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_document_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_document_versions
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_chunks
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_postings ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_postings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_postings
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE kb_stats ENABLE ROW LEVEL SECURITY;
ALTER TABLE kb_stats FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON kb_stats
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON kb_folders, kb_documents, kb_document_versions, kb_chunks, kb_postings, kb_stats
  TO app_tenant;
