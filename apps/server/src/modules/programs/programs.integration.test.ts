import type { ProgramDefinitionInput } from '@companero/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';
import { createAssistantRepository } from '../assistant/assistant.repository.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { createEndUsersRepository } from '../end-users/end-users.repository.ts';
import { resumeEnrollmentJob, sweepProgramWaitsJob } from './programs.jobs.ts';
import { createProgramsRepository } from './programs.repository.ts';
import { createProgramsService } from './programs.service.ts';

// Programs as a creator and their clients use them, through the HTTP API on a
// real database: drafts, publishing, enrolment, answers arriving as
// conversation messages, retries, waits that outlive the process, duplicate
// and concurrent messages, version pinning and migration, and isolation.

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let b: Awaited<ReturnType<typeof signUpAndLogIn>>;
beforeAll(async () => {
  t = await createTestApp({}, { worker: true });
  [a, b] = await Promise.all([signUpAndLogIn(t.app, t.mailer), signUpAndLogIn(t.app, t.mailer)]);
});
afterAll(() => t.close());

const pos = (y: number, x = 0) => ({ x, y });
const edge = (source: string, target: string, sourceHandle = 'next') => ({
  id: `${source}-${sourceHandle}-${target}`.replace(/[^A-Za-z0-9_-]/g, '_'),
  source,
  target,
  sourceHandle,
});

/** Welcome → choice question (with an `invalid` way out) → per-choice messages → wait 1 day → end. */
const checkIn: ProgramDefinitionInput = {
  nodes: [
    { id: 'start', type: 'start', position: pos(0), data: {} },
    { id: 'hello', type: 'message', position: pos(100), data: { text: 'Welcome, {{user.firstName}}!' } },
    {
      id: 'mood',
      type: 'question',
      position: pos(200),
      data: {
        prompt: 'How is your energy today?',
        answerType: 'choice',
        variable: 'energy',
        choices: [
          { id: 'high', label: 'High' },
          { id: 'low', label: 'Low' },
        ],
        maxRetries: 1,
        retryMessage: 'Please pick High or Low.',
      },
    },
    { id: 'great', type: 'message', position: pos(300, -150), data: { text: 'Great: energy {{energy}}.' } },
    { id: 'rest', type: 'message', position: pos(300, 150), data: { text: 'Rest well tonight.' } },
    {
      id: 'lost',
      type: 'message',
      position: pos(300, 400),
      data: { text: 'Let’s talk about it another day.' },
    },
    { id: 'later', type: 'wait', position: pos(400), data: { mode: 'duration', amount: 1, unit: 'days' } },
    { id: 'done', type: 'end', position: pos(500), data: { message: 'Check-in complete.' } },
  ],
  edges: [
    edge('start', 'hello'),
    edge('hello', 'mood'),
    edge('mood', 'great', 'choice:high'),
    edge('mood', 'rest', 'choice:low'),
    edge('mood', 'lost', 'invalid'),
    edge('great', 'later'),
    edge('rest', 'later'),
    edge('lost', 'done'),
    edge('later', 'done'),
  ],
};

/** A question that loops back through a counter: every answer adds one. */
const counter: ProgramDefinitionInput = {
  variables: [{ name: 'count', type: 'number', default: 0 }],
  nodes: [
    { id: 'start', type: 'start', position: pos(0), data: {} },
    {
      id: 'ask',
      type: 'question',
      position: pos(100),
      data: { prompt: 'Log a glass of water (any text).', answerType: 'text', variable: 'note' },
    },
    {
      id: 'add',
      type: 'set',
      position: pos(200),
      data: { assignments: [{ variable: 'count', op: 'increment', value: 1 }] },
    },
    {
      id: 'enough',
      type: 'condition',
      position: pos(300),
      data: {
        branches: [
          {
            id: 'yes',
            match: 'all',
            clauses: [{ source: 'variable', variable: 'count', op: 'gte', value: 1000 }],
          },
        ],
      },
    },
    { id: 'end', type: 'end', position: pos(400), data: {} },
  ],
  edges: [
    edge('start', 'ask'),
    edge('ask', 'add'),
    edge('add', 'enough'),
    edge('enough', 'end', 'branch:yes'),
    edge('enough', 'ask', 'default'),
  ],
};

async function api(
  who: { auth: Record<string, string> },
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.auth,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return {
    status: res.statusCode,
    body: res.body ? res.json() : undefined,
    type: res.headers['content-type'],
  };
}

async function publishedProgram(who: typeof a, definition: ProgramDefinitionInput, name = 'Program') {
  const created = await api(who, 'POST', '/programs', { name, definition });
  expect(created.status).toBe(201);
  const published = await api(who, 'POST', `/programs/${created.body.id}/publish`, { note: 'first' });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return created.body.id as string;
}

async function newEndUser(who: typeof a, name = 'Ana García') {
  const res = await api(who, 'POST', '/end-users', {
    widgetVisitorId: `v-${Math.random()}`,
    displayName: name,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('drafts and publishing', () => {
  it('creates a blank program that is valid, autosaves with revisions and refuses a stale save', async () => {
    const created = await api(a, 'POST', '/programs', { name: 'Blank', language: 'es' });
    expect(created.status).toBe(201);
    expect(created.body.validation.valid).toBe(true);
    expect(created.body.draft.nodes.map((n: { type: string }) => n.type)).toEqual(['start', 'end']);
    const id = created.body.id;
    const saved = await api(a, 'PATCH', `/programs/${id}`, { draft: checkIn, draftRevision: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.draftRevision).toBe(2);
    expect(saved.body.draft.nodes).toHaveLength(checkIn.nodes.length);
    // Another tab still at revision 1 cannot overwrite it.
    const stale = await api(a, 'PATCH', `/programs/${id}`, { draft: counter, draftRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.type).toContain('application/problem+json');
    expect((await api(a, 'GET', `/programs/${id}`)).body.draft.nodes).toHaveLength(checkIn.nodes.length);
  });

  it('rejects a malformed definition with a field-level problem and keeps the draft', async () => {
    const created = await api(a, 'POST', '/programs', { name: 'Keep me' });
    const bad = await api(a, 'PATCH', `/programs/${created.body.id}`, {
      draftRevision: 1,
      draft: { nodes: [{ id: 'x', type: 'teleport', position: pos(0), data: {} }], edges: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).not.toContain('at ');
    expect((await api(a, 'GET', `/programs/${created.body.id}`)).body.draftRevision).toBe(1);
  });

  it('refuses to publish a program with errors, naming the node, then publishes once fixed', async () => {
    const broken = structuredClone(checkIn);
    broken.edges = broken.edges.filter((e) => e.source !== 'rest');
    const created = await api(a, 'POST', '/programs', { name: 'Broken', definition: broken });
    expect(created.body.validation.valid).toBe(false);
    const refused = await api(a, 'POST', `/programs/${created.body.id}/publish`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('PROGRAM_INVALID');
    expect(refused.body.errors.some((e: { path: string }) => e.path === 'node:rest')).toBe(true);
    expect((await api(a, 'GET', `/programs/${created.body.id}/versions`)).body).toEqual([]);

    const fixed = await api(a, 'PATCH', `/programs/${created.body.id}`, { draft: checkIn, draftRevision: 1 });
    expect(fixed.body.validation.valid).toBe(true);
    const published = await api(a, 'POST', `/programs/${created.body.id}/publish`, { note: 'Launch' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, note: 'Launch' });
    const program = await api(a, 'GET', `/programs/${created.body.id}`);
    expect(program.body).toMatchObject({
      status: 'published',
      publishedVersion: 1,
      hasUnpublishedChanges: false,
    });
  });

  it('lists ready templates in both languages and creates a valid program from one in one call', async () => {
    const templates = await api(a, 'GET', '/program-templates');
    expect(templates.status).toBe(200);
    const keys = new Set(templates.body.map((x: { key: string }) => x.key));
    expect(keys.size).toBeGreaterThanOrEqual(5);
    for (const key of keys) {
      const langs = templates.body
        .filter((x: { key: string }) => x.key === key)
        .map((x: { language: string }) => x.language);
      expect(langs.sort()).toEqual(['en', 'es']);
    }
    const first = templates.body.find((x: { language: string }) => x.language === 'es');
    const created = await api(a, 'POST', '/programs', {
      name: first.name,
      templateKey: first.key,
      language: 'es',
    });
    expect(created.status).toBe(201);
    expect(created.body.validation).toEqual({ valid: true, issues: expect.any(Array) });
    expect(created.body.templateKey).toBe(first.key);
    const unknown = await api(a, 'POST', '/programs', { name: 'x', templateKey: 'no-such-template' });
    expect(unknown.status).toBe(400);
  });

  it('simulates a draft before publishing: transcript, path and days passing in milliseconds', async () => {
    const created = await api(a, 'POST', '/programs', { name: 'Sim', definition: checkIn });
    const sim = await api(a, 'POST', `/programs/${created.body.id}/simulate`, {
      answers: ['low'],
      user: { name: 'Ana García' },
    });
    expect(sim.status).toBe(200);
    const run = sim.body.runs[0];
    expect(run.outcome).toBe('completed');
    expect(run.path).toEqual(['start', 'hello', 'mood', 'rest', 'later', 'done']);
    expect(run.transcript.map((e: { text: string }) => e.text)).toContain('Welcome, Ana!');
    expect(run.elapsedMs).toBeGreaterThanOrEqual(24 * 3600_000);
    const every = await api(a, 'POST', `/programs/${created.body.id}/simulate`, { mode: 'all_branches' });
    expect(every.body.unreachedNodeIds).toEqual([]);
    expect(every.body.runs.length).toBeGreaterThanOrEqual(3);
  });
});

describe('simulating a Spanish program', () => {
  it('speaks the program’s language to the virtual user', async () => {
    const spanish = structuredClone(checkIn);
    const mood = spanish.nodes.find((n) => n.id === 'mood') as { data: { retryMessage?: string } };
    delete mood.data.retryMessage;
    const created = await api(a, 'POST', '/programs', {
      name: 'Chequeo',
      language: 'es',
      definition: spanish,
    });
    const sim = await api(a, 'POST', `/programs/${created.body.id}/simulate`, {
      answers: ['morado', 'High'],
    });
    const texts = sim.body.runs[0].transcript.map((e: { text: string }) => e.text);
    expect(texts).toContain('Perdona, no te he entendido. Elige una de las opciones, por favor.');
  });
});

describe('the engine, through conversations', () => {
  it('asks, takes the answer from a conversation message, branches, retries and waits', async () => {
    const programId = await publishedProgram(a, checkIn, 'Daily check-in');
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.outputs.map((o: { text: string }) => o.text)).toEqual([
      'Welcome, Ana!',
      'How is your energy today?',
    ]);
    expect(enrolled.body.outputs[1].quickReplies.map((q: { label: string }) => q.label)).toEqual([
      'High',
      'Low',
    ]);
    const { conversationId, id: enrollmentId } = enrolled.body.enrollment;
    expect(enrolled.body.enrollment).toMatchObject({ status: 'active', currentNodeId: 'mood', version: 1 });

    // The program's messages are in the conversation, with their quick replies.
    const transcript = await api(a, 'GET', `/conversations/${conversationId}/messages`);
    const programMessages = (transcript.body.items ?? transcript.body).filter(
      (m: { meta: { program?: unknown } }) => m.meta.program,
    );
    expect(programMessages.map((m: { content: string }) => m.content)).toEqual([
      'Welcome, Ana!',
      'How is your energy today?',
    ]);

    // Not an option: the retry message, then the question again.
    const wrong = await api(a, 'POST', `/conversations/${conversationId}/messages`, { content: 'purple' });
    expect(wrong.status).toBe(201);
    expect(wrong.body.programMessages.map((m: { content: string }) => m.content)).toEqual([
      'Please pick High or Low.',
      'How is your energy today?',
    ]);
    // A real answer, written loosely: the program moves on and waits a day.
    const answer = await api(a, 'POST', `/conversations/${conversationId}/messages`, { content: '  high ' });
    expect(answer.body.reply.content).toBe('Great: energy High.');
    const state = await api(a, 'GET', `/enrollments/${enrollmentId}`);
    expect(state.body).toMatchObject({
      status: 'waiting',
      currentNodeId: 'later',
      variables: { energy: 'High' },
    });
    const resumeIn = new Date(state.body.resumeAt).getTime() - Date.now();
    expect(resumeIn).toBeGreaterThan(23 * 3600_000);
    expect(resumeIn).toBeLessThanOrEqual(24 * 3600_000);
    expect(state.body.steps.filter((s: { kind: string }) => s.kind === 'invalid_answer')).toHaveLength(1);

    // While it waits, the user's messages go to the AI coach as usual.
    const chat = await api(a, 'POST', `/conversations/${conversationId}/messages`, {
      content: 'hello there',
    });
    expect(chat.body.programMessages).toBeUndefined();
    expect(chat.body.reply.meta.model).not.toBe('program');
  });

  it('lets the AI coach talk during an ai step, then moves on; a handoff step hands the conversation over', async () => {
    const coached: ProgramDefinitionInput = {
      nodes: [
        { id: 'start', type: 'start', position: pos(0), data: {} },
        {
          id: 'talk',
          type: 'ai',
          position: pos(100),
          data: {
            goal: 'Help the client name one obstacle to sleeping early',
            opening: 'What gets in the way of going to bed early?',
            exit: { maxTurns: 3, keywords: ['done'] },
            variable: 'obstacle',
          },
        },
        { id: 'thanks', type: 'message', position: pos(200), data: { text: 'Noted: {{obstacle}}.' } },
        { id: 'human', type: 'handoff', position: pos(300), data: { reason: 'Review the sleep plan' } },
        { id: 'end', type: 'end', position: pos(400), data: {} },
      ],
      edges: [edge('start', 'talk'), edge('talk', 'thanks'), edge('thanks', 'human'), edge('human', 'end')],
    };
    const programId = await publishedProgram(a, coached, 'Sleep talk');
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, {
      endUserId: await newEndUser(a),
    });
    expect(enrolled.body.outputs.map((o: { text: string }) => o.text)).toEqual([
      'What gets in the way of going to bed early?',
    ]);
    const conversationId = enrolled.body.enrollment.conversationId;
    // A turn of the ai step: the AI coach answers (offline here), the program stays on the step.
    const turn = await api(a, 'POST', `/conversations/${conversationId}/messages`, {
      content: 'My phone keeps me up',
    });
    expect(turn.body.programMessages).toBeUndefined();
    expect(turn.body.reply.meta.model).toBe('offline');
    const during = await api(a, 'GET', `/enrollments/${enrolled.body.enrollment.id}`);
    expect(during.body).toMatchObject({ status: 'active', currentNodeId: 'talk' });
    // The exit keyword ends the step; the program goes on and hands the conversation to the creator.
    const exit = await api(a, 'POST', `/conversations/${conversationId}/messages`, { content: 'ok, done' });
    expect(exit.body.programMessages.map((m: { content: string }) => m.content)).toEqual([
      'Noted: ok, done.',
    ]);
    const after = await api(a, 'GET', `/enrollments/${enrolled.body.enrollment.id}`);
    expect(after.body.status).toBe('completed');
    expect((await api(a, 'GET', `/conversations/${conversationId}`)).body.status).toBe('human');
    const alerts = await api(a, 'GET', '/assistant/alerts');
    expect(
      alerts.body.items.some(
        (x: { kind: string; excerpt: string; conversationId: string }) =>
          x.kind === 'handoff_request' &&
          x.conversationId === conversationId &&
          x.excerpt.includes('sleep plan'),
      ),
    ).toBe(true);
    // With a human in charge, the AI stays quiet.
    const quiet = await api(a, 'POST', `/conversations/${conversationId}/messages`, { content: 'hello?' });
    expect(quiet.body.reply).toBeNull();
  });

  it('takes the invalid branch after the retries are used up', async () => {
    const programId = await publishedProgram(a, checkIn);
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    const id = enrolled.body.enrollment.id;
    await api(a, 'POST', `/enrollments/${id}/input`, { text: 'maybe', messageId: 'm1' });
    const second = await api(a, 'POST', `/enrollments/${id}/input`, { text: 'dunno', messageId: 'm2' });
    expect(second.body.outputs.map((o: { text: string }) => o.text)).toEqual([
      'Let’s talk about it another day.',
      'Check-in complete.',
    ]);
    expect(second.body.enrollment).toMatchObject({ status: 'completed', progress: 100, currentNodeId: null });
  });

  it('applies a redelivered message once, and serialises concurrent messages without losing any', async () => {
    const programId = await publishedProgram(a, counter, 'Water log');
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    const id = enrolled.body.enrollment.id;
    const once = await api(a, 'POST', `/enrollments/${id}/input`, { text: 'glass', messageId: 'wamid.1' });
    const again = await api(a, 'POST', `/enrollments/${id}/input`, { text: 'glass', messageId: 'wamid.1' });
    expect(once.body.applied).toBe(true);
    expect(again.body.applied).toBe(false);
    expect(again.body.enrollment.variables.count).toBe(1);

    // 12 different messages at once, each sent twice: exactly 12 more steps.
    const sends = Array.from({ length: 12 }, (_, i) => ({ text: `glass ${i}`, messageId: `burst-${i}` }));
    const results = await Promise.all(
      [...sends, ...sends].map((body) => api(a, 'POST', `/enrollments/${id}/input`, body)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.applied)).toHaveLength(12);
    const state = await api(a, 'GET', `/enrollments/${id}`);
    expect(state.body.variables.count).toBe(13);
    expect(state.body.steps.filter((s: { kind: string }) => s.kind === 'answered')).toHaveLength(13);
  });

  it('resumes a wait after a restart, from the database, and only when it is due', async () => {
    const waitOnly: ProgramDefinitionInput = {
      nodes: [
        { id: 'start', type: 'start', position: pos(0), data: {} },
        {
          id: 'pause',
          type: 'wait',
          position: pos(100),
          data: { mode: 'duration', amount: 2, unit: 'hours' },
        },
        { id: 'bye', type: 'end', position: pos(200), data: { message: 'Two hours later: well done.' } },
      ],
      edges: [edge('start', 'pause'), edge('pause', 'bye')],
    };
    const programId = await publishedProgram(a, waitOnly);
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    const id = enrolled.body.enrollment.id;
    expect(enrolled.body.enrollment.status).toBe('waiting');

    // A new process (a fresh service, nothing in memory) whose clock is 1 hour on: not due.
    const later = (ms: number) =>
      createProgramsService({
        db: t.db,
        repo: createProgramsRepository(),
        conversations: createConversationsRepository(),
        endUsers: createEndUsersRepository(),
        alerts: createAssistantRepository(),
        queue: t.queue,
        pubsub: t.pubsub,
        logger: pino({ level: 'silent' }),
        now: () => new Date(Date.now() + ms),
      });
    expect(await later(3600_000).resume(a.creatorId, id)).toBe(false);
    expect((await api(a, 'GET', `/enrollments/${id}`)).body.status).toBe('waiting');
    // Three hours on, the sweeper finds it and finishes it, once.
    const restarted = later(3 * 3600_000);
    expect(await restarted.resumeDue()).toBeGreaterThanOrEqual(1);
    expect(await restarted.resume(a.creatorId, id)).toBe(false);
    const done = await api(a, 'GET', `/enrollments/${id}`);
    expect(done.body).toMatchObject({ status: 'completed', progress: 100 });
    expect(done.body.steps.filter((s: { kind: string }) => s.kind === 'resumed')).toHaveLength(1);
    const messages = await api(a, 'GET', `/conversations/${done.body.conversationId}/messages`);
    expect(JSON.stringify(messages.body)).toContain('Two hours later: well done.');
  });

  it('resumes waits through the worker: the resume job, and the sweeper for a wait whose job was lost', async () => {
    const waitOnly: ProgramDefinitionInput = {
      nodes: [
        { id: 'start', type: 'start', position: pos(0), data: {} },
        {
          id: 'pause',
          type: 'wait',
          position: pos(100),
          data: { mode: 'duration', amount: 1, unit: 'days' },
        },
        { id: 'bye', type: 'end', position: pos(200), data: { message: 'A day later.' } },
      ],
      edges: [edge('start', 'pause'), edge('pause', 'bye')],
    };
    const programId = await publishedProgram(a, waitOnly);
    const [first, second] = await Promise.all(
      ['Job', 'Sweep'].map(
        async (name) =>
          (
            await api(a, 'POST', `/programs/${programId}/enrollments`, {
              endUserId: await newEndUser(a, name),
            })
          ).body.enrollment.id as string,
      ),
    );
    // Time passes (the database says the wait is over); one gets its job, the other only the sweeper.
    await t.db.unsafeQuery(
      `update program_enrollments set resume_at = now() - interval '1 minute' where id = any($1::uuid[])`,
      [[first, second]],
    );
    await t.queue.enqueue(resumeEnrollmentJob, {
      creatorId: a.creatorId,
      enrollmentId: first!,
      resumeAt: 'test',
    });
    await eventually(async () => {
      expect((await api(a, 'GET', `/enrollments/${first}`)).body.status).toBe('completed');
    }, 15_000);
    expect((await api(a, 'GET', `/enrollments/${second}`)).body.status).toBe('waiting');
    await t.queue.enqueue(
      sweepProgramWaitsJob,
      { bucket: `test-${Date.now()}` },
      { singletonKey: `test-${Date.now()}` },
    );
    await eventually(async () => {
      expect((await api(a, 'GET', `/enrollments/${second}`)).body.status).toBe('completed');
    }, 15_000);
  });

  it('keeps enrolled users on their version and migrates them with a mapping for moved steps', async () => {
    const programId = await publishedProgram(a, checkIn, 'Versioned');
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    const id = enrolled.body.enrollment.id;

    // Version 2 renames the question and its prompt.
    const v2 = JSON.parse(
      JSON.stringify(checkIn).replaceAll('"mood"', '"energy_q"'),
    ) as ProgramDefinitionInput;
    const q = v2.nodes.find((n) => n.id === 'energy_q') as { data: { prompt: string } };
    q.data.prompt = 'Energy check: how are you?';
    const program = await api(a, 'GET', `/programs/${programId}`);
    await api(a, 'PATCH', `/programs/${programId}`, { draft: v2, draftRevision: program.body.draftRevision });
    expect((await api(a, 'POST', `/programs/${programId}/publish`, { note: 'v2' })).body.version).toBe(2);

    // Still on version 1: a wrong answer re-asks version 1's question.
    const retry = await api(a, 'POST', `/enrollments/${id}/input`, { text: 'blue', messageId: 'r1' });
    expect(retry.body.enrollment.version).toBe(1);
    expect(retry.body.outputs.at(-1).text).toBe('How is your energy today?');

    const unmapped = await api(a, 'POST', `/programs/${programId}/enrollments/migrate`, { fromVersion: 1 });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.detail).toContain('mood');
    const migrated = await api(a, 'POST', `/programs/${programId}/enrollments/migrate`, {
      fromVersion: 1,
      nodeMapping: { mood: 'energy_q' },
    });
    expect(migrated.body).toEqual({ migrated: 1, toVersion: 2 });
    const after = await api(a, 'POST', `/enrollments/${id}/input`, { text: 'low', messageId: 'r2' });
    expect(after.body.enrollment).toMatchObject({ version: 2, currentNodeId: 'later' });
    const versions = await api(a, 'GET', `/programs/${programId}/versions`);
    expect(
      versions.body.map((v: { version: number; enrollments: number }) => [v.version, v.enrollments]),
    ).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });

  it('reports who is where: status counts, completion rate and the funnel', async () => {
    const programId = await publishedProgram(a, checkIn, 'Funnel');
    const ids: string[] = [];
    for (const name of ['Uno', 'Dos', 'Tres']) {
      const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, {
        endUserId: await newEndUser(a, name),
      });
      ids.push(enrolled.body.enrollment.id);
    }
    await api(a, 'POST', `/enrollments/${ids[0]}/input`, { text: 'High', messageId: 'x' });
    await api(a, 'POST', `/enrollments/${ids[1]}/exit`);
    const stats = await api(a, 'GET', `/programs/${programId}/stats`);
    expect(stats.body).toMatchObject({ enrolled: 3, active: 1, waiting: 1, exited: 1, completed: 0 });
    const funnel = Object.fromEntries(
      stats.body.funnel.map((f: { nodeId: string; reached: number; current: number }) => [f.nodeId, f]),
    );
    expect(funnel.hello.reached).toBe(3);
    expect(funnel.mood).toMatchObject({ reached: 3, current: 1, droppedOff: 1 });
    expect(funnel.great.reached).toBe(1);
    expect(funnel.later.current).toBe(1);
    const waiting = await api(a, 'GET', `/programs/${programId}/enrollments?status=waiting`);
    expect(waiting.body.items.map((e: { endUserName: string }) => e.endUserName)).toEqual(['Uno']);
  });
});

describe('isolation between creators', () => {
  it('hides one creator’s programs, versions and enrollments from another (404, never 403)', async () => {
    const programId = await publishedProgram(a, checkIn, 'Private');
    const endUserId = await newEndUser(a);
    const enrolled = await api(a, 'POST', `/programs/${programId}/enrollments`, { endUserId });
    const enrollmentId = enrolled.body.enrollment.id;
    for (const [method, url] of [
      ['GET', `/programs/${programId}`],
      ['GET', `/programs/${programId}/versions/1`],
      ['GET', `/programs/${programId}/stats`],
      ['GET', `/enrollments/${enrollmentId}`],
      ['POST', `/enrollments/${enrollmentId}/exit`],
    ] as const)
      expect((await api(b, method, url)).status, url).toBe(404);
    const input = await api(b, 'POST', `/enrollments/${enrollmentId}/input`, {
      text: 'High',
      messageId: 'b1',
    });
    expect(input.status).toBe(404);
    expect((await api(b, 'GET', '/programs')).body.items).toEqual([]);
    // B's own program cannot enroll A's end user.
    const bProgram = await publishedProgram(b, checkIn);
    const cross = await api(b, 'POST', `/programs/${bProgram}/enrollments`, { endUserId });
    expect(cross.status).toBe(400);
    expect((await api(a, 'GET', `/enrollments/${enrollmentId}`)).body.status).toBe('active');
  });
});
