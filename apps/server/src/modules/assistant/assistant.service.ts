import type {
  AiSettings,
  Alert,
  AssistantStatus,
  Correction,
  Memory,
  UpdatePersonalityBody,
} from '@companero/contracts';
import type { Database } from '@companero/db';
import { decodeCursor, toPage } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import type { AiGateway } from '../../platform/ai/ai-gateway.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ConversationsRepository } from '../conversations/conversations.repository.ts';
import type { EndUsersRepository } from '../end-users/end-users.repository.ts';
import type {
  AiSettingsRow,
  AlertRow,
  AssistantRepository,
  CorrectionRow,
  MemoryRow,
} from './assistant.repository.ts';
import type { CreatorConfigCache } from './creator-config-cache.ts';
import { toMessageWithMeta } from './message-view.ts';
import { toPersonality } from './voice.ts';

const toMemory = (r: MemoryRow): Memory => ({
  id: r.id,
  endUserId: r.endUserId,
  kind: r.kind,
  key: r.key,
  content: r.content,
  source: r.source,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toCorrection = (r: CorrectionRow): Correction => ({
  id: r.id,
  question: r.question,
  answer: r.answer,
  messageId: r.messageId,
  uses: r.uses,
  createdAt: r.createdAt.toISOString(),
});

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  kind: r.kind,
  conversationId: r.conversationId,
  endUserId: r.endUserId,
  messageId: r.messageId,
  excerpt: r.excerpt,
  createdAt: r.createdAt.toISOString(),
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
});

const toAiSettings = (r: AiSettingsRow | undefined): AiSettings => ({
  chatModel: r?.chatModel ?? null,
  summariseModel: r?.summariseModel ?? null,
  classifyModel: r?.classifyModel ?? null,
  fallbackModel: r?.fallbackModel ?? null,
  monthlyTokenBudget: r?.monthlyTokenBudget ?? null,
  handoffOnCrisis: r?.handoffOnCrisis ?? true,
  quietHoursStart: r?.quietHoursStart ?? null,
  quietHoursEnd: r?.quietHoursEnd ?? null,
  maxProactivePerWeek: r?.maxProactivePerWeek ?? 3,
  defaultTimezone: r?.defaultTimezone ?? 'UTC',
  updatedAt: r?.updatedAt.toISOString() ?? null,
});

/** Settings, memory, feedback, corrections and alerts of the AI coach. */
export function createAssistantService(deps: {
  db: Database;
  repo: AssistantRepository;
  conversations: Pick<ConversationsRepository, 'find' | 'insert'>;
  endUsers: Pick<EndUsersRepository, 'find' | 'insert'>;
  ai: AiGateway;
  audit: Pick<AuditService, 'record' | 'actorOf'>;
  /** Told after every change of personality, settings or corrections (the engine caches them). */
  config: Pick<CreatorConfigCache, 'changed'>;
  retrieval?: 'hybrid' | 'lexical';
  /** Ratings and new playground conversations go to analytics (after commit); none in some tests. */
  analytics?: Pick<Analytics, 'track'>;
}) {
  const { db, repo, ai } = deps;

  function checkModel(id: string | null | undefined, field: string) {
    if (!id) return;
    const provider = id.split(':')[0]!;
    if (!ai.providers.includes(provider))
      throw new AppError(
        'VALIDATION_FAILED',
        `body.${field}: provider "${provider}" is not configured on this server`,
        {
          errors: [
            {
              path: `body.${field}`,
              message: `Provider "${provider}" is not configured (configured: ${ai.providers.join(', ') || 'none'})`,
              code: 'unknown_provider',
            },
          ],
        },
      );
  }

  async function requireEndUser(ctx: TenantContext, endUserId: string) {
    const found = await db.readAsTenant(ctx.creatorId, (tx) => deps.endUsers.find(tx, endUserId));
    if (!found) throw notFound('End user');
  }

  return {
    async getPersonality(ctx: TenantContext) {
      return toPersonality(await db.readAsTenant(ctx.creatorId, (tx) => repo.personality(tx)));
    },
    async updatePersonality(ctx: TenantContext, body: UpdatePersonalityBody) {
      const row = await db.withTenant(ctx.creatorId, (tx) => repo.upsertPersonality(tx, body));
      await deps.config.changed(ctx.creatorId);
      return toPersonality(row);
    },
    async getAiSettings(ctx: TenantContext) {
      return toAiSettings(await db.readAsTenant(ctx.creatorId, (tx) => repo.aiSettings(tx)));
    },
    async updateAiSettings(ctx: TenantContext, body: Partial<Omit<AiSettings, 'updatedAt'>>) {
      for (const f of ['chatModel', 'summariseModel', 'classifyModel', 'fallbackModel'] as const)
        checkModel(body[f], f);
      const row = await db.withTenant(ctx.creatorId, (tx) => repo.upsertAiSettings(tx, body));
      await deps.config.changed(ctx.creatorId);
      return toAiSettings(row);
    },
    async status(ctx: TenantContext): Promise<AssistantStatus> {
      const month = new Date().toISOString().slice(0, 7);
      const { settings, usage, openAlerts } = await db.withTenant(ctx.creatorId, async (tx) => ({
        settings: await repo.aiSettings(tx),
        usage: await repo.usageSince(tx, `${month}-01`),
        openAlerts: await repo.countOpenAlerts(tx),
      }));
      return {
        mode: ai.configured ? 'model' : 'offline',
        providers: [...ai.providers],
        models: {
          chat: settings?.chatModel ?? ai.defaultModel('chat'),
          summarise: settings?.summariseModel ?? ai.defaultModel('summarise'),
          classify: settings?.classifyModel ?? ai.defaultModel('classify'),
          fallback: settings?.fallbackModel ?? null,
          embed: ai.embeddingModel,
        },
        usage: { month, ...usage, budget: settings?.monthlyTokenBudget ?? null },
        retrieval: deps.retrieval ?? 'lexical',
        openAlerts,
      };
    },

    async listMemories(ctx: TenantContext, endUserId: string) {
      await requireEndUser(ctx, endUserId);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.memories(tx, endUserId));
      return { items: rows.map(toMemory) };
    },
    async addMemory(
      ctx: TenantContext,
      endUserId: string,
      body: { kind: Memory['kind']; key?: string; content: string },
    ) {
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await deps.endUsers.find(tx, endUserId))) throw notFound('End user');
        return repo.upsertMemory(tx, {
          endUserId,
          kind: body.kind,
          key: body.key ?? `note_${Date.now().toString(36)}`,
          content: body.content,
          source: 'creator',
        });
      });
      return toMemory(row);
    },
    async updateMemory(ctx: TenantContext, endUserId: string, memoryId: string, content: string) {
      const row = await db.withTenant(ctx.creatorId, (tx) =>
        repo.updateMemory(tx, endUserId, memoryId, content),
      );
      if (!row) throw notFound('Memory');
      return toMemory(row);
    },
    async deleteMemory(ctx: TenantContext, endUserId: string, memoryId: string) {
      const ok = await db.withTenant(ctx.creatorId, (tx) => repo.deleteMemory(tx, endUserId, memoryId));
      if (!ok) throw notFound('Memory');
    },
    /** "Forget me": the end user asked for everything remembered about them to go. */
    async forgetEndUser(ctx: TenantContext, endUserId: string) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        if (!(await deps.endUsers.find(tx, endUserId))) throw notFound('End user');
        const deleted = await repo.deleteAllMemories(tx, endUserId);
        await deps.audit.record(tx, {
          action: 'end_user.memory_erased',
          ...deps.audit.actorOf(ctx),
          data: { endUserId, deleted },
        });
        return { deleted };
      });
    },

    async feedback(ctx: TenantContext, messageId: string, body: { rating: 'up' | 'down'; comment?: string }) {
      const { view, endUserId } = await db.withTenant(ctx.creatorId, async (tx) => {
        const message = await repo.findMessage(tx, messageId);
        if (!message) throw notFound('Message');
        if (message.role !== 'assistant')
          throw new AppError('CONFLICT', 'Only answers of the AI coach can be rated');
        const fb = await repo.upsertFeedback(
          tx,
          messageId,
          body.rating === 'up' ? 1 : -1,
          body.comment ?? null,
        );
        const conversation = deps.analytics
          ? await deps.conversations.find(tx, message.conversationId)
          : undefined;
        return { view: toMessageWithMeta(message, fb), endUserId: conversation?.endUserId ?? null };
      });
      deps.analytics?.track(ctx.creatorId, 'feedback', { messageId, rating: body.rating }, { endUserId });
      return view;
    },

    /** The creator's better answer to the question an AI message answered. */
    async correct(ctx: TenantContext, messageId: string, answer: string) {
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        const message = await repo.findMessage(tx, messageId);
        if (!message) throw notFound('Message');
        if (message.role !== 'assistant')
          throw new AppError('CONFLICT', 'Only answers of the AI coach can be corrected');
        const question = await repo.previousUserMessage(tx, message.conversationId, message.createdAt);
        if (!question)
          throw new AppError('CONFLICT', 'This answer has no question to attach a correction to');
        const saved = await repo.insertCorrection(tx, { messageId, question: question.content, answer });
        return saved;
      });
      await deps.config.changed(ctx.creatorId);
      return toCorrection(row);
    },
    async listCorrections(ctx: TenantContext, q: { limit: number; cursor?: string }) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) =>
        repo.listCorrections(tx, { limit: q.limit, after }),
      );
      return toPage(rows, q.limit, toCorrection);
    },
    async deleteCorrection(ctx: TenantContext, id: string) {
      const ok = await db.withTenant(ctx.creatorId, (tx) => repo.deleteCorrection(tx, id));
      if (!ok) throw notFound('Correction');
      await deps.config.changed(ctx.creatorId);
    },

    async listAlerts(ctx: TenantContext, q: { limit: number; cursor?: string; open?: boolean }) {
      const after = decodeCursor(q.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) =>
        repo.listAlerts(tx, { limit: q.limit, after, open: q.open }),
      );
      return toPage(rows, q.limit, toAlert);
    },
    async resolveAlert(ctx: TenantContext, id: string) {
      const row = await db.withTenant(ctx.creatorId, (tx) => repo.resolveAlert(tx, id));
      if (!row) throw notFound('Alert');
      return toAlert(row);
    },

    /** A fresh playground conversation with a test end user carrying `tags`. */
    async startPlayground(ctx: TenantContext, body: { tags: string[]; locale?: 'en' | 'es' }) {
      const started = await db.withTenant(ctx.creatorId, async (tx) => {
        const endUser = await deps.endUsers.insert(tx, {
          displayName: null,
          appAccountId: `playground:${crypto.randomUUID()}`,
          tags: body.tags,
          locale: body.locale ?? null,
          metadata: { playground: true },
        });
        const conversation = await deps.conversations.insert(tx, {
          endUserId: endUser.id,
          channel: 'playground',
          subject: 'Playground',
        });
        return { conversationId: conversation.id, endUserId: endUser.id };
      });
      deps.analytics?.track(
        ctx.creatorId,
        'conversation_started',
        { conversationId: started.conversationId, channel: 'playground' },
        { endUserId: started.endUserId },
      );
      return started;
    },
  };
}
export type AssistantService = ReturnType<typeof createAssistantService>;
