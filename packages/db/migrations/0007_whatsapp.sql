-- The WhatsApp Business channel (Cloud API): each creator's connection (secrets
-- encrypted by the application), every inbound and outbound channel message
-- (de-duplication by WhatsApp message id, delivery state), contacts' consent
-- (current state on the end user, history in consent_events), message
-- templates, and broadcasts with their per-recipient report. Attachments are
-- no longer the widget's alone: WhatsApp media are stored there too.

ALTER TABLE widget_attachments RENAME TO conversation_attachments;
ALTER INDEX widget_attachments_conversation RENAME TO conversation_attachments_conversation;

CREATE TABLE whatsapp_accounts (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  waba_id text NOT NULL,
  -- Webhooks are routed to their creator by this id (a narrow system lookup).
  phone_number_id text NOT NULL UNIQUE,
  display_phone text,
  verified_name text,
  access_token_enc text NOT NULL,
  app_secret_enc text NOT NULL,
  verify_token text NOT NULL UNIQUE,
  messages_per_second integer NOT NULL DEFAULT 20 CHECK (messages_per_second BETWEEN 1 AND 1000),
  opt_out_keywords text[] NOT NULL DEFAULT '{stop,unsubscribe,baja,cancelar}',
  opt_in_keywords text[] NOT NULL DEFAULT '{start,alta}',
  last_test_at timestamptz,
  last_webhook_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE channel_messages (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('whatsapp')),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  -- The channel's own id (WhatsApp `wamid`): unique, so a redelivered webhook is stored once.
  external_id text,
  message_id uuid,
  conversation_id uuid,
  end_user_id uuid,
  broadcast_id uuid,
  status text NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed', 'held')),
  error_code integer,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  UNIQUE (creator_id, channel, external_id)
);
CREATE INDEX channel_messages_message ON channel_messages (creator_id, message_id);
CREATE INDEX channel_messages_broadcast ON channel_messages (creator_id, broadcast_id) WHERE broadcast_id IS NOT NULL;

ALTER TABLE end_users ADD COLUMN whatsapp_consent text CHECK (whatsapp_consent IN ('opted_in', 'opted_out'));
ALTER TABLE end_users ADD COLUMN whatsapp_consent_source text;
ALTER TABLE end_users ADD COLUMN whatsapp_consent_at timestamptz;
-- The 24-hour customer service window runs from the client's last message.
ALTER TABLE end_users ADD COLUMN whatsapp_last_inbound_at timestamptz;

CREATE TABLE consent_events (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  end_user_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('whatsapp')),
  status text NOT NULL CHECK (status IN ('opted_in', 'opted_out')),
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);
CREATE INDEX consent_events_user ON consent_events (creator_id, end_user_id, created_at DESC);

CREATE TABLE whatsapp_templates (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id text,
  name text NOT NULL,
  language text NOT NULL,
  category text NOT NULL,
  status text NOT NULL,
  body text,
  parameter_count integer NOT NULL DEFAULT 0,
  rejected_reason text,
  synced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id),
  UNIQUE (creator_id, name, language)
);

CREATE TABLE whatsapp_broadcasts (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  template_name text NOT NULL,
  language text NOT NULL,
  parameters text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, id)
);

CREATE TABLE whatsapp_broadcast_recipients (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  broadcast_id uuid NOT NULL,
  end_user_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed', 'skipped')),
  error text,
  external_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, broadcast_id, end_user_id),
  FOREIGN KEY (creator_id, broadcast_id) REFERENCES whatsapp_broadcasts (creator_id, id) ON DELETE CASCADE
);
CREATE INDEX whatsapp_broadcast_recipients_external ON whatsapp_broadcast_recipients (creator_id, external_id)
  WHERE external_id IS NOT NULL;

ALTER TABLE whatsapp_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE whatsapp_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON whatsapp_accounts
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE channel_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE channel_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON channel_messages
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE consent_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON consent_events
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE whatsapp_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE whatsapp_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON whatsapp_templates
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE whatsapp_broadcasts ENABLE ROW LEVEL SECURITY;
ALTER TABLE whatsapp_broadcasts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON whatsapp_broadcasts
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE whatsapp_broadcast_recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE whatsapp_broadcast_recipients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON whatsapp_broadcast_recipients
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE ON whatsapp_accounts, channel_messages, consent_events, whatsapp_templates,
  whatsapp_broadcasts, whatsapp_broadcast_recipients TO app_tenant;
