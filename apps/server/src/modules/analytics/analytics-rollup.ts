import type { Database, TenantTx } from '@companero/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';

/**
 * Analytics roll-ups: hourly (UTC) and daily (the creator's time zone)
 * aggregates recomputed from raw events.
 *
 * Writing events marks their UTC hours in `analytics_rollup_queue`, in the
 * same transaction. A roll-up takes a creator's marked hours and replaces:
 * - `analytics_hourly` rows of those hours (events, distinct clients and amounts per type);
 * - `analytics_daily` and `analytics_user_days` rows of the local days that
 *   contain them, and of the day before each (a citation's "followed by a thumbs
 *   up within a day" can only be known the next day).
 * Everything is recomputed from `analytics_events`, so running a window again
 * gives the same rows, and a late event (its old hour is marked again) is
 * folded in by the next run. Roll-ups of one creator take a transaction-level
 * advisory lock, so two workers never interleave them. When the creator's time
 * zone changes, every day is recomputed in the new zone.
 */

/** The events that make a client "active" (things the client did, not things sent to them). */
export const ACTIVE_TYPES = [
  'conversation_started',
  'message_received',
  'feedback',
  'program_step_completed',
  'habit_logged',
  'widget_opened',
] as const;

/** Two actions of a client more than this far apart start a new session. */
export const SESSION_GAP_MINUTES = 30;

/** AI latency histogram: bucket b holds latencies in [1.1^b, 1.1^(b+1)) ms (quantiles within 5%). */
export const LATENCY_BUCKET_BASE = 1.1;
export const latencyOfBucket = (b: number) => Math.round(LATENCY_BUCKET_BASE ** (b + 0.5));

const HOUR_MS = 3_600_000;
/** The active types as an SQL list (constants of this file, never input). */
export const activeTypes = sql.raw(ACTIVE_TYPES.map((t) => `'${t}'`).join(', '));

/**
 * One row per (local day, metric, dimension) for the events `e` — shared by the
 * roll-up (which stores them) and the raw path of the overview (which reads
 * them straight from the events, as a baseline and an oracle in tests).
 * Needs the relation `e(id, day, type, data, end_user_id, occurred_at)` and a relation
 * `later(type, data, end_user_id, occurred_at)` to look a day ahead in.
 */
export const dailyMetricsSelect = sql`
  select e.day, m.metric, coalesce(m.dim, '') as dim, count(*)::bigint as n, coalesce(sum(m.total), 0)::float8 as total
  from e
  cross join lateral (values
    ('events', e.type, 0::float8),
    (case when e.type = 'message_received' then 'messages_in' end, e.data->>'channel', 0),
    (case when e.type = 'message_received' and e.data->>'sentiment' is not null then 'sentiment' end, e.data->>'sentiment', 0),
    (case when e.type = 'message_sent' then 'messages_out' end, e.data->>'role', 0),
    (case when e.type = 'conversation_started' then 'conversations' end, e.data->>'channel', 0),
    (case when e.type = 'ai_answer' then 'ai_latency' end, '', (e.data->>'latencyMs')::float8),
    (case when e.type = 'ai_answer' then 'ai_latency_hist' end,
      floor(ln(greatest((e.data->>'latencyMs')::float8, 1)) / ln(${LATENCY_BUCKET_BASE}))::int::text, 0),
    (case when e.type = 'ai_answer' and jsonb_typeof(e.data->'groundedness') = 'number' then 'groundedness' end, '',
      (e.data->>'groundedness')::float8),
    (case when e.type = 'ai_answer' and (e.data->>'noAnswer')::boolean then 'no_answer' end, '', 0),
    (case when e.type = 'ai_answer' then 'tokens' end, 'in', (e.data->>'inputTokens')::float8),
    (case when e.type = 'ai_answer' then 'tokens' end, 'out', (e.data->>'outputTokens')::float8),
    (case when e.type = 'feedback' then 'feedback' end, e.data->>'rating', 0),
    (case when e.type = 'handoff' then 'handoff' end, e.data->>'reason', 0),
    (case when e.type = 'document_cited' then 'cited_doc' end, e.data->>'documentId', 0),
    (case when e.type = 'program_enrolled' then 'program_enrolled' end, e.data->>'programId', 0),
    (case when e.type = 'program_finished' then 'program_finished' end, e.data->>'programId', 0),
    (case when e.type = 'program_dropped' then 'program_dropped' end, e.data->>'programId', 0),
    (case when e.type = 'program_step_completed' then 'program_step' end,
      (e.data->>'programId') || ':' || (e.data->>'nodeId'), 0),
    (case when e.type = 'habit_logged' then 'habit' end, e.data->>'habit', 0),
    (case when e.type in ('subscription_started', 'subscription_renewed') then 'revenue' end,
      e.data->>'currency', (e.data->>'amountCents')::float8),
    (case when e.type = 'subscription_started' then 'subscribers' end, e.data->>'plan', 0)
  ) as m(metric, dim, total)
  where m.metric is not null
  group by e.day, m.metric, coalesce(m.dim, '')
  union all
  select c.day, 'cited_doc_positive', c.data->>'documentId', count(distinct c.id), 0
  from e c
  join later l on l.end_user_id = c.end_user_id
    and l.occurred_at > c.occurred_at and l.occurred_at <= c.occurred_at + interval '1 day'
  where c.type = 'document_cited' and (l.type = 'program_step_completed' or l.data->>'rating' = 'up')
  group by c.day, c.data->>'documentId'`;

/** Per client and local day: actions, messages, sessions and their seconds, from the events of relation `e`. */
export const userDaysSelect = (e: 'e' | 'e_all' = 'e') => sql`
  select day, end_user_id, count(*)::int as events,
    (count(*) filter (where type = 'message_received'))::int as messages,
    (count(*) filter (where gap is null or gap > ${SESSION_GAP_MINUTES * 60}))::int as sessions,
    coalesce(sum(gap) filter (where gap <= ${SESSION_GAP_MINUTES * 60}), 0)::int as session_seconds
  from (
    select day, end_user_id, type,
      extract(epoch from occurred_at - lag(occurred_at) over (partition by day, end_user_id order by occurred_at)) as gap
    from ${sql.identifier(e)}
    where end_user_id is not null and type in (${activeTypes})
  ) s
  group by day, end_user_id`;

/** A valid IANA zone name, or UTC. */
export function safeTimeZone(tz: string | null | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

export async function creatorTimeZone(tx: TenantTx): Promise<string> {
  const [row] = await tx.execute<{ tz: string | null }>(
    sql`select default_timezone as tz from creator_ai_settings limit 1`,
  );
  return safeTimeZone(row?.tz);
}

export interface RollupResult {
  hours: number;
  days: number;
  rebuilt: boolean;
  version: number;
}

export function createAnalyticsRollup(deps: { db: Database; logger: Pick<Logger, 'info' | 'error'> }) {
  const { db, logger } = deps;

  async function recomputeHours(tx: TenantTx, creatorId: string, hours: string[]) {
    if (!hours.length) return;
    const hs = sql`${sql.param(hours)}::timestamptz[]`;
    await tx.execute(sql`delete from analytics_hourly where creator_id = ${creatorId} and hour = any(${hs})`);
    await tx.execute(sql`
      with ev as (
        select date_trunc('hour', occurred_at) as hour, type, end_user_id,
          case when type = 'ai_answer' then (data->>'latencyMs')::float8
               when type in ('subscription_started', 'subscription_renewed') then (data->>'amountCents')::float8
               else 0 end as amount
        from analytics_events
        where creator_id = ${creatorId}
          and occurred_at >= ${hours[0]!}::timestamptz
          and occurred_at < ${new Date(Date.parse(hours.at(-1)!) + HOUR_MS).toISOString()}::timestamptz
          and date_trunc('hour', occurred_at) = any(${hs})
      )
      insert into analytics_hourly (creator_id, hour, type, events, users, total)
      select ${creatorId}::uuid, hour, type, count(*), count(distinct end_user_id), sum(amount) from ev group by hour, type
      union all
      select ${creatorId}::uuid, hour, '$active', count(*), count(distinct end_user_id), 0 from ev
      where end_user_id is not null and type in (${activeTypes}) group by hour`);
  }

  /** Replaces the daily rows of `days` (local dates in `tz`), from the raw events. */
  async function recomputeDays(tx: TenantTx, creatorId: string, tz: string, days: string[]) {
    if (!days.length) return;
    const ds = sql`${sql.param(days)}::date[]`;
    // Bounds as plain values, so the planner limits the scan to them (computed in SQL from the
    // arrays, they made PostgreSQL read the creator's whole history). Any zone is within 14 hours
    // of UTC: a UTC day widened by 14 hours each side holds the local day; the day filter is exact.
    const bound = (day: string, plusDays: number, plusHours: number) =>
      sql`${new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000 + plusHours * HOUR_MS).toISOString()}::timestamptz`;
    const first = days[0]!;
    const last = days.at(-1)!;
    const span = sql`occurred_at >= ${bound(first, 0, -14)} and occurred_at < ${bound(last, 1, 14)}`;
    const events = sql`
      e as (
        select id, (occurred_at at time zone ${tz})::date as day, type, data, end_user_id, occurred_at
        from analytics_events
        where creator_id = ${creatorId} and ${span} and (occurred_at at time zone ${tz})::date = any(${ds})
      ),
      later as (
        select type, data, end_user_id, occurred_at from analytics_events
        where creator_id = ${creatorId}
          and type in ('feedback', 'program_step_completed')
          and occurred_at >= ${bound(first, 0, -14)} and occurred_at < ${bound(last, 2, 14)}
      )`;
    await tx.execute(sql`delete from analytics_daily where creator_id = ${creatorId} and day = any(${ds})`);
    await tx.execute(
      sql`delete from analytics_user_days where creator_id = ${creatorId} and day = any(${ds})`,
    );
    await tx.execute(sql`
      with ${events}
      insert into analytics_daily (creator_id, day, metric, dim, n, total)
      select ${creatorId}::uuid, day, metric, dim, n, total from (${dailyMetricsSelect}) m`);
    await tx.execute(sql`
      with ${events}
      insert into analytics_user_days (creator_id, day, end_user_id, events, messages, sessions, session_seconds)
      select ${creatorId}::uuid, day, end_user_id, events, messages, sessions, session_seconds from (${userDaysSelect()}) u`);
  }

  /**
   * Brings one creator's roll-ups up to date: the hours marked since the last
   * run (or, with `window`, every hour of that window: a re-run on demand).
   */
  async function rollUp(
    creatorId: string,
    opts: { window?: { from: Date; to: Date } } = {},
  ): Promise<RollupResult> {
    return db.withTenant(creatorId, async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext('analytics-rollup'), hashtext(${creatorId}))`,
      );
      const tz = await creatorTimeZone(tx);
      const [state] = await tx.execute<{ time_zone: string; version: string | number }>(
        sql`select time_zone, version from analytics_rollup_state where creator_id = ${creatorId}`,
      );
      const marked = await tx.execute<{ hour: Date | string }>(
        sql`delete from analytics_rollup_queue where creator_id = ${creatorId} returning hour`,
      );
      let hours = marked.map((r) => new Date(r.hour).toISOString());
      const rebuild = state !== undefined && state.time_zone !== tz;
      if (opts.window || rebuild || !state) {
        // Every hour with events in the window (all time when the zone changed or on the first run).
        const from = rebuild || !state ? new Date(0) : opts.window!.from;
        const to = rebuild || !state ? new Date('9999-01-01') : opts.window!.to;
        const rows = await tx.execute<{ hour: Date | string }>(sql`
          select distinct date_trunc('hour', occurred_at) as hour from analytics_events
          where creator_id = ${creatorId} and occurred_at >= ${from.toISOString()}::timestamptz
            and occurred_at < ${to.toISOString()}::timestamptz`);
        hours = [...new Set([...hours, ...rows.map((r) => new Date(r.hour).toISOString())])];
      }
      hours.sort();
      if (rebuild) {
        await tx.execute(sql`delete from analytics_daily where creator_id = ${creatorId}`);
        await tx.execute(sql`delete from analytics_user_days where creator_id = ${creatorId}`);
      }
      await recomputeHours(tx, creatorId, hours);
      // The local days holding these hours (an hour may straddle two with a half-hour zone), and each day before.
      const dayRows = hours.length
        ? await tx.execute<{ day: string }>(sql`
            select distinct to_char(d, 'YYYY-MM-DD') as day from (
              select ((h + x) at time zone ${tz})::date - k as d
              from unnest(${sql.param(hours)}::timestamptz[]) h,
                (values (interval '0'), (interval '59 minutes 59.999 seconds')) v(x),
                (values (0), (1)) w(k)
            ) s`)
        : [];
      const days = dayRows.map((r) => r.day).sort();
      await recomputeDays(tx, creatorId, tz, days);
      const [next] = await tx.execute<{ version: string | number }>(sql`
        insert into analytics_rollup_state (creator_id, time_zone, rolled_up_at, version)
        values (${creatorId}::uuid, ${tz}, now(), 1)
        on conflict (creator_id) do update
          set time_zone = excluded.time_zone, rolled_up_at = excluded.rolled_up_at,
              version = analytics_rollup_state.version + 1
        returning version`);
      return { hours: hours.length, days: days.length, rebuilt: rebuild, version: Number(next!.version) };
    });
  }

  return {
    rollUp,

    /** Whether the creator has events not rolled up yet, and the roll-ups' state. */
    async status(creatorId: string) {
      return db.readAsTenant(creatorId, async (tx) => {
        const [row] = await tx.execute<{
          pending: boolean;
          version: string | number | null;
          rolled_up_at: Date | string | null;
          time_zone: string | null;
          tz: string | null;
        }>(sql`
          select exists (select 1 from analytics_rollup_queue where creator_id = ${creatorId}) as pending,
            s.version, s.rolled_up_at, s.time_zone,
            (select default_timezone from creator_ai_settings limit 1) as tz
          from (select 1) one left join analytics_rollup_state s on s.creator_id = ${creatorId}`);
        const tz = safeTimeZone(row?.tz);
        return {
          // A zone change counts as pending: the days must be recomputed in the new zone.
          pending: Boolean(row?.pending) || (row?.time_zone != null && row.time_zone !== tz),
          version: row?.version == null ? 0 : Number(row.version),
          rolledUpAt: row?.rolled_up_at ? new Date(row.rolled_up_at) : null,
          timeZone: tz,
        };
      });
    },

    /** Every creator with marked hours, rolled up one after the other (the worker's recurring job). */
    async rollUpAll(): Promise<{ creators: number; hours: number }> {
      const creators = await db.withSystem('analytics roll-up: which creators have new events', (tx) =>
        tx.execute<{ creator_id: string }>(sql`select distinct creator_id from analytics_rollup_queue`),
      );
      let hours = 0;
      for (const { creator_id } of creators)
        hours += await rollUp(creator_id).then(
          (r) => r.hours,
          (err) => {
            logger.error({ err, creatorId: creator_id }, 'analytics roll-up failed');
            return 0;
          },
        );
      return { creators: creators.length, hours };
    },
  };
}
export type AnalyticsRollup = ReturnType<typeof createAnalyticsRollup>;
