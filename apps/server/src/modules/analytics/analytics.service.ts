import {
  ANALYTICS_EVENT_DATA,
  ANALYTICS_EVENT_TYPES,
  type AnalyticsEventData,
  AnalyticsEventSchema,
  type AnalyticsEventType,
  type IngestEventsResult,
} from '@companero/contracts';
import { type Database, schema } from '@companero/db';
import { and, gte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.ts';

interface Row {
  type: AnalyticsEventType;
  occurredAt: Date;
  endUserId: string | null;
  data: Record<string, unknown>;
}

const HOUR_TTL = 2 * 86_400;
const DAY_TTL = 3 * 86_400;
/** Tenant-isolated counter keys: `analytics:creator_<id>:<type>:h:<UTC hour>` and `:d:<UTC day>`. */
export const counterKey = (creatorId: string, type: string, bucket: 'h' | 'd', at: Date) =>
  `analytics:creator_${creatorId}:${type}:${bucket}:${at.toISOString().slice(0, bucket === 'h' ? 13 : 10)}`;

/**
 * Recording analytics events. Server code calls `track()`: the event is
 * checked against the catalog, counted at once in the live counters (Redis
 * when configured), and written to `analytics_events` in small batches off the
 * request's path (flushed every second and on shutdown). Apps send batches to
 * `ingest()`, written before it answers; each event is validated on its own.
 * When the cache is down, counting is skipped and `live()` counts from the
 * database instead: requests never fail for analytics.
 */
export function createAnalytics(deps: {
  db: Database;
  cache: Cache;
  logger: Pick<Logger, 'warn' | 'error'>;
  flushEveryMs?: number;
  now?: () => Date;
}) {
  const { db, cache, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const pending = new Map<string, Row[]>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  function count(creatorId: string, rows: Row[]) {
    for (const r of rows)
      for (const bucket of ['h', 'd'] as const)
        cache
          .incr(counterKey(creatorId, r.type, bucket, r.occurredAt), bucket === 'h' ? HOUR_TTL : DAY_TTL)
          .catch(() => undefined); // the cache down: live() reads the database
  }

  async function write(creatorId: string, rows: Row[]) {
    if (!rows.length) return;
    // The events' hours are marked for the roll-up in the same transaction (in order: no deadlock).
    const hours = [...new Set(rows.map((r) => `${r.occurredAt.toISOString().slice(0, 13)}:00:00Z`))].sort();
    await db.withTenant(creatorId, async (tx) => {
      await tx.insert(schema.analyticsEvents).values(rows.map((r) => ({ creatorId, ...r })));
      await tx.execute(sql`
        insert into analytics_rollup_queue (creator_id, hour)
        select ${creatorId}::uuid, h from unnest(${sql.param(hours)}::timestamptz[]) h order by h
        on conflict do nothing`);
    });
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...pending.entries()];
    pending.clear();
    flushing = flushing.then(async () => {
      for (const [creatorId, rows] of batch)
        await write(creatorId, rows).catch((err) =>
          logger.error({ err, creatorId, events: rows.length }, 'could not write analytics events'),
        );
    });
    return flushing;
  }

  return {
    /** Records one event from server code (validated; an invalid one is logged and dropped, never thrown). */
    track<T extends AnalyticsEventType>(
      creatorId: string,
      type: T,
      data: AnalyticsEventData<T>,
      opts: { endUserId?: string | null; at?: Date } = {},
    ) {
      const parsed = ANALYTICS_EVENT_DATA[type].safeParse(data);
      if (!parsed.success) {
        logger.warn({ type, issues: parsed.error.issues }, 'analytics event does not match the catalog');
        return;
      }
      const row: Row = {
        type,
        occurredAt: opts.at ?? now(),
        endUserId: opts.endUserId ?? null,
        data: parsed.data as Record<string, unknown>,
      };
      count(creatorId, [row]);
      const rows = pending.get(creatorId) ?? [];
      rows.push(row);
      pending.set(creatorId, rows);
      if (rows.length >= 200) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), deps.flushEveryMs ?? 1000);
        timer.unref();
      }
    },

    /** A batch from an app: each event validated on its own; the good ones are stored before this returns. */
    async ingest(creatorId: string, events: unknown[]): Promise<IngestEventsResult> {
      const rows: Row[] = [];
      const rejected: IngestEventsResult['rejected'] = [];
      const received = now();
      events.forEach((raw, index) => {
        const parsed = AnalyticsEventSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          rejected.push({ index, path: issue.path.join('.') || '(event)', message: issue.message });
          return;
        }
        const e = parsed.data as {
          type: AnalyticsEventType;
          at?: string;
          endUserId?: string;
          data: Record<string, unknown>;
        };
        const at = e.at ? new Date(e.at) : received;
        // A device's clock is trusted within a day either way.
        const occurredAt = Math.abs(at.getTime() - received.getTime()) > 86_400_000 ? received : at;
        rows.push({ type: e.type, occurredAt, endUserId: e.endUserId ?? null, data: e.data });
      });
      await write(creatorId, rows);
      count(creatorId, rows);
      return { accepted: rows.length, rejected };
    },

    /** Counts of this UTC hour and day per event type: from the counters, or the database when the cache fails. */
    async live(creatorId: string) {
      const at = now();
      try {
        const hour: Record<string, number> = {};
        const day: Record<string, number> = {};
        for (const type of ANALYTICS_EVENT_TYPES) {
          const [h, d] = await Promise.all([
            cache.get(counterKey(creatorId, type, 'h', at)),
            cache.get(counterKey(creatorId, type, 'd', at)),
          ]);
          if (h) hour[type] = Number(h);
          if (d) day[type] = Number(d);
        }
        return { hour, day, source: 'cache' as const };
      } catch (err) {
        logger.warn({ err }, 'analytics counters unavailable: counting from the database');
        await flush();
        const dayStart = new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`);
        const hourStart = new Date(`${at.toISOString().slice(0, 13)}:00:00Z`);
        const ev = schema.analyticsEvents;
        const rows = await db.readAsTenant(creatorId, (tx) =>
          tx
            .select({
              type: ev.type,
              day: sql<number>`count(*)::int`,
              hour: sql<number>`(count(*) filter (where ${ev.occurredAt} >= ${hourStart.toISOString()}::timestamptz))::int`,
            })
            .from(ev)
            .where(and(gte(ev.occurredAt, dayStart)))
            .groupBy(ev.type),
        );
        const hour: Record<string, number> = {};
        const day: Record<string, number> = {};
        for (const r of rows) {
          day[r.type] = r.day;
          if (r.hour) hour[r.type] = r.hour;
        }
        return { hour, day, source: 'database' as const };
      }
    },

    /** Writes what is buffered (shutdown, tests). */
    drain: flush,
  };
}
export type Analytics = ReturnType<typeof createAnalytics>;
