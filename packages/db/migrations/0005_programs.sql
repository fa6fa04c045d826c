-- Coaching programs: a creator's program as a graph (draft + frozen published
-- versions), each end user's walk through one version (enrollment), its step
-- history (funnel, drop-off, transcript), the replies already applied
-- (idempotency) and the events steps emit for other modules (outbox).

CREATE TABLE coaching_programs (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  -- The draft, React Flow nodes/edges (packages/contracts ProgramDefinitionSchema).
  program_definition jsonb NOT NULL,
  draft_revision integer NOT NULL DEFAULT 1,
  draft_updated_at timestamptz NOT NULL DEFAULT now(),
  published_version integer,
  -- The draft revision the latest version was published from (unpublished changes = it differs).
  published_revision integer,
  template_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX coaching_programs_recent ON coaching_programs (creator_id, updated_at DESC, id DESC);

CREATE TABLE program_versions (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  note text,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text,
  PRIMARY KEY (creator_id, id),
  UNIQUE (creator_id, program_id, version),
  FOREIGN KEY (creator_id, program_id) REFERENCES coaching_programs (creator_id, id) ON DELETE CASCADE
);

CREATE TABLE program_enrollments (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL,
  version_id uuid NOT NULL,
  version integer NOT NULL,
  end_user_id uuid NOT NULL,
  conversation_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'waiting', 'completed', 'exited')),
  current_node_id text,
  current_node_type text,
  variables jsonb NOT NULL DEFAULT '{}',
  retries integer NOT NULL DEFAULT 0,
  ai_turns integer NOT NULL DEFAULT 0,
  resume_at timestamptz,
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  -- Last step history sequence number (steps are numbered per enrollment).
  step_seq integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, program_id) REFERENCES coaching_programs (creator_id, id) ON DELETE CASCADE,
  FOREIGN KEY (creator_id, version_id) REFERENCES program_versions (creator_id, id) ON DELETE CASCADE,
  FOREIGN KEY (creator_id, end_user_id) REFERENCES end_users (creator_id, id) ON DELETE CASCADE,
  FOREIGN KEY (creator_id, conversation_id) REFERENCES conversations (creator_id, id) ON DELETE SET NULL (conversation_id)
);
-- One live enrollment per user and program.
CREATE UNIQUE INDEX program_enrollments_live ON program_enrollments (creator_id, program_id, end_user_id)
  WHERE status IN ('active', 'waiting');
CREATE INDEX program_enrollments_by_program ON program_enrollments (creator_id, program_id, last_activity_at DESC, id DESC);
CREATE INDEX program_enrollments_by_conversation ON program_enrollments (creator_id, conversation_id)
  WHERE status IN ('active', 'waiting');
-- The wait sweeper's scan (across creators, through withSystem).
CREATE INDEX program_enrollments_due ON program_enrollments (resume_at) WHERE status = 'waiting';

CREATE TABLE program_enrollment_steps (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  enrollment_id uuid NOT NULL,
  seq integer NOT NULL,
  program_id uuid NOT NULL,
  node_id text NOT NULL,
  node_type text NOT NULL,
  kind text NOT NULL,
  detail jsonb,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, enrollment_id, seq),
  FOREIGN KEY (creator_id, enrollment_id) REFERENCES program_enrollments (creator_id, id) ON DELETE CASCADE
);
-- Funnel: who reached each node.
CREATE INDEX program_enrollment_steps_funnel ON program_enrollment_steps (creator_id, program_id, node_id)
  WHERE kind = 'entered';

-- Replies already applied to an enrollment: a redelivered message does not advance twice.
CREATE TABLE program_inputs (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  enrollment_id uuid NOT NULL,
  message_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, enrollment_id, message_id),
  FOREIGN KEY (creator_id, enrollment_id) REFERENCES program_enrollments (creator_id, id) ON DELETE CASCADE
);

-- Events emitted by steps (milestone.reached, habit.assigned, program.completed, custom):
-- an outbox read by gamification, analytics and integrations.
CREATE TABLE program_events (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL,
  enrollment_id uuid,
  end_user_id uuid,
  name text NOT NULL,
  node_id text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX program_events_recent ON program_events (creator_id, created_at DESC);

ALTER TABLE coaching_programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE coaching_programs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON coaching_programs
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE program_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_versions
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE program_enrollments ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_enrollments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_enrollments
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE program_enrollment_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_enrollment_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_enrollment_steps
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE program_inputs ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_inputs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_inputs
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE program_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE program_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON program_events
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON coaching_programs, program_versions, program_enrollments,
  program_enrollment_steps, program_inputs, program_events TO app_tenant;
