-- The web chat widget and the creator's inbox: each creator's widget settings
-- (public key, allowed origins, theme, limits), files visitors attach, read
-- state on both sides of a conversation, and raw analytics events.

CREATE TABLE widget_configs (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  -- wk_ + base64url(creator id | 9 random bytes): carries its tenant, so a
  -- page's key is looked up inside that creator's transaction.
  public_key text NOT NULL UNIQUE,
  enabled boolean NOT NULL DEFAULT true,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  theme jsonb NOT NULL DEFAULT '{}'::jsonb,
  visitor_messages_per_minute integer NOT NULL DEFAULT 20 CHECK (visitor_messages_per_minute BETWEEN 1 AND 600),
  widget_messages_per_minute integer NOT NULL DEFAULT 600 CHECK (widget_messages_per_minute BETWEEN 1 AND 100000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE widget_attachments (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL,
  storage_key text NOT NULL,
  name text NOT NULL,
  mime text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  message_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  FOREIGN KEY (creator_id, conversation_id) REFERENCES conversations (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX widget_attachments_conversation ON widget_attachments (creator_id, conversation_id);

-- Read state: the creator read the client's messages up to creator_read_at;
-- the client read the coach's up to user_read_at.
ALTER TABLE conversations ADD COLUMN creator_read_at timestamptz;
ALTER TABLE conversations ADD COLUMN user_read_at timestamptz;
CREATE INDEX conversations_inbox ON conversations (creator_id, last_message_at DESC NULLS LAST, id DESC);

CREATE TABLE analytics_events (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (length(type) BETWEEN 1 AND 60),
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  end_user_id uuid,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX analytics_events_time ON analytics_events (creator_id, occurred_at, type);

ALTER TABLE widget_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE widget_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON widget_configs
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE widget_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE widget_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON widget_attachments
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE analytics_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_events
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON widget_configs, widget_attachments, analytics_events TO app_tenant;
