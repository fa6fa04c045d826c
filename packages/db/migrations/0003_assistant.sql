-- The AI coach: personality, model settings, per-user memory, feedback,
-- corrections, usage and alerts. Every table is tenant-owned (creator_id + RLS).

CREATE TABLE creator_personalities (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  coach_name text NOT NULL DEFAULT '',
  language text NOT NULL DEFAULT 'auto' CHECK (language IN ('auto', 'en', 'es')),
  greeting text NOT NULL DEFAULT '',
  sign_off text NOT NULL DEFAULT '',
  tone text[] NOT NULL DEFAULT '{}',
  style text NOT NULL DEFAULT '',
  expertise text[] NOT NULL DEFAULT '{}',
  dos text[] NOT NULL DEFAULT '{}',
  donts text[] NOT NULL DEFAULT '{}',
  example_replies jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE creator_ai_settings (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  chat_model text,
  summarise_model text,
  classify_model text,
  fallback_model text,
  monthly_token_budget bigint CHECK (monthly_token_budget >= 0),
  handoff_on_crisis boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An end user's facts, preferences and goals; one row per key, newest wins.
CREATE TABLE end_user_memories (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  end_user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('fact', 'preference', 'goal')),
  key text NOT NULL,
  content text NOT NULL,
  source text NOT NULL CHECK (source IN ('conversation', 'creator')),
  source_message_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  UNIQUE (creator_id, end_user_id, key),
  FOREIGN KEY (creator_id, end_user_id) REFERENCES end_users (creator_id, id) ON DELETE CASCADE
);

-- Idempotent posting: one stored message per (conversation, client id).
ALTER TABLE messages ADD COLUMN client_message_id text;
CREATE UNIQUE INDEX messages_client_id ON messages (creator_id, conversation_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
ALTER TABLE conversations ADD COLUMN summary_message_count integer NOT NULL DEFAULT 0;
-- Kept by the engine as it writes, so deciding on a summary needs no count(*).
ALTER TABLE conversations ADD COLUMN message_count integer NOT NULL DEFAULT 0;
UPDATE conversations c SET message_count = (SELECT count(*) FROM messages m
  WHERE m.creator_id = c.creator_id AND m.conversation_id = c.id);

CREATE TABLE message_feedback (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  message_id uuid NOT NULL,
  rating smallint NOT NULL CHECK (rating IN (-1, 1)),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, message_id),
  FOREIGN KEY (creator_id, message_id) REFERENCES messages (creator_id, id) ON DELETE CASCADE
);

-- A creator's corrected answer; preferred over the knowledge base for similar questions.
CREATE TABLE answer_corrections (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id uuid,
  question text NOT NULL,
  answer text NOT NULL,
  uses integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX answer_corrections_recent ON answer_corrections (creator_id, created_at DESC, id DESC);

-- Tokens per creator, day, use and model: budgets read it, analytics sums it.
CREATE TABLE ai_usage_daily (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  day date NOT NULL,
  use text NOT NULL,
  model text NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (creator_id, day, use, model)
);

CREATE TABLE creator_alerts (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('self_harm', 'medical_emergency', 'violence', 'handoff_request')),
  conversation_id uuid NOT NULL,
  end_user_id uuid NOT NULL,
  message_id uuid,
  excerpt text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, conversation_id) REFERENCES conversations (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX creator_alerts_recent ON creator_alerts (creator_id, created_at DESC, id DESC);

-- Proactive check-ins: rules the creator defines, evaluated by the worker.
ALTER TABLE end_users ADD COLUMN proactive_opt_in boolean NOT NULL DEFAULT false;
ALTER TABLE creator_ai_settings
  ADD COLUMN quiet_hours_start text CHECK (quiet_hours_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN quiet_hours_end text CHECK (quiet_hours_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN max_proactive_per_week integer NOT NULL DEFAULT 3 CHECK (max_proactive_per_week BETWEEN 0 AND 50),
  ADD COLUMN default_timezone text NOT NULL DEFAULT 'UTC';

CREATE TABLE proactive_rules (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  trigger jsonb NOT NULL,
  message text NOT NULL,
  audience_tag text,
  cooldown_days integer NOT NULL DEFAULT 7 CHECK (cooldown_days BETWEEN 0 AND 365),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
-- The worker finds creators with work to do without scanning every tenant.
CREATE INDEX proactive_rules_enabled ON proactive_rules (creator_id) WHERE enabled;

-- One row per (rule, end user, occurrence): the unique key makes a re-run send nothing twice.
CREATE TABLE proactive_sends (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL,
  end_user_id uuid NOT NULL,
  occurrence text NOT NULL,
  conversation_id uuid NOT NULL,
  message_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  UNIQUE (creator_id, rule_id, end_user_id, occurrence),
  FOREIGN KEY (creator_id, rule_id) REFERENCES proactive_rules (creator_id, id) ON DELETE CASCADE,
  FOREIGN KEY (creator_id, end_user_id) REFERENCES end_users (creator_id, id) ON DELETE CASCADE
);
-- Sentiment-drop rules look at recent user messages across a creator's conversations.
CREATE INDEX messages_user_recent ON messages (creator_id, created_at DESC) WHERE role = 'user';
CREATE INDEX end_users_proactive ON end_users (creator_id, last_seen_at) WHERE proactive_opt_in;
CREATE INDEX proactive_sends_user_recent ON proactive_sends (creator_id, end_user_id, created_at DESC);

ALTER TABLE creator_personalities ENABLE ROW LEVEL SECURITY;
ALTER TABLE creator_personalities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON creator_personalities
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE creator_ai_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE creator_ai_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON creator_ai_settings
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE end_user_memories ENABLE ROW LEVEL SECURITY;
ALTER TABLE end_user_memories FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON end_user_memories
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE message_feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_feedback FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_feedback
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE answer_corrections ENABLE ROW LEVEL SECURITY;
ALTER TABLE answer_corrections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON answer_corrections
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE ai_usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_usage_daily
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE creator_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE creator_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON creator_alerts
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE proactive_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE proactive_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON proactive_rules
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE proactive_sends ENABLE ROW LEVEL SECURITY;
ALTER TABLE proactive_sends FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON proactive_sends
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON creator_personalities, creator_ai_settings, end_user_memories, message_feedback, answer_corrections, ai_usage_daily, creator_alerts,
  proactive_rules, proactive_sends TO app_tenant;
