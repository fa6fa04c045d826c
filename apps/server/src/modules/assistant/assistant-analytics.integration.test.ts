import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { aiConfigFromEnv } from '../../platform/ai/ai-config.ts';
import { createAiGateway } from '../../platform/ai/create-ai-gateway.ts';
import { createMemoryCache } from '../../platform/cache/index.ts';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { signUpAndLogIn } from '../../testing/http.ts';
import { createAnalytics } from '../analytics/analytics.service.ts';
import { createAuditRepository } from '../audit/audit.repository.ts';
import { createAuditService } from '../audit/audit.service.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { createEndUsersRepository } from '../end-users/end-users.repository.ts';
import { createKnowledgeRepository } from '../knowledge/knowledge.repository.ts';
import { createKnowledgeSearchService } from '../knowledge/knowledge-search.service.ts';
import { createAssistantRepository } from './assistant.repository.ts';
import { createAssistantService } from './assistant.service.ts';
import { createConversationEngine } from './conversation-engine.ts';
import { createCreatorConfigCache } from './creator-config-cache.ts';
import { createProactiveRepository } from './proactive.repository.ts';
import { createProactiveService } from './proactive.service.ts';
import { createUsageRecorder } from './usage-recorder.ts';

// What the AI coach records in analytics beyond the basics: the sentiment of
// a client's message, the question an answer answers, a client's rating, a
// new playground conversation, and each proactive check-in sent.

const silent = pino({ level: 'silent' });
let t: TestApp;
let a: Awaited<ReturnType<typeof signUpAndLogIn>>;
let ctx: TenantContext;
let recorder: ReturnType<typeof createAnalytics>;
let engine: ReturnType<typeof createConversationEngine>;
let assistant: ReturnType<typeof createAssistantService>;
let proactive: ReturnType<typeof createProactiveService>;

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
  recorder = createAnalytics({ db: t.db, cache: createMemoryCache(), logger: silent });
  const repo = createAssistantRepository();
  const config = createCreatorConfigCache({ db: t.db, repo, cache: createMemoryCache(), logger: silent });
  const ai = createAiGateway(aiConfigFromEnv(t.config));
  engine = createConversationEngine({
    db: t.db,
    repo,
    search: createKnowledgeSearchService({ db: t.db, repo: createKnowledgeRepository() }),
    ai,
    pubsub: t.pubsub,
    queue: t.queue,
    audit: createAuditService({ db: t.db, repo: createAuditRepository() }),
    config,
    usage: createUsageRecorder({ db: t.db, repo, logger: silent }),
    analytics: recorder,
    logger: silent,
  });
  assistant = createAssistantService({
    db: t.db,
    repo,
    config,
    conversations: createConversationsRepository(),
    endUsers: createEndUsersRepository(),
    ai,
    audit: createAuditService({ db: t.db, repo: createAuditRepository() }),
    analytics: recorder,
  });
  proactive = createProactiveService({
    db: t.db,
    repo: createProactiveRepository(),
    assistant: repo,
    pubsub: t.pubsub,
    analytics: recorder,
    logger: silent,
  });
});
afterAll(() => t.close());

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

async function conversationWithNewClient(channel: 'web' | 'mobile', proactiveOptIn = false) {
  const user = await api('POST', '/end-users', { widgetVisitorId: `v-${randomUUID()}`, proactiveOptIn });
  const conversation = await api('POST', '/conversations', { endUserId: user.id, channel });
  return { endUserId: user.id as string, conversationId: conversation.id as string };
}

/** What `recorder` stored of one type about one end user (after writing its buffer). */
async function stored(type: string, endUserId: string) {
  await recorder.drain();
  const rows = (await t.db.readAsTenant(a.creatorId, (tx) =>
    tx.execute(
      `select data from analytics_events where type = '${type}' and end_user_id = '${endUserId}' order by occurred_at`,
    ),
  )) as unknown as { data: Record<string, unknown> }[];
  return rows.map((r) => r.data);
}

describe('assistant analytics', () => {
  it('records the client message’s sentiment, the question each answer answers, and the client’s rating', async () => {
    const { endUserId, conversationId } = await conversationWithNewClient('web');
    const first = await engine.postUserMessage(a.creatorId, conversationId, {
      content: 'I feel awful and exhausted, my training is going terribly. How much water should I drink?',
    });
    const second = await engine.postUserMessage(a.creatorId, conversationId, {
      content: 'I love this, thank you so much! How much protein per day?',
    });
    expect(await stored('message_received', endUserId)).toEqual([
      { conversationId, channel: 'web', sentiment: 'negative' },
      { conversationId, channel: 'web', sentiment: 'positive' },
    ]);
    const answers = await stored('ai_answer', endUserId);
    expect(answers.map((d) => d.questionId).sort()).toEqual([first.message.id, second.message.id].sort());
    expect(answers.every((d) => d.conversationId === conversationId)).toBe(true);

    const reply = first.reply;
    expect(reply?.role).toBe('assistant');
    await assistant.feedback(ctx, reply!.id, { rating: 'down', comment: 'Not helpful' });
    await assistant.feedback(ctx, reply!.id, { rating: 'up' }); // changed their mind
    expect(await stored('feedback', endUserId)).toEqual([
      { messageId: reply!.id, rating: 'down' },
      { messageId: reply!.id, rating: 'up' },
    ]);
    // A refused rating (the client's own message) records nothing.
    await expect(assistant.feedback(ctx, first.message.id, { rating: 'up' })).rejects.toThrow();
    expect(await stored('feedback', endUserId)).toHaveLength(2);
  });

  it('records a new playground conversation', async () => {
    const started = await assistant.startPlayground(ctx, { tags: [] });
    expect(await stored('conversation_started', started.endUserId)).toEqual([
      { conversationId: started.conversationId, channel: 'playground' },
    ]);
  });

  it('records each proactive check-in sent as a message from the assistant, on its conversation’s channel', async () => {
    const { endUserId, conversationId } = await conversationWithNewClient('mobile', true);
    await t.db.withTenant(a.creatorId, (tx) =>
      tx.execute(`update end_users set last_seen_at = now() where id = '${endUserId}'`),
    );
    await api('POST', '/assistant/proactive-rules', {
      name: 'Quiet for three days',
      trigger: { kind: 'inactivity', days: 3 },
      message: 'How is your week going?',
    });
    const inFourDays = new Date(Date.now() + 4 * 86_400_000);
    expect(await proactive.evaluateCreator(a.creatorId, inFourDays)).toBe(1);
    expect(await proactive.evaluateCreator(a.creatorId, inFourDays)).toBe(0); // once per silence
    expect(await stored('message_sent', endUserId)).toEqual([
      { conversationId, channel: 'mobile', role: 'assistant' },
    ]);
  });
});
