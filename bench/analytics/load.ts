// The data set: creators of uneven size (Zipf-like), their events spread over
// the last N days, generated inside PostgreSQL (INSERT … SELECT from
// generate_series, as the superuser: row-level security does not apply) one
// day at a time across all creators, in time order, as a live table fills up.
// The table's indexes and foreign key are dropped during the load and rebuilt
// from their own definitions afterwards (then VACUUM ANALYZE), and every hour
// holding events is marked in analytics_rollup_queue, as the product's writes do.
import { randomUUID } from 'node:crypto';
import type { createPostgresDatabase } from '@companero/db';
import type { PoolClient } from 'pg';
import { round } from '../stats.ts';
import { addCpu, type CpuReading, cpuMeter, log, NO_CPU, settings } from './common.ts';

type PgDatabase = Awaited<ReturnType<typeof createPostgresDatabase>>;

export interface PlannedCreator {
  idx: number;
  id: string;
  events: number;
  timeZone: string;
  /** Whether the creator has a creator_ai_settings row (without one the zone is UTC). */
  hasSettings: boolean;
  currency: string;
  docs: number;
}

export const QUESTIONS_PER_CREATOR = 40;

/** Time zones by creator index (idx % 10): most of them away from UTC, one with a half-hour offset. */
const ZONES: [string, boolean][] = [
  ['Europe/Madrid', true],
  ['Europe/Madrid', true],
  ['Europe/Madrid', true],
  ['America/New_York', true],
  ['America/New_York', true],
  ['Asia/Kolkata', true],
  ['America/Mexico_City', true],
  ['UTC', true],
  ['UTC', false],
  ['UTC', false],
];

export function planCreators(): PlannedCreator[] {
  const n = settings.creators;
  const weights = Array.from({ length: n }, (_, i) => (i + 1) ** -settings.zipf);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, idx) => {
    const [timeZone, hasSettings] = ZONES[idx % ZONES.length]!;
    return {
      idx,
      id: randomUUID(),
      events: Math.max(1, Math.round((settings.events * w) / total)),
      timeZone,
      hasSettings,
      currency: idx % 3 === 1 ? 'USD' : 'EUR',
      docs: 10 + (idx % 40),
    };
  });
}

const QUESTIONS = [
  'How do I cancel my subscription?',
  'Can I change my meal plan for next week?',
  'What should I do if I miss a workout?',
  'Is it normal to feel sore after the first session?',
  'How many hours should I sleep?',
  'Can you recommend a book about habits?',
  'Do you offer one-to-one calls?',
  'How do I get an invoice?',
  'What is the refund policy?',
  'Can I pause the program while travelling?',
  'Is intermittent fasting safe for me?',
  'How do I reset my password?',
  'What time zone are the live sessions in?',
  'Can I share my account with my partner?',
  'Where can I download the recordings?',
  'Do you have a vegetarian version?',
  'How long until I see results?',
  'Can I switch to the yearly plan?',
  'What supplements do you recommend?',
  'Is there a community group?',
  'How do I track my progress?',
  'Can I do the program with a knee injury?',
  'Why was I charged twice?',
  'Can I get a certificate at the end?',
  'Do you speak Spanish?',
];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** One day of events for every creator (`$1`: start of the day's window, `$2`: days in the data set). */
const DAY_OF_EVENTS = `
insert into analytics_events (creator_id, type, occurred_at, received_at, end_user_id, data)
with raw as materialized (
  select p.creator_id, p.docs, p.currency,
    $1::timestamptz + random() * interval '1 day' as at,
    random() as rt, floor(p.users * power(random(), 2.5))::int as u,
    random() as r1, random() as r2, random() as r3, random() as r4
  from bench_plan p
  cross join lateral generate_series(1, floor(p.events / $2::float8 * (0.7 + 0.6 * random()) + random())::int) g(i)
), ev as materialized (
  select raw.*,
    case
      when rt < 0.40 then 'message_received'
      when rt < 0.60 then 'message_sent'
      when rt < 0.75 then 'ai_answer'
      when rt < 0.80 then 'feedback'
      when rt < 0.85 then 'conversation_started'
      when rt < 0.90 then 'document_cited'
      when rt < 0.906 then 'program_enrolled'
      when rt < 0.924 then 'program_step_completed'
      when rt < 0.927 then 'program_finished'
      when rt < 0.930 then 'program_dropped'
      when rt < 0.950 then 'habit_logged'
      when rt < 0.970 then 'widget_loaded'
      when rt < 0.990 then 'widget_opened'
      when rt < 0.997 then 'handoff'
      when rt < 0.9982 then 'subscription_started'
      when rt < 0.9994 then 'subscription_renewed'
      else 'subscription_cancelled'
    end as type,
    md5(creator_id::text || ':u' || u)::uuid as end_user_id,
    md5(creator_id::text || ':c' || u || ':' || floor(r3 * 3)::int)::uuid as conversation_id,
    md5(creator_id::text || ':p' || floor(r1 * 3)::int)::uuid as program_id,
    (array['web', 'web', 'web', 'web', 'web', 'web', 'whatsapp', 'whatsapp', 'whatsapp', 'mobile'])[1 + u % 10] as channel
  from raw
)
select creator_id, type, at, at, end_user_id,
  case type
    when 'message_received' then jsonb_build_object('conversationId', conversation_id, 'channel', channel,
      'sentiment', case when r1 < 0.15 then 'negative' when r1 < 0.7 then 'neutral' when r1 < 0.9 then 'positive' end)
    when 'message_sent' then jsonb_build_object('conversationId', conversation_id, 'channel', channel,
      'role', case when r1 < 0.85 then 'assistant' when r1 < 0.95 then 'creator' else 'program' end)
    when 'conversation_started' then jsonb_build_object('conversationId', conversation_id, 'channel', channel)
    when 'ai_answer' then jsonb_build_object('conversationId', conversation_id,
      'latencyMs', round(200 * power(25, r1)), 'firstTokenMs', round(200 * power(25, r1) * (0.2 + 0.3 * r2)),
      'inputTokens', 500 + floor(3500 * r2)::int, 'outputTokens', 50 + floor(550 * r3)::int,
      'groundedness', case when r3 < 0.3 then null else round(r2::numeric, 3) end,
      'noAnswer', r4 < 0.08, 'model', case when r2 < 0.7 then 'claude-sonnet-4-5' else 'gpt-4o-mini' end,
      'questionId', case when r4 < 0.08
        then md5(creator_id::text || ':q' || floor(${QUESTIONS_PER_CREATOR} * power(r2, 2))::int)::uuid
        else gen_random_uuid() end)
    when 'feedback' then jsonb_build_object('messageId', gen_random_uuid(), 'rating', case when r1 < 0.78 then 'up' else 'down' end)
    when 'document_cited' then jsonb_build_object(
      'documentId', md5(creator_id::text || ':d' || floor(docs * power(r1, 2))::int)::uuid,
      'chunkId', case when r2 < 0.1 then null else gen_random_uuid() end, 'conversationId', conversation_id)
    when 'program_enrolled' then jsonb_build_object('programId', program_id,
      'enrollmentId', md5(creator_id::text || ':e' || u || ':' || program_id)::uuid)
    when 'program_finished' then jsonb_build_object('programId', program_id,
      'enrollmentId', md5(creator_id::text || ':e' || u || ':' || program_id)::uuid)
    when 'program_step_completed' then jsonb_build_object('programId', program_id,
      'enrollmentId', md5(creator_id::text || ':e' || u || ':' || program_id)::uuid, 'nodeId', 'step-' || (1 + floor(r2 * 6))::int)
    when 'program_dropped' then jsonb_build_object('programId', program_id,
      'enrollmentId', md5(creator_id::text || ':e' || u || ':' || program_id)::uuid,
      'nodeId', case when r2 < 0.2 then null else 'step-' || (1 + floor(r2 * 6))::int end)
    when 'habit_logged' then jsonb_build_object('habit', (array['water', 'sleep', 'steps', 'meditation', 'journal'])[1 + floor(r1 * 5)::int])
    when 'widget_loaded' then jsonb_build_object('visitorId', case when r1 < 0.3 then null else 'v' || u end)
    when 'widget_opened' then jsonb_build_object('visitorId', 'v' || u)
    when 'handoff' then jsonb_build_object('conversationId', conversation_id,
      'reason', case when r1 < 0.6 then 'user_request' when r1 < 0.7 then 'crisis' when r1 < 0.85 then 'program' else 'creator' end)
    when 'subscription_cancelled' then jsonb_build_object('subscriptionId', 'sub_' || left(md5(creator_id::text || u), 16),
      'plan', case when u % 4 = 0 then 'yearly' else 'monthly' end)
    else jsonb_build_object('subscriptionId', 'sub_' || left(md5(creator_id::text || u), 16),
      'plan', case when u % 4 = 0 then 'yearly' else 'monthly' end,
      'amountCents', case when u % 4 = 0 then 29000 else 2900 end, 'currency', currency)
  end
from ev
order by at`;

export interface LoadResult {
  events: number;
  queueHours: number;
  seconds: {
    setup: number;
    events: number;
    indexes: number;
    queue: number;
    vacuumAnalyze: number;
    total: number;
  };
  eventsPerS: number;
  cpu: CpuReading;
  sizes: Record<string, string>;
  rebuilt: string[];
}

/** Creates the creators and their events; returns what it did and how long it took. */
export async function loadDataSet(
  db: PgDatabase,
  plan: PlannedCreator[],
  adminUrl: string,
): Promise<LoadResult> {
  const started = performance.now();
  const meter = await cpuMeter(adminUrl);
  let cpu: CpuReading = NO_CPU;
  const client: PoolClient = await db.pool.connect();
  try {
    const q = (text: string, values: unknown[] = []) => client.query(text, values);
    await q(`set timezone = 'UTC'`);
    await q(`set maintenance_work_mem = '512MB'`);
    // The generator's row estimates are wild (generate_series counts 1,000 rows a call): JIT compiling it costs more than it saves.
    await q('set jit = off');
    await q(`select setseed($1)`, [((settings.seed % 1000) + 1) / 1001]);

    // Creators, their settings (time zone) and a handful of questions each (unanswered questions are joined to them).
    await q(`create table bench_plan (idx int primary key, creator_id uuid not null, events int not null,
      users int not null, docs int not null, currency text not null, time_zone text not null, has_settings boolean not null)`);
    await q(
      `insert into bench_plan select * from unnest($1::int[], $2::uuid[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::boolean[])`,
      [
        plan.map((p) => p.idx),
        plan.map((p) => p.id),
        plan.map((p) => p.events),
        plan.map(() => settings.users),
        plan.map((p) => p.docs),
        plan.map((p) => p.currency),
        plan.map((p) => p.timeZone),
        plan.map((p) => p.hasSettings),
      ],
    );
    await q(`insert into creators (id, email, display_name, password_hash)
      select creator_id, 'bench-' || idx || '@example.com', 'Bench creator ' || idx, 'x' from bench_plan`);
    await q(`insert into creator_ai_settings (creator_id, default_timezone)
      select creator_id, time_zone from bench_plan where has_settings`);
    await q(`insert into end_users (creator_id, id, widget_visitor_id)
      select creator_id, md5(creator_id::text || ':u0')::uuid, 'v0' from bench_plan`);
    await q(`insert into conversations (creator_id, id, end_user_id, channel)
      select creator_id, md5(creator_id::text || ':qconv')::uuid, md5(creator_id::text || ':u0')::uuid, 'web' from bench_plan`);
    await q(`insert into messages (creator_id, id, conversation_id, role, content)
      select p.creator_id, md5(p.creator_id::text || ':q' || k)::uuid, md5(p.creator_id::text || ':qconv')::uuid, 'user',
        (array[${QUESTIONS.map(lit).join(', ')}])[1 + k % ${QUESTIONS.length}]
      from bench_plan p, generate_series(0, ${QUESTIONS_PER_CREATOR - 1}) k`);
    const setupS = (performance.now() - started) / 1000;

    // Drop the indexes and the foreign key of analytics_events for the load; rebuilt from their definitions after.
    const defs = (
      await q(`
        select c.conname as name, c.contype as kind, pg_get_constraintdef(c.oid) as def
        from pg_constraint c where c.conrelid = 'analytics_events'::regclass and c.contype in ('p', 'f')
        union all
        select ci.relname, 'i', pg_get_indexdef(i.indexrelid)
        from pg_index i join pg_class ci on ci.oid = i.indexrelid
        where i.indrelid = 'analytics_events'::regclass
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`)
    ).rows as { name: string; kind: 'p' | 'f' | 'i'; def: string }[];
    for (const d of defs)
      await q(
        d.kind === 'i' ? `drop index ${d.name}` : `alter table analytics_events drop constraint ${d.name}`,
      );

    const loadStarted = performance.now();
    const now = Date.now();
    let events = 0;
    for (let d = 0; d < settings.days; d++) {
      const from = new Date(now - (settings.days - d) * 86_400_000);
      const r = await q(DAY_OF_EVENTS, [from.toISOString(), settings.days]);
      events += r.rowCount ?? 0;
      if (d % 10 === 9 || d === settings.days - 1) {
        const s = (performance.now() - loadStarted) / 1000;
        log(`load: day ${d + 1}/${settings.days}, ${events} events, ${Math.round(events / s)} events/s`);
      }
    }
    // The last day's window ends at \`now\`, taken before the first statement: no event lies in the future.
    const eventsS = (performance.now() - loadStarted) / 1000;

    const queueStarted = performance.now();
    const queue = await q(`insert into analytics_rollup_queue (creator_id, hour)
      select distinct creator_id, date_trunc('hour', occurred_at) from analytics_events`);
    const queueS = (performance.now() - queueStarted) / 1000;

    const indexStarted = performance.now();
    const rebuilt: string[] = [];
    // Primary key first, then the other indexes, then the foreign key (validated in one pass).
    for (const kind of ['p', 'i', 'f'] as const)
      for (const d of defs.filter((x) => x.kind === kind)) {
        const t0 = performance.now();
        await q(d.kind === 'i' ? d.def : `alter table analytics_events add constraint ${d.name} ${d.def}`);
        rebuilt.push(`${d.name} ${round((performance.now() - t0) / 1000, 1)} s`);
        log(`load: rebuilt ${d.name}`);
      }
    const indexS = (performance.now() - indexStarted) / 1000;
    const vacuumStarted = performance.now();
    await q('vacuum analyze analytics_events');
    await q('analyze');
    const vacuumS = (performance.now() - vacuumStarted) / 1000;
    await q('drop table bench_plan');
    cpu = addCpu(cpu, await meter.stop());

    const sizes = Object.fromEntries(
      (
        await q(`select relname as name, pg_size_pretty(pg_total_relation_size(oid)) as size,
            pg_size_pretty(pg_relation_size(oid)) as heap
          from pg_class where relname = 'analytics_events' or (relkind = 'i' and relname like 'analytics_events%')
          order by relname`)
      ).rows.map((r: { name: string; size: string; heap: string }) => [
        r.name,
        r.name === 'analytics_events' ? `${r.size} (heap ${r.heap})` : r.size,
      ]),
    );
    return {
      events,
      queueHours: queue.rowCount ?? 0,
      seconds: {
        setup: round(setupS, 1),
        events: round(eventsS, 1),
        queue: round(queueS, 1),
        indexes: round(indexS, 1),
        vacuumAnalyze: round(vacuumS, 1),
        total: round((performance.now() - started) / 1000, 1),
      },
      eventsPerS: Math.round(events / eventsS),
      cpu,
      sizes,
      rebuilt,
    };
  } finally {
    // The session settings above (jit, time zone, seed) must not follow this connection back into the pool.
    await client.query('reset all').catch(() => {});
    client.release();
  }
}

/** Events per creator as loaded (the plan's figures are targets; each day's count is drawn around them). */
export async function actualSizes(db: PgDatabase, plan: PlannedCreator[]) {
  const rows = (
    await db.unsafeQuery<{ creator_id: string; n: number }>(
      'select creator_id, count(*)::int as n from analytics_events group by creator_id',
    )
  ).rows;
  const byId = new Map(rows.map((r) => [r.creator_id, r.n]));
  for (const p of plan) p.events = byId.get(p.id) ?? 0;
}

/** The plan of a kept scratch database (BENCH_AN_REUSE=1): creators by index, their zone and events. */
export async function planFromDatabase(db: PgDatabase): Promise<PlannedCreator[]> {
  const rows = (
    await db.unsafeQuery<{ id: string; idx: number; tz: string | null; n: number }>(`
      select c.id, split_part(split_part(c.email, '@', 1), '-', 2)::int as idx, s.default_timezone as tz,
        (select count(*) from analytics_events e where e.creator_id = c.id)::int as n
      from creators c left join creator_ai_settings s on s.creator_id = c.id
      where c.email like 'bench-%@example.com'
      order by 2`)
  ).rows;
  if (!rows.length) throw new Error('BENCH_AN_REUSE=1: no benchmark creators in the scratch database');
  return rows.map((r) => ({
    idx: r.idx,
    id: r.id,
    events: r.n,
    timeZone: r.tz ?? 'UTC',
    hasSettings: r.tz !== null,
    currency: r.idx % 3 === 1 ? 'USD' : 'EUR',
    docs: 10 + (r.idx % 40),
  }));
}
