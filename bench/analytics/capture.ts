// Statement capture: a Database whose tenant work runs on one pooled
// connection with each statement timed and kept (text, parameters, time), so
// the statements the product sends can be listed and replayed with EXPLAIN.
import {
  type createPostgresDatabase,
  type Database,
  drizzleOver,
  type RunStatement,
  TENANT_PRELUDE,
  type TenantTx,
} from '@companero/db';
import type { PoolClient } from 'pg';
import { round } from '../stats.ts';

type PgDatabase = Awaited<ReturnType<typeof createPostgresDatabase>>;

export interface Captured {
  text: string;
  params: unknown[];
  ms: number;
  rows: number;
}

const timedRun =
  (
    client: PoolClient,
    captured: Captured[],
    each?: () => Promise<void>,
    after?: () => Promise<void>,
  ): RunStatement =>
  async (text, params, rowMode) => {
    await each?.();
    const t0 = performance.now();
    const res =
      rowMode === 'array'
        ? await client.query({ text, values: params, rowMode: 'array' })
        : await client.query({ text, values: params });
    const ms = performance.now() - t0;
    await after?.();
    captured.push({ text, params, ms, rows: res.rowCount ?? 0 });
    return { rows: res.rows as unknown[], rowCount: res.rowCount ?? 0 };
  };

/**
 * readAsTenant: each statement in its own transaction with the tenant prelude
 * (as the product's pipelined implicit transactions); withTenant: one
 * transaction. Only for `creators` when given; the others go straight to `db`.
 */
export function capturingDb(db: PgDatabase, captured: Captured[], creators?: ReadonlySet<string>): Database {
  const mine = (id: string) => !creators || creators.has(id);
  return {
    ...db,
    async readAsTenant(creatorId, fn) {
      if (!mine(creatorId)) return db.readAsTenant(creatorId, fn);
      const client = await db.pool.connect();
      try {
        const run = timedRun(
          client,
          captured,
          async () => {
            await client.query('begin');
            await client.query(TENANT_PRELUDE, [creatorId]);
          },
          async () => {
            await client.query('commit');
          },
        );
        return await fn(Object.assign(drizzleOver(run), { creatorId }) as unknown as TenantTx);
      } finally {
        client.release();
      }
    },
    async withTenant(creatorId, fn) {
      if (!mine(creatorId)) return db.withTenant(creatorId, fn);
      const client = await db.pool.connect();
      let done = false;
      try {
        await client.query('begin');
        await client.query(TENANT_PRELUDE, [creatorId]);
        const result = await fn(
          Object.assign(drizzleOver(timedRun(client, captured)), { creatorId }) as unknown as TenantTx,
        );
        await client.query('commit');
        done = true;
        return result;
      } finally {
        if (!done) await client.query('rollback').catch(() => {});
        client.release();
      }
    },
  };
}

const LABELS: [RegExp, string][] = [
  [/pg_advisory_xact_lock/, 'advisory lock'],
  [/^select exists \(select 1 from analytics_rollup_queue/, 'roll-up status'],
  [/delete from analytics_rollup_queue/, 'take the marked hours'],
  [/from analytics_rollup_state where/, 'roll-up state'],
  [/insert into analytics_rollup_state/, 'state update'],
  [/select default_timezone as tz from creator_ai_settings/, 'time zone'],
  [/select distinct date_trunc\('hour'/, 'hours with events'],
  [/delete from analytics_hourly/, 'delete hourly rows'],
  [/insert into analytics_hourly/, 'recompute hourly rows'],
  [/to_char\(d, 'YYYY-MM-DD'\)/, 'local days of the hours'],
  [/delete from analytics_daily/, 'delete daily rows'],
  [/delete from analytics_user_days/, 'delete user-day rows'],
  [/insert into analytics_daily/, 'recompute daily rows'],
  [/insert into analytics_user_days/, 'recompute user-day rows'],
  [/cohort_users/, 'overview statement'],
  [/subscriptionId/, 'subscription events'],
  [/from kb_documents/, 'document titles'],
  [/from coaching_programs/, 'program names'],
  [/join messages m/, 'unanswered questions'],
];

export function labelOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  for (const [re, label] of LABELS) if (re.test(t)) return label;
  return t.slice(0, 60);
}

/** Statements with the same label added up (a roll-up repeats a few), in first-seen order. */
export function byLabel(captured: Captured[]) {
  const out = new Map<string, { label: string; count: number; ms: number; rows: number }>();
  for (const c of captured) {
    const label = labelOf(c.text);
    const x = out.get(label) ?? { label, count: 0, ms: 0, rows: 0 };
    x.count += 1;
    x.ms += c.ms;
    x.rows += c.rows;
    out.set(label, x);
  }
  return [...out.values()].map((x) => ({ ...x, ms: round(x.ms, 1) }));
}

/**
 * Replays captured statements as the tenant with EXPLAIN (ANALYZE, BUFFERS)
 * in one transaction that is rolled back (writes included: nothing stays).
 * With `jitOff`, JIT is off for the replay.
 */
export async function explainReplay(
  db: PgDatabase,
  creatorId: string,
  statements: Captured[],
  opts: { jitOff?: boolean; separate?: boolean } = {},
) {
  const client = await db.pool.connect();
  const plans: string[][] = [];
  try {
    if (!opts.separate) await client.query('begin');
    for (const s of statements) {
      if (opts.separate) await client.query('begin');
      await client.query(TENANT_PRELUDE, [creatorId]);
      if (opts.jitOff) await client.query('set local jit = off');
      const res = await client.query({
        text: `explain (analyze, buffers, settings) ${s.text}`,
        values: s.params,
        rowMode: 'array',
      });
      plans.push(res.rows.map((r: unknown[]) => String(r[0])));
      if (opts.separate) await client.query('commit');
    }
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
  return plans;
}

/** Times of a plan's summary lines (planning, execution, JIT). */
export function planSummary(plan: string[]) {
  const grab = (re: RegExp) => {
    for (const l of plan) {
      const m = re.exec(l);
      if (m) return Number(m[1]);
    }
    return null;
  };
  return {
    planningMs: grab(/Planning Time: ([\d.]+) ms/),
    executionMs: grab(/Execution Time: ([\d.]+) ms/),
    jitMs: grab(/Timing: .*Total ([\d.]+) ms/),
    costEstimate: grab(/^\S.*\(cost=[\d.]+\.\.([\d.]+) /),
  };
}
