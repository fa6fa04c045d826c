import type { AnalyticsOverview, AnalyticsPeriodQuery, Kpi, KpiKey, SeriesPoint } from '@companero/contracts';
import type { Database, TenantTx } from '@companero/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.ts';
import { type OverviewRows, overviewStatement } from './analytics-overview-statement.ts';
import {
  addDays,
  DAY_MS,
  periodDays,
  type ResolvedPeriod,
  resolvePeriod,
  zonedMidnight,
} from './analytics-period.ts';
import { type AnalyticsRollup, creatorTimeZone, latencyOfBucket } from './analytics-rollup.ts';

/**
 * The analytics overview of a period, in the creator's time zone: KPIs with
 * their previous period, the series, mixes, program funnels, weekly cohorts,
 * content. Read from the roll-ups (after bringing them up to date) and cached
 * under the roll-ups' version, so a new roll-up invalidates it. `source: 'raw'`
 * computes the same answer straight from `analytics_events` (the benchmark's
 * baseline and the tests' oracle).
 */

const num = (v: unknown) => (v == null ? 0 : Number(v));

/** The q-quantile of a latency histogram (bucket → count). */
export function histogramQuantile(hist: Map<number, number>, q: number): number | null {
  const buckets = [...hist.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  let cum = 0;
  for (const [b, n] of buckets) {
    cum += n;
    if (cum >= q * total) return latencyOfBucket(b);
  }
  return latencyOfBucket(buckets.at(-1)![0]);
}

type SubscriptionEvent = {
  sid: string;
  type: string;
  amount: number | null;
  currency: string | null;
  at: string;
};

/** Subscriptions are few: their state at any time is computed from their events. A payment covers 35 days. */
function subscriptionState(events: SubscriptionEvent[], at: Date, currency: string | null) {
  const last = new Map<string, SubscriptionEvent>();
  const lastPayment = new Map<string, SubscriptionEvent>();
  for (const e of events) {
    if (new Date(e.at) >= at) continue;
    last.set(e.sid, e);
    if (e.type !== 'subscription_cancelled') lastPayment.set(e.sid, e);
  }
  let active = 0;
  let mrr = 0;
  for (const [sid, e] of last) {
    const pay = lastPayment.get(sid);
    if (e.type === 'subscription_cancelled' || !pay) continue;
    if (at.getTime() - new Date(pay.at).getTime() > 35 * DAY_MS) continue;
    active++;
    if (pay.currency === currency) mrr += pay.amount ?? 0;
  }
  return { active, mrr };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function createAnalyticsOverview(deps: {
  db: Database;
  cache: Cache;
  rollup: AnalyticsRollup;
  logger: Pick<Logger, 'warn'>;
  now?: () => Date;
}) {
  const { db, cache, rollup, logger } = deps;
  const now = deps.now ?? (() => new Date());

  async function compute(
    tx: TenantTx,
    creatorId: string,
    p: ResolvedPeriod,
    source: 'rollups' | 'raw',
    rolledUpAt: Date | null,
  ): Promise<AnalyticsOverview> {
    const [rows] = await tx.execute<OverviewRows>(overviewStatement(creatorId, p, source));
    const agg = rows?.agg ?? [];
    const users = rows!.users;
    const sum = (metric: string, which: 'cur' | 'prev', field: 'n' | 't' = 'n', dim?: string) =>
      agg
        .filter((r) => r.metric === metric && (dim === undefined || r.dim === dim))
        .reduce((s, r) => s + num(r[`${which}_${field}`]), 0);
    const hist = (which: 'cur' | 'prev') =>
      new Map(
        agg.filter((r) => r.metric === 'ai_latency_hist').map((r) => [Number(r.dim), num(r[`${which}_n`])]),
      );
    const revenueByCurrency = agg.filter((r) => r.metric === 'revenue');
    const currency =
      revenueByCurrency.sort((a, b) => num(b.cur_t) + num(b.prev_t) - num(a.cur_t) - num(a.prev_t))[0]?.dim ||
      null;

    const subs = await tx.execute<SubscriptionEvent>(sql`
      select data->>'subscriptionId' as sid, type, (data->>'amountCents')::bigint as amount,
        data->>'currency' as currency, occurred_at as at
      from analytics_events
      where creator_id = ${creatorId}
        and type in ('subscription_started', 'subscription_renewed', 'subscription_cancelled')
        and occurred_at < ((${p.to}::date + 1)::timestamp at time zone ${p.timeZone})
      order by occurred_at`);
    const tzStart = (day: string) => zonedMidnight(day, p.timeZone);
    const end = subscriptionState(subs, tzStart(addDays(p.to, 1)), currency);
    const start = subscriptionState(subs, tzStart(p.from), currency);
    const prevStart = subscriptionState(subs, tzStart(p.previousFrom), currency);
    const cancelledIn = (a: string, b: string) => {
      // The bounds once, not per cancellation (each is two Intl formatters: a busy creator has hundreds).
      const [start, end] = [tzStart(a), tzStart(addDays(b, 1))];
      return subs.filter(
        (s) => s.type === 'subscription_cancelled' && new Date(s.at) >= start && new Date(s.at) < end,
      ).length;
    };

    const figures = (which: 'cur' | 'prev'): Record<KpiKey, number | null> => {
      const active = which === 'cur' ? num(users.cur) : num(users.prev);
      const sessions = num(users[`${which}_sessions`]);
      const aiAnswers = sum('ai_latency', which);
      const up = sum('feedback', which, 'n', 'up');
      const down = sum('feedback', which, 'n', 'down');
      const conversations = sum('conversations', which);
      const revenue = currency ? sum('revenue', which, 't', currency) : 0;
      const enrolled = sum('program_enrolled', which);
      const messages = sum('messages_in', which);
      const state = which === 'cur' ? end : start;
      const base = which === 'cur' ? start : prevStart;
      return {
        activeUsers: active,
        conversations,
        messagesReceived: messages,
        messagesPerUser: ratio(messages, active),
        sessions,
        avgSessionSeconds: ratio(num(users[`${which}_secs`]), sessions),
        aiAnswers,
        latencyP50Ms: histogramQuantile(hist(which), 0.5),
        latencyP95Ms: histogramQuantile(hist(which), 0.95),
        satisfaction: ratio(up, up + down),
        groundedness: ratio(sum('groundedness', which, 't'), sum('groundedness', which)),
        noAnswerRate: ratio(sum('no_answer', which), aiAnswers),
        handoffRate: ratio(sum('handoff', which), conversations),
        programCompletionRate: ratio(sum('program_finished', which), enrolled),
        revenueCents: revenue,
        mrrCents: state.mrr,
        activeSubscriptions: state.active,
        conversionRate: ratio(sum('subscribers', which), active),
        churnRate: ratio(
          which === 'cur' ? cancelledIn(p.from, p.to) : cancelledIn(p.previousFrom, p.previousTo),
          base.active,
        ),
        revenuePerUserCents: ratio(revenue, active),
      };
    };
    const curF = figures('cur');
    const prevF = figures('prev');
    // Six decimals: sums of fractions differ in their last bits with the order they are added in.
    const round = (v: number | null) => (v == null ? null : Math.round(v * 1e6) / 1e6);
    const kpis: Kpi[] = (Object.keys(curF) as KpiKey[]).map((key) => {
      const value = round(curF[key]);
      const previous = round(prevF[key]);
      return {
        key,
        value,
        previous,
        delta:
          value != null && previous != null && previous !== 0 ? round((value - previous) / previous) : null,
      };
    });

    const top = (metric: string) =>
      agg
        .filter((r) => r.metric === metric && num(r.cur_n) > 0)
        .sort((a, b) => num(b.cur_n) - num(a.cur_n) || a.dim.localeCompare(b.dim));
    const docs = top('cited_doc').slice(0, 10);
    const programIds = [
      ...new Set(
        agg
          .filter((r) => r.metric.startsWith('program_') && num(r.cur_n) > 0)
          .map((r) => r.dim.split(':')[0]!)
          .filter((id) => /^[0-9a-f-]{36}$/.test(id)),
      ),
    ];
    // One statement at a time: a read shares one connection.
    const titles = docs.length
      ? await tx.execute<{ id: string; title: string }>(
          sql`select id, title from kb_documents where id = any(${sql.param(docs.map((r) => r.dim))}::uuid[])`,
        )
      : [];
    const programs = programIds.length
      ? await tx.execute<{
          id: string;
          name: string;
          nodes: ProgramNodeRef[] | null;
          edges: { source: string; target: string }[] | null;
        }>(sql`
            select id, name,
              (select json_agg(json_build_object('id', n->>'id', 'type', n->>'type', 'label', n->'data'->>'label'))
                from jsonb_array_elements(program_definition->'nodes') n) as nodes,
              (select json_agg(json_build_object('source', x->>'source', 'target', x->>'target'))
                from jsonb_array_elements(program_definition->'edges') x) as edges
            from coaching_programs where id = any(${sql.param(programIds)}::uuid[])`)
      : [];
    const unanswered = await tx.execute<{ question: string; count: number; last: string }>(sql`
        select min(m.content) as question, count(*)::int as count, max(e.occurred_at) as last
        from analytics_events e join messages m on m.creator_id = e.creator_id and m.id = (e.data->>'questionId')::uuid
        where e.creator_id = ${creatorId} and e.type = 'ai_answer' and (e.data->>'noAnswer')::boolean
          and e.data ? 'questionId'
          and e.occurred_at >= (${p.from}::date::timestamp at time zone ${p.timeZone})
          and e.occurred_at < ((${p.to}::date + 1)::timestamp at time zone ${p.timeZone})
        group by lower(btrim(left(m.content, 500)))
        order by count(*) desc, max(e.occurred_at) desc limit 20`);
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));

    return {
      period: p,
      kpis,
      activeUsers: {
        dau: Math.round((num(users.cur_user_days) / periodDays(p)) * 10) / 10,
        wau: num(users.wau),
        mau: num(users.mau),
      },
      series: (rows!.series ?? []).map(
        (s): SeriesPoint => ({
          at: s.at,
          activeUsers: num(s.active),
          messagesReceived: num(s.mi),
          messagesSent: num(s.mo),
          conversations: num(s.conv),
          aiAnswers: num(s.ai),
          latencyP95Ms: s.p95 == null ? null : latencyOfBucket(Number(s.p95)),
          handoffs: num(s.handoffs),
          feedbackUp: num(s.up),
          feedbackDown: num(s.down),
          sentimentNegative: num(s.neg),
          sentimentNeutral: num(s.neu),
          sentimentPositive: num(s.pos),
          revenueCents: Math.round(num(s.revenue)),
        }),
      ),
      channels: top('messages_in').map((r) => ({ channel: r.dim, messages: num(r.cur_n) })),
      handoffReasons: top('handoff').map((r) => ({ reason: r.dim, count: num(r.cur_n) })),
      programs: programs
        .map((prog) => {
          const label = new Map((prog.nodes ?? []).map((n) => [n.id, n.label]));
          const enrolled = sum('program_enrolled', 'cur', 'n', prog.id);
          const finished = sum('program_finished', 'cur', 'n', prog.id);
          const done = new Map(
            top('program_step')
              .filter((r) => r.dim.startsWith(`${prog.id}:`))
              .map((r) => [r.dim.slice(prog.id.length + 1), num(r.cur_n)]),
          );
          // The program's steps in flow order (steps nobody completed included), then any no longer in it.
          const ordered = stepsInFlowOrder(prog.nodes ?? [], prog.edges ?? []);
          const steps = [...ordered, ...[...done.keys()].filter((id) => !ordered.includes(id))].map(
            (nodeId) => ({
              nodeId,
              completed: done.get(nodeId) ?? 0,
            }),
          );
          return {
            programId: prog.id,
            name: prog.name,
            enrolled,
            finished,
            dropped: sum('program_dropped', 'cur', 'n', prog.id),
            completionRate: ratio(finished, enrolled),
            steps: steps.map((s, i) => {
              const before = i === 0 ? enrolled : steps[i - 1]!.completed;
              return {
                nodeId: s.nodeId,
                label: label.get(s.nodeId) ?? s.nodeId,
                completed: s.completed,
                dropOff: before > 0 ? Math.max(0, (before - s.completed) / before) : null,
              };
            }),
          };
        })
        .sort((a, b) => b.enrolled - a.enrolled || a.name.localeCompare(b.name)),
      cohorts: cohortsOf(rows!.cohorts ?? []),
      topDocuments: docs.map((r) => ({
        documentId: r.dim,
        title: titleOf.get(r.dim) ?? null,
        citations: num(r.cur_n),
        followedByPositive: sum('cited_doc_positive', 'cur', 'n', r.dim),
      })),
      unansweredQuestions: unanswered.map((u) => ({
        question: u.question,
        count: num(u.count),
        lastAskedAt: new Date(u.last).toISOString(),
      })),
      currency,
      rolledUpAt: source === 'rollups' && rolledUpAt ? rolledUpAt.toISOString() : null,
    };
  }

  return {
    /** The overview of a period from the roll-ups (brought up to date first), cached until the next roll-up. */
    async overview(creatorId: string, q: AnalyticsPeriodQuery): Promise<AnalyticsOverview> {
      let status = await rollup.status(creatorId);
      if (status.pending) {
        await rollup.rollUp(creatorId);
        status = await rollup.status(creatorId);
      }
      const p = resolvePeriod(q, status.timeZone, now());
      const key = `analytics:creator_${creatorId}:overview:v${status.version}:${p.timeZone}:${p.from}:${p.to}`;
      const cached = await cache.get(key).catch(() => null);
      if (cached) return JSON.parse(cached) as AnalyticsOverview;
      const result = await db.readAsTenant(creatorId, (tx) =>
        compute(tx, creatorId, p, 'rollups', status.rolledUpAt),
      );
      await cache.set(key, JSON.stringify(result), 600).catch((err) => {
        logger.warn({ err }, 'could not cache an analytics overview');
      });
      return result;
    },

    /** The same overview computed from the raw events (no roll-ups, no cache). */
    async overviewFromEvents(creatorId: string, q: AnalyticsPeriodQuery): Promise<AnalyticsOverview> {
      return db.readAsTenant(creatorId, async (tx) => {
        const p = resolvePeriod(q, await creatorTimeZone(tx), now());
        return compute(tx, creatorId, p, 'raw', null);
      });
    },
  };
}
export type AnalyticsOverviewService = ReturnType<typeof createAnalyticsOverview>;

interface ProgramNodeRef {
  id: string;
  type: string;
  label: string | null;
}
/** Steps a client completes (questions and AI steps: what records `program_step_completed`), breadth-first from the start. */
export function stepsInFlowOrder(
  nodes: ProgramNodeRef[],
  edges: { source: string; target: string }[],
): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const typeOf = new Map(nodes.map((n) => [n.id, n.type]));
  const seen = new Set<string>();
  const queue = nodes.filter((n) => n.type === 'start').map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (typeOf.get(id) === 'question' || typeOf.get(id) === 'ai') order.push(id);
    queue.push(...(next.get(id) ?? []));
  }
  return order;
}

function cohortsOf(rows: { cohort: string; k: number; users: number }[]) {
  const byCohort = new Map<string, number[]>();
  for (const r of rows) {
    const list = byCohort.get(r.cohort) ?? [];
    list[Number(r.k)] = num(r.users);
    byCohort.set(r.cohort, list);
  }
  return [...byCohort.entries()].map(([week, counts]) => {
    const size = counts[0] ?? 0;
    const filled = Array.from({ length: counts.length }, (_, k) => counts[k] ?? 0);
    return { week, size, retention: filled.map((n) => (size ? Math.round((n / size) * 1000) / 1000 : 0)) };
  });
}
