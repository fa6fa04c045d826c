import { type SQL, sql } from 'drizzle-orm';
import { addDays, type ResolvedPeriod } from './analytics-period.ts';
import { activeTypes, dailyMetricsSelect, userDaysSelect } from './analytics-rollup.ts';

/**
 * The one statement behind the overview's figures: over the roll-ups, or the
 * same figures straight from `analytics_events` (the raw path).
 */
export interface AggRow {
  metric: string;
  dim: string;
  cur_n: number | null;
  cur_t: number | null;
  prev_n: number | null;
  prev_t: number | null;
}
export type OverviewRows = {
  agg: AggRow[] | null;
  users: {
    cur: number;
    prev: number;
    wau: number;
    mau: number;
    cur_sessions: number;
    prev_sessions: number;
    cur_secs: number;
    prev_secs: number;
    cur_user_days: number;
  };
  series:
    | {
        at: string;
        active: number;
        mi: number;
        mo: number;
        conv: number;
        ai: number;
        p95: number | null;
        handoffs: number;
        up: number;
        down: number;
        neg: number;
        neu: number;
        pos: number;
        revenue: number;
      }[]
    | null;
  cohorts: { cohort: string; k: number; users: number }[] | null;
};

/** The statement computing the overview's figures, over the roll-ups or over the raw events. */
export function overviewStatement(creatorId: string, p: ResolvedPeriod, source: 'rollups' | 'raw'): SQL {
  const { from, to, previousFrom: pf, previousTo: pt, timeZone: tz } = p;
  const wideFrom = [pf, addDays(to, -29), addDays(to, -7 * 8)].sort()[0]!;
  const cohortFrom = addDays(to, -7 * 8);
  const d = (s: string) => sql`${s}::date`;
  const local = sql`(occurred_at at time zone ${tz})::date`;
  const spanOf = (a: string, b: string) =>
    sql`occurred_at >= (${d(a)}::timestamp at time zone ${tz}) and occurred_at < ((${d(b)} + 1)::timestamp at time zone ${tz})`;
  const prefix =
    source === 'rollups'
      ? sql`
        daily as (
          select day, metric, dim, n, total from analytics_daily
          where creator_id = ${creatorId} and day between ${d(pf)} and ${d(to)}),
        ud as (
          select day, end_user_id, sessions, session_seconds from analytics_user_days
          where creator_id = ${creatorId} and day <= ${d(to)})`
      : sql`
        e as (
          select id, ${local} as day, type, data, end_user_id, occurred_at from analytics_events
          where creator_id = ${creatorId} and ${spanOf(pf, to)}),
        later as (
          select type, data, end_user_id, occurred_at from analytics_events
          where creator_id = ${creatorId} and type in ('feedback', 'program_step_completed') and ${spanOf(pf, addDays(to, 1))}),
        e_all as (
          select ${local} as day, type, data, end_user_id, occurred_at from analytics_events
          where creator_id = ${creatorId} and occurred_at < ((${d(to)} + 1)::timestamp at time zone ${tz})
            and end_user_id is not null and type in (${activeTypes})),
        daily as (${dailyMetricsSelect}),
        ud as (${userDaysSelect('e_all')})`;
  const cur = sql`day between ${d(from)} and ${d(to)}`;
  const prev = sql`day between ${d(pf)} and ${d(pt)}`;
  const series =
    p.granularity === 'day'
      ? sql`
        with active as (
          select day, count(*) as n from ud where ${cur} group by day),
        p95 as (
          select day, min(b) as b from (
            select day, dim::int as b, sum(n) over (partition by day order by dim::int) as cum,
              sum(n) over (partition by day) as tot
            from daily where metric = 'ai_latency_hist' and ${cur}) h
          where cum >= 0.95 * tot group by day),
        per_day as (
          select day,
            coalesce(sum(n) filter (where metric = 'messages_in'), 0) as mi,
            coalesce(sum(n) filter (where metric = 'messages_out'), 0) as mo,
            coalesce(sum(n) filter (where metric = 'conversations'), 0) as conv,
            coalesce(sum(n) filter (where metric = 'ai_latency'), 0) as ai,
            coalesce(sum(n) filter (where metric = 'handoff'), 0) as handoffs,
            coalesce(sum(n) filter (where metric = 'feedback' and dim = 'up'), 0) as up,
            coalesce(sum(n) filter (where metric = 'feedback' and dim = 'down'), 0) as down,
            coalesce(sum(n) filter (where metric = 'sentiment' and dim = 'negative'), 0) as neg,
            coalesce(sum(n) filter (where metric = 'sentiment' and dim = 'neutral'), 0) as neu,
            coalesce(sum(n) filter (where metric = 'sentiment' and dim = 'positive'), 0) as pos,
            coalesce(sum(total) filter (where metric = 'revenue'), 0) as revenue
          from daily where ${cur} group by day)
        select to_char(g.day, 'YYYY-MM-DD') as at, coalesce(active.n, 0) as active,
          coalesce(mi, 0) as mi, coalesce(mo, 0) as mo, coalesce(conv, 0) as conv, coalesce(ai, 0) as ai,
          p95.b as p95, coalesce(handoffs, 0) as handoffs, coalesce(up, 0) as up, coalesce(down, 0) as down,
          coalesce(neg, 0) as neg, coalesce(neu, 0) as neu, coalesce(pos, 0) as pos, coalesce(revenue, 0) as revenue
        from generate_series(${d(from)}, ${d(to)}, interval '1 day') g(day)
        left join active on active.day = g.day::date
        left join p95 on p95.day = g.day::date
        left join per_day on per_day.day = g.day::date
        order by g.day`
      : hourlySeries(creatorId, p, source);
  return sql`
    with ${prefix},
    agg as (
      select metric, dim,
        sum(n) filter (where ${cur}) as cur_n, sum(total) filter (where ${cur}) as cur_t,
        sum(n) filter (where ${prev}) as prev_n, sum(total) filter (where ${prev}) as prev_t
      from daily where day between ${d(pf)} and ${d(to)} group by metric, dim),
    firsts as (select end_user_id, min(day) as first_day from ud group by end_user_id),
    cohort_users as (
      select f.end_user_id, date_trunc('week', f.first_day)::date as cohort
      from firsts f where f.first_day >= date_trunc('week', ${d(cohortFrom)})::date)
    select
      (select json_agg(agg) from agg) as agg,
      (select row_to_json(u) from (
        select
          count(distinct end_user_id) filter (where ${cur}) as cur,
          count(distinct end_user_id) filter (where ${prev}) as prev,
          count(distinct end_user_id) filter (where day between ${d(addDays(to, -6))} and ${d(to)}) as wau,
          count(distinct end_user_id) filter (where day between ${d(addDays(to, -29))} and ${d(to)}) as mau,
          coalesce(sum(sessions) filter (where ${cur}), 0) as cur_sessions,
          coalesce(sum(sessions) filter (where ${prev}), 0) as prev_sessions,
          coalesce(sum(session_seconds) filter (where ${cur}), 0) as cur_secs,
          coalesce(sum(session_seconds) filter (where ${prev}), 0) as prev_secs,
          count(*) filter (where ${cur}) as cur_user_days
        from ud where day >= ${d(wideFrom)}) u) as users,
      (select json_agg(s) from (${series}) s) as series,
      (select json_agg(c) from (
        select to_char(cu.cohort, 'YYYY-MM-DD') as cohort, (date_trunc('week', ud.day)::date - cu.cohort) / 7 as k,
          count(distinct ud.end_user_id) as users
        from cohort_users cu join ud using (end_user_id)
        where ud.day >= cu.cohort
        group by 1, 2 order by 1, 2) c) as cohorts`;
}

function hourlySeries(creatorId: string, p: ResolvedPeriod, source: 'rollups' | 'raw'): SQL {
  const tz = p.timeZone;
  const start = sql`(${p.from}::date::timestamp at time zone ${tz})`;
  const end = sql`((${p.from}::date + 1)::timestamp at time zone ${tz})`;
  const hourly =
    source === 'rollups'
      ? sql`select hour, type, events, users, total from analytics_hourly
            where creator_id = ${creatorId} and hour >= ${start} and hour < ${end}`
      : sql`select date_trunc('hour', occurred_at) as hour, type, count(*) as events, count(distinct end_user_id) as users,
              sum(case when type = 'ai_answer' then (data->>'latencyMs')::float8
                       when type in ('subscription_started', 'subscription_renewed') then (data->>'amountCents')::float8
                       else 0 end) as total
            from analytics_events where creator_id = ${creatorId} and occurred_at >= ${start} and occurred_at < ${end}
            group by 1, 2
            union all
            select date_trunc('hour', occurred_at), '$active', count(*), count(distinct end_user_id), 0
            from analytics_events where creator_id = ${creatorId} and occurred_at >= ${start} and occurred_at < ${end}
              and end_user_id is not null and type in (${activeTypes})
            group by 1`;
  const ev = (type: string) => sql`coalesce(sum(events) filter (where type = ${type}), 0)`;
  return sql`
    select to_char(g.h at time zone ${tz}, 'YYYY-MM-DD"T"HH24:00') as at,
      coalesce(max(users) filter (where type = '$active'), 0) as active,
      ${ev('message_received')} as mi, ${ev('message_sent')} as mo, ${ev('conversation_started')} as conv,
      ${ev('ai_answer')} as ai, null::int as p95, ${ev('handoff')} as handoffs,
      0 as up, 0 as down, 0 as neg, 0 as neu, 0 as pos,
      coalesce(sum(total) filter (where type in ('subscription_started', 'subscription_renewed')), 0) as revenue
    from generate_series(${start}, ${end} - interval '1 hour', interval '1 hour') g(h)
    left join (${hourly}) hr on hr.hour = g.h
    group by g.h order by g.h`;
}
