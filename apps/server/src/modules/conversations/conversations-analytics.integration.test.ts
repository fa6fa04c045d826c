import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { createMemoryCache } from '../../platform/cache/index.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';
import { createAnalytics } from '../analytics/analytics.service.ts';
import { createAssistantRepository } from '../assistant/assistant.repository.ts';
import { createEndUsersRepository } from '../end-users/end-users.repository.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import { createConversationsService } from './conversations.service.ts';

// What conversations record in analytics: each conversation created through
// the API (apps), and each message the creator writes from the inbox — once,
// however often the same message is retried.

let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let ctx: TenantContext;
let recorder: ReturnType<typeof createAnalytics>;
let conversations: ReturnType<typeof createConversationsService>;

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
  recorder = createAnalytics({ db: t.db, cache: createMemoryCache(), logger: pino({ level: 'silent' }) });
  conversations = createConversationsService({
    db: t.db,
    repo: createConversationsRepository(),
    endUsers: createEndUsersRepository(),
    feedback: createAssistantRepository(),
    analytics: recorder,
  });
});
afterAll(() => t.close());

async function newEndUser() {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/end-users',
    headers: a.auth,
    payload: { widgetVisitorId: `v-${randomUUID()}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function stored(type: string, endUserId: string) {
  await recorder.drain();
  const rows = (await t.db.readAsTenant(a.creatorId, (tx) =>
    tx.execute(
      `select data from analytics_events where type = '${type}' and end_user_id = '${endUserId}' order by occurred_at`,
    ),
  )) as unknown as { data: Record<string, unknown> }[];
  return rows.map((r) => r.data);
}

describe('conversation analytics', () => {
  it('records a new conversation with its channel, and each message the creator sends once', async () => {
    const endUserId = await newEndUser();
    const conversation = await conversations.create(ctx, { endUserId, channel: 'mobile' });
    expect(await stored('conversation_started', endUserId)).toEqual([
      { conversationId: conversation.id, channel: 'mobile' },
    ]);

    const clientMessageId = randomUUID();
    await conversations.postCreatorMessage(ctx, conversation.id, {
      content: 'Hi, it’s me!',
      clientMessageId,
    });
    await conversations.postCreatorMessage(ctx, conversation.id, {
      content: 'Hi, it’s me!',
      clientMessageId,
    });
    await conversations.postCreatorMessage(ctx, conversation.id, { content: 'How are you?' });
    expect(await stored('message_sent', endUserId)).toEqual([
      { conversationId: conversation.id, channel: 'mobile', role: 'creator' },
      { conversationId: conversation.id, channel: 'mobile', role: 'creator' },
    ]);
  });

  it('records nothing when the conversation cannot be created', async () => {
    const stranger = randomUUID();
    await expect(conversations.create(ctx, { endUserId: stranger, channel: 'web' })).rejects.toThrow();
    expect(await stored('conversation_started', stranger)).toEqual([]);
  });
});
