import { randomUUID } from 'node:crypto';
import type { ProgramDefinitionInput } from '@companero/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { createMemoryCache } from '../../platform/cache/index.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';
import { createAnalytics } from '../analytics/analytics.service.ts';
import { createAssistantRepository } from '../assistant/assistant.repository.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { createEndUsersRepository } from '../end-users/end-users.repository.ts';
import { createProgramsRepository } from './programs.repository.ts';
import { createProgramsService } from './programs.service.ts';

// What programs record in analytics: enrolment (and the conversation a program
// starts), each message a step sends, steps completed, programs finished and
// programs dropped (removed by the creator, or ended by an `exited` end node).

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let ctx: TenantContext;
const analytics = () => createAnalytics({ db: t.db, cache: createMemoryCache(), logger: silent });
const silent = pino({ level: 'silent' });
let recorder: ReturnType<typeof analytics>;
let programs: ReturnType<typeof createProgramsService>;

beforeAll(async () => {
  t = await createTestApp();
  a = await signUpAndLogIn(t.app, t.mailer);
  ctx = {
    creatorId: a.creatorId,
    actor: { type: 'creator', id: a.creatorId },
    scopes: 'all',
    requestId: 'test',
    ip: '127.0.0.1',
    userAgent: null,
  };
  recorder = analytics();
  programs = createProgramsService({
    db: t.db,
    repo: createProgramsRepository(),
    conversations: createConversationsRepository(),
    endUsers: createEndUsersRepository(),
    alerts: createAssistantRepository(),
    queue: t.queue,
    pubsub: t.pubsub,
    analytics: recorder,
    logger: silent,
  });
});
afterAll(() => t.close());

const pos = (y: number) => ({ x: 0, y });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

/** Welcome → a text question → "well done" end. */
const oneQuestion: ProgramDefinitionInput = {
  nodes: [
    { id: 'start', type: 'start', position: pos(0), data: {} },
    { id: 'hello', type: 'message', position: pos(100), data: { text: 'Welcome!' } },
    {
      id: 'ask',
      type: 'question',
      position: pos(200),
      data: { prompt: 'What is your goal?', answerType: 'text', variable: 'goal' },
    },
    { id: 'done', type: 'end', position: pos(300), data: { message: 'Well done.' } },
  ],
  edges: [edge('start', 'hello'), edge('hello', 'ask'), edge('ask', 'done')],
};

/** Straight to an end node that exits (a program that turns the user away). */
const turnAway: ProgramDefinitionInput = {
  nodes: [
    { id: 'start', type: 'start', position: pos(0), data: {} },
    { id: 'out', type: 'end', position: pos(100), data: { outcome: 'exited' } },
  ],
  edges: [edge('start', 'out')],
};

async function api(method: 'POST', url: string, payload: unknown) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: a.auth,
    payload: payload as Record<string, unknown>,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

async function published(definition: ProgramDefinitionInput) {
  const created = await api('POST', '/programs', { name: 'Analytics', definition });
  await api('POST', `/programs/${created.id}/publish`, {});
  return created.id as string;
}

const newEndUser = async () =>
  (await api('POST', '/end-users', { widgetVisitorId: `v-${randomUUID()}`, displayName: 'Ana' }))
    .id as string;

/** The stored events of one type about one end user, oldest first. */
async function stored(type: string, endUserId: string) {
  await recorder.drain();
  return (await t.db.readAsTenant(a.creatorId, (tx) =>
    tx.execute(
      `select end_user_id, data from analytics_events
        where type = '${type}' and end_user_id = '${endUserId}' order by occurred_at, id`,
    ),
  )) as unknown as { end_user_id: string; data: Record<string, unknown> }[];
}
const dataOf = async (type: string, endUserId: string) => (await stored(type, endUserId)).map((r) => r.data);

describe('program analytics', () => {
  it('records enrolment, the conversation it starts, messages sent, the step completed and the finish', async () => {
    const programId = await published(oneQuestion);
    const endUserId = await newEndUser();
    const enrolled = await programs.enroll(ctx, programId, { endUserId });
    const enrollmentId = enrolled.enrollment.id;
    const conversationId = enrolled.enrollment.conversationId as string;
    expect(conversationId).toBeTruthy();

    expect(await dataOf('program_enrolled', endUserId)).toEqual([{ programId, enrollmentId }]);
    // No conversation to talk in: the program started one.
    expect(await dataOf('conversation_started', endUserId)).toEqual([{ conversationId, channel: 'web' }]);
    // The welcome and the question.
    expect(await dataOf('message_sent', endUserId)).toEqual([
      { conversationId, channel: 'web', role: 'program' },
      { conversationId, channel: 'web', role: 'program' },
    ]);
    expect(await dataOf('program_step_completed', endUserId)).toEqual([]);

    const answered = await programs.input(ctx, enrollmentId, { text: 'Run 5k', messageId: randomUUID() });
    expect(answered.enrollment.status).toBe('completed');
    expect(await dataOf('program_step_completed', endUserId)).toEqual([
      { programId, enrollmentId, nodeId: 'ask' },
    ]);
    expect(await dataOf('program_finished', endUserId)).toEqual([{ programId, enrollmentId }]);
    expect(await stored('message_sent', endUserId)).toHaveLength(3); // and "Well done."
    expect(await dataOf('program_dropped', endUserId)).toEqual([]);
    for (const type of ['program_enrolled', 'program_step_completed', 'program_finished', 'message_sent'])
      for (const row of await stored(type, endUserId)) expect(row.end_user_id).toBe(endUserId);
  });

  it('records a drop where the user was when the creator removes them, once', async () => {
    const programId = await published(oneQuestion);
    const endUserId = await newEndUser();
    const enrolled = await programs.enroll(ctx, programId, { endUserId });
    const enrollmentId = enrolled.enrollment.id;
    await programs.exit(ctx, enrollmentId);
    await programs.exit(ctx, enrollmentId); // already out: nothing new
    expect(await dataOf('program_dropped', endUserId)).toEqual([{ programId, enrollmentId, nodeId: 'ask' }]);
    expect(await dataOf('program_finished', endUserId)).toEqual([]);
  });

  it('records a drop at the end node of a program that exits, in the user’s existing conversation', async () => {
    const programId = await published(turnAway);
    const endUserId = await newEndUser();
    const conversation = await api('POST', '/conversations', { endUserId, channel: 'mobile' });
    const enrolled = await programs.enroll(ctx, programId, { endUserId, conversationId: conversation.id });
    expect(enrolled.enrollment.status).toBe('exited');
    expect(await dataOf('program_dropped', endUserId)).toEqual([
      { programId, enrollmentId: enrolled.enrollment.id, nodeId: 'out' },
    ]);
    // The conversation existed: the program started none (the api's own event for it may be there).
    for (const d of await dataOf('conversation_started', endUserId))
      expect(d.conversationId).toBe(conversation.id);
  });
});
