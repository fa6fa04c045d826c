-- Foundation: roles, tenant helpers, identity tables, end users, conversations, audit log.
--
-- Tenancy rule (docs/architecture.md): every tenant table has creator_id, RLS
-- ENABLEd and FORCEd, and a policy comparing creator_id with app.current_creator_id().
-- Primary, unique and foreign keys include creator_id so the tables can later be
-- distributed by creator_id (Citus) unchanged.

-- The role every tenant query runs as: no BYPASSRLS, owns nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_tenant') THEN
    CREATE ROLE app_tenant NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
-- The migrating user switches to app_tenant per transaction (set_config('role', ...)),
-- which needs membership unless it is a superuser.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT app_tenant TO %I', current_user);
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS app;
GRANT USAGE ON SCHEMA app TO app_tenant;
GRANT USAGE ON SCHEMA public TO app_tenant;

-- The current tenant. current_setting(..., true) is '' (not NULL) after an earlier
-- SET LOCAL in the same session, hence nullif. STABLE so a policy evaluates it
-- once per statement; policies also wrap it in a sub-select to make that an InitPlan.
CREATE OR REPLACE FUNCTION app.current_creator_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.creator_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app.current_creator_id() TO app_tenant;

CREATE TABLE creators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  email_verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT creators_email_lower CHECK (email = lower(email))
);
-- Global uniqueness of the login email (a creator row is found by email before
-- any tenant is known: see withSystem('log in by email')).
CREATE UNIQUE INDEX creators_email_key ON creators (email);
ALTER TABLE creators ENABLE ROW LEVEL SECURITY;
ALTER TABLE creators FORCE ROW LEVEL SECURITY;
-- For this table the tenant key is the row's own id.
CREATE POLICY tenant_isolation ON creators
  USING (id = (SELECT app.current_creator_id()))
  WITH CHECK (id = (SELECT app.current_creator_id()));

CREATE TABLE refresh_tokens (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  family_id uuid NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (creator_id, family_id);

CREATE TABLE email_tokens (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);

CREATE TABLE api_keys (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  prefix text NOT NULL,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (creator_id, id)
);

CREATE TABLE audit_log (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  action text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('creator', 'api_key', 'system', 'anonymous')),
  actor_id text,
  ip text,
  user_agent text,
  request_id text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX audit_log_recent ON audit_log (creator_id, created_at DESC, id DESC);

CREATE TABLE end_users (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  display_name text,
  email text,
  widget_visitor_id text,
  phone_e164 text,
  app_account_id text,
  locale text CHECK (locale IN ('en', 'es')),
  timezone text,
  tags text[] NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  PRIMARY KEY (creator_id, id),
  CONSTRAINT end_users_has_identity CHECK (
    widget_visitor_id IS NOT NULL OR phone_e164 IS NOT NULL OR app_account_id IS NOT NULL
  )
);
CREATE UNIQUE INDEX end_users_widget_visitor ON end_users (creator_id, widget_visitor_id)
  WHERE widget_visitor_id IS NOT NULL;
CREATE UNIQUE INDEX end_users_phone ON end_users (creator_id, phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE UNIQUE INDEX end_users_app_account ON end_users (creator_id, app_account_id)
  WHERE app_account_id IS NOT NULL;
CREATE INDEX end_users_recent ON end_users (creator_id, created_at DESC, id DESC);

CREATE TABLE conversations (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  end_user_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'whatsapp', 'mobile', 'playground')),
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'human', 'closed')),
  subject text,
  summary text,
  metadata jsonb NOT NULL DEFAULT '{}',
  last_message_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, end_user_id) REFERENCES end_users (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX conversations_recent ON conversations (creator_id, created_at DESC, id DESC);
CREATE INDEX conversations_end_user ON conversations (creator_id, end_user_id);

CREATE TABLE messages (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant', 'creator', 'system')),
  content text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, conversation_id) REFERENCES conversations (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation ON messages (creator_id, conversation_id, created_at, id);

-- Same isolation policy on every tenant table keyed by creator_id.

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refresh_tokens
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE email_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON email_tokens
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE end_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE end_users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON end_users
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversations
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_tenant;
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE ON audit_log FROM app_tenant;
