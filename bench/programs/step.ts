// Program engine benchmark: the latency of one program step (a user's answer
// applied to their enrollment: lock, idempotency claim, interpreter, state,
// history, messages into the conversation) on PostgreSQL, with 10,000 active
// enrollments of the measured creator and 10,000 of another creator beside
// them. Baseline in the same run: the lightest tenant transaction that reads
// the same enrollment row (BEGIN, tenant setting, SELECT ... FOR UPDATE, COMMIT).
//
//   npm run bench:programs-step -w @companero/bench
//   BENCH_PROGRAMS_ENROLLMENTS=10000 BENCH_PROGRAMS_STEPS=2000 BENCH_PROGRAMS_CONCURRENCY=1,4
import { performance } from 'node:perf_hooks';
import type { ProgramDefinitionInput } from '@companero/contracts';
import { createPostgresDatabase, migrate, schema } from '@companero/db';
import { adminQuery, withDatabaseName } from '@companero/db/testing';
import { createAssistantRepository } from '@companero/server/src/modules/assistant/assistant.repository.ts';
import { createConversationsRepository } from '@companero/server/src/modules/conversations/conversations.repository.ts';
import { createEndUsersRepository } from '@companero/server/src/modules/end-users/end-users.repository.ts';
import { createProgramsRepository } from '@companero/server/src/modules/programs/programs.repository.ts';
import { createProgramsService } from '@companero/server/src/modules/programs/programs.service.ts';
import { eq } from 'drizzle-orm';
import pino from 'pino';

const int = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const settings = {
  adminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  enrollments: int('BENCH_PROGRAMS_ENROLLMENTS', 10_000),
  steps: int('BENCH_PROGRAMS_STEPS', 2_000),
  concurrency: (process.env.BENCH_PROGRAMS_CONCURRENCY ?? '1,4').split(',').map(Number),
};
const TARGET_P95_MS = 10;
const SCRATCH = 'companero_bench_programs';
const log = (m: string) => process.stderr.write(`[bench:programs-step] ${m}\n`);

const pos = (y: number) => ({ x: 0, y });
/** A daily log: question → counter → condition → back to the question (four nodes per answer). */
const definition: ProgramDefinitionInput = {
  variables: [{ name: 'count', type: 'number', default: 0 }],
  nodes: [
    { id: 'start', type: 'start', position: pos(0), data: {} },
    {
      id: 'ask',
      type: 'question',
      position: pos(100),
      data: {
        prompt: 'How many minutes did you walk today, {{user.firstName}}?',
        answerType: 'number',
        variable: 'minutes',
        min: 0,
        max: 600,
      },
    },
    {
      id: 'add',
      type: 'set',
      position: pos(200),
      data: { assignments: [{ variable: 'count', op: 'increment', value: 1 }] },
    },
    {
      id: 'ack',
      type: 'message',
      position: pos(300),
      data: { text: 'Logged {{minutes}} minutes. Day {{count}} done!' },
    },
    {
      id: 'enough',
      type: 'condition',
      position: pos(400),
      data: {
        branches: [
          {
            id: 'done',
            match: 'all',
            clauses: [{ source: 'variable', variable: 'count', op: 'gte', value: 1_000_000 }],
          },
        ],
      },
    },
    { id: 'end', type: 'end', position: pos(500), data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ask', sourceHandle: 'next' },
    { id: 'e2', source: 'ask', target: 'add', sourceHandle: 'next' },
    { id: 'e3', source: 'add', target: 'ack', sourceHandle: 'next' },
    { id: 'e4', source: 'ack', target: 'enough', sourceHandle: 'next' },
    { id: 'e5', source: 'enough', target: 'end', sourceHandle: 'branch:done' },
    { id: 'e6', source: 'enough', target: 'ask', sourceHandle: 'default' },
  ],
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const r2 = (x: number) => Math.round(x * 100) / 100;

async function seedCreator(db: Awaited<ReturnType<typeof createPostgresDatabase>>, label: string) {
  const [creator] = (
    await db.unsafeQuery<{ id: string }>(
      `insert into creators (email, display_name, password_hash) values ($1, $2, 'x') returning id`,
      [`${label}-${Date.now()}@bench.local`, label],
    )
  ).rows;
  const creatorId = creator!.id;
  const ctx = { creatorId, actor: { type: 'creator' as const, id: creatorId } } as never;
  const programs = createProgramsService({
    db,
    repo: createProgramsRepository(),
    conversations: createConversationsRepository(),
    endUsers: createEndUsersRepository(),
    alerts: createAssistantRepository(),
    queue: { enqueue: async () => null },
    pubsub: { publish: async () => undefined },
    logger: pino({ level: 'silent' }),
  });
  const program = await programs.create(ctx, {
    name: 'Walk log',
    language: 'en',
    definition: definition as never,
  });
  await programs.publish(ctx, program.id, { note: 'bench' });
  const [version] = (
    await db.unsafeQuery<{ id: string }>('select id from program_versions where program_id = $1', [
      program.id,
    ])
  ).rows;
  // Users, a conversation each, and an enrollment waiting at the question: in bulk, as the owner.
  await db.unsafeQuery(
    `with u as (
       insert into end_users (creator_id, display_name, widget_visitor_id, locale, timezone)
       select $1, 'User ' || g, 'bench-' || g, 'en', 'Europe/Madrid' from generate_series(1, $2) g
       returning id),
     c as (
       insert into conversations (creator_id, end_user_id, channel) select $1, id, 'web' from u
       returning id, end_user_id)
     insert into program_enrollments (creator_id, program_id, version_id, version, end_user_id, conversation_id,
       status, current_node_id, current_node_type, variables, progress, step_seq)
     select $1, $3, $4, 1, c.end_user_id, c.id, 'active', 'ask', 'question', '{"count": 0}', 20, 2 from c`,
    [creatorId, settings.enrollments, program.id, version!.id],
  );
  const ids = (
    await db.unsafeQuery<{ id: string }>('select id from program_enrollments where creator_id = $1', [
      creatorId,
    ])
  ).rows.map((r) => r.id);
  return { creatorId, programs, ids };
}

async function measure(concurrency: number, total: number, op: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await op(i);
        times.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  return {
    p50: r2(pct(times, 50)),
    p95: r2(pct(times, 95)),
    p99: r2(pct(times, 99)),
    perSecond: Math.round((total / wall) * 1000),
  };
}

await adminQuery(settings.adminUrl, `drop database if exists ${SCRATCH} with (force)`);
await adminQuery(settings.adminUrl, `create database ${SCRATCH}`);
const db = await createPostgresDatabase({ url: withDatabaseName(settings.adminUrl, SCRATCH), poolSize: 10 });
try {
  await migrate(db);
  log(`seeding ${settings.enrollments} enrollments for the measured creator and as many for another`);
  const main = await seedCreator(db, 'main');
  await seedCreator(db, 'other');
  await db.unsafeQuery('analyze');

  const rows: string[] = [];
  let counter = 0;
  for (const c of settings.concurrency) {
    // Warm-up (compiled program cache, connections, plans).
    await measure(c, 200, (i) =>
      main.programs.input({ creatorId: main.creatorId }, main.ids[i % main.ids.length]!, {
        text: '30',
        messageId: `w-${c}-${i}`,
      }),
    );
    const baseline = await measure(c, settings.steps, (i) =>
      db.withTenant(main.creatorId, (tx) =>
        tx
          .select({ id: schema.programEnrollments.id })
          .from(schema.programEnrollments)
          .where(eq(schema.programEnrollments.id, main.ids[(i * 7919) % main.ids.length]!))
          .for('update'),
      ),
    );
    const step = await measure(c, settings.steps, (i) => {
      counter += 1;
      // Different users each time (spread over all 10,000), so no step waits on another's lock.
      const id = main.ids[(i * 7919) % main.ids.length]!;
      return main.programs.input({ creatorId: main.creatorId }, id, {
        text: String(10 + (i % 50)),
        messageId: `m-${c}-${counter}`,
      });
    });
    rows.push(
      `| ${c} | ${baseline.p50} / ${baseline.p95} | ${step.p50} / **${step.p95}** | ${r2(step.p95 / baseline.p95)}× | ${step.perSecond} | ${step.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'} |`,
    );
    log(`concurrency ${c}: step p95 ${step.p95} ms, baseline p95 ${baseline.p95} ms`);
  }
  const [{ n }] = (
    await db.unsafeQuery<{ n: number }>(
      `select count(*)::int as n from program_enrollments where status = 'active'`,
    )
  ).rows as [{ n: number }];
  process.stdout.write(
    [
      `Program step on PostgreSQL (${n} active enrollments in the database, ${settings.enrollments} of the measured creator; ${settings.steps} steps per level; each step answers a question and runs set → message → condition → back to the question):`,
      '',
      '| concurrency | baseline tx (lock the row) p50 / p95 ms | program step p50 / p95 ms | p95 ratio | steps/s | target p95 ≤ 10 ms |',
      '|---:|---:|---:|---:|---:|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  await db.close();
  await adminQuery(settings.adminUrl, `drop database if exists ${SCRATCH} with (force)`);
}
