-- Analytics roll-ups: what the dashboard reads instead of raw events.
--
-- Writing events marks their UTC hours in analytics_rollup_queue (same
-- transaction); the roll-up recomputes those hours and the creator's local days
-- that contain them from the raw events, replacing what was there. Late events
-- mark old hours, so they are folded in; running a window twice gives the same
-- rows. See docs/analytics.md.

-- Drill-downs read one event type over a period.
CREATE INDEX analytics_events_type_time ON analytics_events (creator_id, type, occurred_at);

CREATE TABLE analytics_rollup_queue (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  hour timestamptz NOT NULL CHECK (date_trunc('hour', hour) = hour),
  PRIMARY KEY (creator_id, hour)
);

-- Events per type and UTC hour (the "today" view). `total` sums the type's
-- amount (latencyMs of ai_answer, amountCents of subscription payments); the
-- row of type '$active' counts the distinct clients who did something.
CREATE TABLE analytics_hourly (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  hour timestamptz NOT NULL,
  type text NOT NULL,
  events integer NOT NULL,
  users integer NOT NULL,
  total double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (creator_id, hour, type)
);

-- Daily measures in the creator's time zone: (metric, dimension) → count and sum.
CREATE TABLE analytics_daily (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  day date NOT NULL,
  metric text NOT NULL,
  dim text NOT NULL DEFAULT '',
  n bigint NOT NULL,
  total double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (creator_id, day, metric, dim)
);

-- One row per client and active local day: exact unique counts (DAU/WAU/MAU),
-- sessions and retention cohorts come from here.
CREATE TABLE analytics_user_days (
  creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
  day date NOT NULL,
  end_user_id uuid NOT NULL,
  events integer NOT NULL,
  messages integer NOT NULL,
  sessions integer NOT NULL,
  session_seconds integer NOT NULL,
  PRIMARY KEY (creator_id, day, end_user_id)
);
CREATE INDEX analytics_user_days_user ON analytics_user_days (creator_id, end_user_id, day);

-- The time zone the daily rows were computed in, and when they were last brought up to date.
CREATE TABLE analytics_rollup_state (
  creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  rolled_up_at timestamptz NOT NULL,
  version bigint NOT NULL DEFAULT 0
);

ALTER TABLE analytics_rollup_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_rollup_queue FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_rollup_queue
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE analytics_hourly ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_hourly FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_hourly
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE analytics_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_daily
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE analytics_user_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_user_days FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_user_days
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

ALTER TABLE analytics_rollup_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_rollup_state FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_rollup_state
  USING (creator_id = (SELECT app.current_creator_id()))
  WITH CHECK (creator_id = (SELECT app.current_creator_id()));

GRANT SELECT, INSERT, UPDATE, DELETE
  ON analytics_rollup_queue, analytics_hourly, analytics_daily, analytics_user_days, analytics_rollup_state
  TO app_tenant;
