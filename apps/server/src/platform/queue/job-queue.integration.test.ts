import { randomBytes } from 'node:crypto';
import { createPgliteDatabase, createPostgresDatabase, type Database, migrate } from '@companero/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createJobQueue, type QueueDatabase } from './create-job-queue.ts';
import { defineJob } from './define-job.ts';
import type { JobMeta, JobQueue } from './job-queue.ts';
import { createPgBossExecutor } from './pg-boss-executor.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 50 });

interface QueueTarget {
  /** A fresh, empty database: the queue's (`database`) and a handle to inspect it (`db`, one connection). */
  open(): Promise<{ database: QueueDatabase; db: Database; close(): Promise<void> }>;
}

const pgliteTarget: QueueTarget = {
  async open() {
    const db = await createPgliteDatabase({});
    return { database: { kind: 'pglite', db }, db, close: () => db.close() };
  },
};

/** A scratch database per call on the test server, dropped on close (other test files use their own). */
function postgresTarget(serverUrl: string): QueueTarget {
  return {
    async open() {
      const name = `queue_test_${randomBytes(6).toString('hex')}`;
      const admin = await createPostgresDatabase({ url: serverUrl, poolSize: 1 });
      // The name is hex digits generated above, never input.
      await admin.unsafeExec(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const db = await createPostgresDatabase({ url: url.toString(), poolSize: 1 });
      return {
        database: { kind: 'postgres', url: url.toString(), poolSize: 3 },
        db,
        async close() {
          await db.close();
          await admin.unsafeExec(`drop database if exists ${name} with (force)`);
          await admin.close();
        },
      };
    },
  };
}

let jobCounter = 0;
/** A job kind of its own per test, so tests sharing a database never see each other's jobs. */
const nextJobName = () => `test.job-${++jobCounter}`;
const TestPayload = z.object({ creatorId: z.uuid(), text: z.string() });
function testJob({ retryLimit = 0 }: { retryLimit?: number } = {}) {
  return defineJob({
    name: nextJobName(),
    payload: TestPayload,
    retryLimit,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 60,
  });
}
const creatorId = '0b8e7a52-3c1d-4e2f-9a6b-5d4c3b2a1f00';

async function jobRow(db: Database, id: string) {
  const { rows } = await db.unsafeQuery<{ state: string; retry_count: number }>(
    'select state, retry_count from pgboss.job where id = $1',
    [id],
  );
  return rows[0];
}

/** One behaviour whatever database holds the queue. */
function jobQueueContract(name: string, target: QueueTarget) {
  describe(`JobQueue contract: pg-boss on ${name}`, () => {
    let env: Awaited<ReturnType<QueueTarget['open']>>;
    const queues: JobQueue[] = [];
    const errors: unknown[] = [];

    /** A started queue on the suite's database, polling fast, stopped after the suite. */
    async function startQueue(database: QueueDatabase = env.database): Promise<JobQueue> {
      const queue = await createJobQueue({
        database,
        pollingIntervalSeconds: 0.5,
        stopTimeoutMs: 2000,
        onError: (err) => errors.push(err),
      });
      queues.push(queue);
      await queue.start();
      return queue;
    }

    const listTables = async () =>
      (
        await env.db.unsafeQuery<{ name: string }>(
          `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`,
        )
      ).rows.map((r) => r.name);
    let appTables: string[];

    beforeAll(async () => {
      env = await target.open();
      // The queue lives next to the application's tables, as in production.
      await migrate(env.db);
      appTables = await listTables();
    });
    afterAll(async () => {
      for (const queue of queues) await queue.stop();
      await env.close();
    });

    it('runs the handler of an enqueued job with its payload', async () => {
      const queue = await startQueue();
      const job = testJob();
      const runs: { payload: unknown; meta: JobMeta }[] = [];
      await queue.work(job, async (payload, meta) => {
        runs.push({ payload, meta });
      });
      const id = await queue.enqueue(job, { creatorId, text: 'hola' });
      expect(id).toEqual(expect.any(String));
      await waitFor(() => expect(runs).toHaveLength(1));
      expect(runs[0]).toEqual({ payload: { creatorId, text: 'hola' }, meta: { id, attempt: 1 } });
      await waitFor(async () => expect((await jobRow(env.db, id as string))?.state).toBe('completed'));
    });

    it('keeps every queue table in the pgboss schema', async () => {
      await startQueue();
      const added = (await listTables()).filter((t) => !appTables.includes(t));
      expect(added.length).toBeGreaterThan(0);
      expect(added.filter((t) => !t.startsWith('pgboss.'))).toEqual([]);
    });

    it('keeps jobs out of reach of the tenant role', async () => {
      const queue = await startQueue();
      await queue.enqueue(testJob(), { creatorId, text: 'private' });
      await expect(
        env.db.withTenant(creatorId, (tx) => tx.execute(sql`select count(*) from pgboss.job`)),
      ).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/permission denied for schema pgboss/) },
      });
    });

    it('rejects an invalid payload on enqueue and stores nothing', async () => {
      const queue = await startQueue();
      const job = testJob();
      // @ts-expect-error the type checker refuses this payload too
      await expect(queue.enqueue(job, { creatorId: 'not-a-uuid' })).rejects.toThrow(
        /Invalid payload for job test\.job-\d+/,
      );
      const { rows } = await env.db.unsafeQuery<{ n: number }>(
        'select count(*)::int as n from pgboss.job where name = $1',
        [job.name],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('validates the payload again in the worker and fails a job whose payload no longer matches', async () => {
      const queue = await startQueue();
      const lax = defineJob({ ...testJob(), name: nextJobName(), payload: z.object({ text: z.string() }) });
      const strict = defineJob({ ...lax, payload: z.object({ text: z.string().min(10) }) });
      const id = (await queue.enqueue(lax, { text: 'short' })) as string;
      const handler = vi.fn(async () => {});
      await queue.work(strict, handler);
      await waitFor(async () => expect((await jobRow(env.db, id))?.state).toBe('failed'));
      expect(handler).not.toHaveBeenCalled();
    });

    it('retries a throwing handler retryLimit times, then leaves the job failed', async () => {
      const queue = await startQueue();
      const job = testJob({ retryLimit: 2 });
      const attempts: number[] = [];
      await queue.work(job, async (_payload, meta) => {
        attempts.push(meta.attempt);
        throw new Error(`attempt ${meta.attempt} failed`);
      });
      const id = (await queue.enqueue(job, { creatorId, text: 'x' })) as string;
      await waitFor(async () =>
        expect(await jobRow(env.db, id)).toEqual({ state: 'failed', retry_count: 2 }),
      );
      expect(attempts).toEqual([1, 2, 3]);
      expect(errors).toContainEqual(expect.objectContaining({ message: 'attempt 3 failed' }));
    });

    it('does not start a job before startAfter', async () => {
      const queue = await startQueue();
      const job = testJob();
      const ranAt: number[] = [];
      await queue.work(job, async () => {
        ranAt.push(Date.now());
      });
      const enqueuedAt = Date.now();
      await queue.enqueue(job, { creatorId, text: 'later' }, { startAfter: new Date(enqueuedAt + 1500) });
      await sleep(1000);
      expect(ranAt).toEqual([]);
      await waitFor(() => expect(ranAt).toHaveLength(1));
      expect((ranAt[0] ?? 0) - enqueuedAt).toBeGreaterThanOrEqual(1400);
    });

    it('enqueues a job once per singletonKey', async () => {
      const queue = await startQueue();
      const job = testJob();
      const first = await queue.enqueue(job, { creatorId, text: 'a' }, { singletonKey: 'doc-1:v1' });
      const duplicate = await queue.enqueue(
        job,
        { creatorId, text: 'a again' },
        { singletonKey: 'doc-1:v1' },
      );
      const other = await queue.enqueue(job, { creatorId, text: 'b' }, { singletonKey: 'doc-1:v2' });
      expect(first).toEqual(expect.any(String));
      expect(duplicate).toBeNull();
      expect(other).toEqual(expect.any(String));
      expect(other).not.toBe(first);

      const texts: string[] = [];
      await queue.work(job, async ({ text }) => {
        texts.push(text);
      });
      await waitFor(() => expect(texts.sort()).toEqual(['a', 'b']));
      // Still once after it ran (the key is kept until the job is archived).
      expect(
        await queue.enqueue(job, { creatorId, text: 'a later' }, { singletonKey: 'doc-1:v1' }),
      ).toBeNull();
      await sleep(700);
      expect(texts).toHaveLength(2);
    });

    it('keeps jobs across a restart: a new queue on the same database runs them', async () => {
      const job = testJob();
      const before = await startQueue();
      const id = await before.enqueue(job, { creatorId, text: 'survives' });
      await before.stop();

      const after = await startQueue();
      const runs: { text: string; id: string }[] = [];
      await after.work(job, async ({ text }, meta) => {
        runs.push({ text, id: meta.id });
      });
      await waitFor(() => expect(runs).toEqual([{ text: 'survives', id }]));
    });

    it('runs up to `concurrency` jobs at once', async () => {
      const queue = await startQueue();
      const job = testJob();
      let running = 0;
      let maxRunning = 0;
      let done = 0;
      await queue.work(
        job,
        async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(600);
          running -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      for (const text of ['1', '2', '3', '4']) await queue.enqueue(job, { creatorId, text });
      await waitFor(() => expect(done).toBe(4));
      expect(maxRunning).toBe(3);
    });

    it('drains a backlog without waiting a polling interval between jobs', async () => {
      const queue = await createJobQueue({ database: env.database, pollingIntervalSeconds: 2 });
      queues.push(queue);
      await queue.start();
      const job = testJob();
      for (let i = 0; i < 10; i++) await queue.enqueue(job, { creatorId, text: String(i) });
      let done = 0;
      const startedAt = Date.now();
      await queue.work(job, async () => {
        done += 1;
      });
      await waitFor(() => expect(done).toBe(10));
      // One job per polling interval would take 18 s or more.
      expect(Date.now() - startedAt).toBeLessThan(5000);
    });

    it('refuses enqueue and work before start and after stop', async () => {
      const queue = await createJobQueue({ database: env.database, pollingIntervalSeconds: 0.5 });
      const job = testJob();
      await expect(queue.enqueue(job, { creatorId, text: 'x' })).rejects.toThrow(/start\(\)/);
      await queue.start();
      await queue.stop();
      await expect(queue.enqueue(job, { creatorId, text: 'x' })).rejects.toThrow(/after stop\(\)/);
      await expect(queue.work(job, async () => {})).rejects.toThrow(/after stop\(\)/);
    });

    it('lets an api and a worker queue start at once on a new database and share jobs', async () => {
      const fresh = await target.open();
      try {
        const [api, worker] = await Promise.all([startQueue(fresh.database), startQueue(fresh.database)]);
        const job = testJob();
        const texts: string[] = [];
        await worker.work(job, async ({ text }) => {
          texts.push(text);
        });
        await api.enqueue(job, { creatorId, text: 'from api' });
        await waitFor(() => expect(texts).toEqual(['from api']));
        await Promise.all([api.stop(), worker.stop()]);
        // The install race ends in a failed statement inside pg-boss; the session must still work.
        expect((await fresh.db.unsafeQuery('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
      } finally {
        await fresh.close();
      }
    });

    it("leaves the session usable when one of pg-boss's BEGIN ... COMMIT blocks fails", async () => {
      // `env.db` holds a single session (PGlite, or a pool of one connection).
      const executor = createPgBossExecutor(env.db);
      await expect(
        executor.executeSql(
          'BEGIN; SET LOCAL lock_timeout = 1000; create table queue_scratch (x int); select 1/0; COMMIT;',
        ),
      ).rejects.toThrow(/division by zero/);
      expect((await env.db.unsafeQuery('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
      expect((await env.db.unsafeQuery("select to_regclass('queue_scratch') as t")).rows).toEqual([
        { t: null },
      ]);
    });
  });
}

describe('defineJob', () => {
  it('refuses names and settings pg-boss or the catalog would reject', () => {
    const base = {
      payload: z.object({}),
      retryLimit: 1,
      retryDelaySeconds: 1,
      retryBackoff: false,
      expireInSeconds: 60,
    };
    expect(() => defineJob({ ...base, name: 'mail.send-email' })).not.toThrow();
    expect(() => defineJob({ ...base, name: 'SendEmail' })).toThrow(/<module>\.<verb-noun>/);
    expect(() => defineJob({ ...base, name: 'mail.send-email', retryLimit: -1 })).toThrow(/retryLimit/);
    expect(() => defineJob({ ...base, name: 'mail.send-email', expireInSeconds: 86_400 })).toThrow(
      /expireInSeconds/,
    );
  });
});

jobQueueContract('PGlite', pgliteTarget);
describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL', () => {
  jobQueueContract('PostgreSQL', postgresTarget(TEST_DATABASE_URL as string));
});
