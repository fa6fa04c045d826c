import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AiError, type AiGateway } from '../../platform/ai/ai-gateway.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { ConversationsRepository } from '../conversations/conversations.repository.ts';
import type { AlertNotifier } from './alert-notifier.ts';
import { crisisResponse, detectLanguage } from './analysis/index.ts';
import type { AssistantRepository } from './assistant.repository.ts';
import { conversationChannel, toMessageWithMeta } from './message-view.ts';

const VerdictSchema = z.object({
  sentiment: z.number().min(-1).max(1),
  risk: z.enum(['none', 'self_harm', 'medical_emergency', 'violence']),
});

const SYSTEM =
  'You review one message a coaching client sent. Answer with JSON only, no prose: ' +
  '{"sentiment": <number from -1 (very negative) to 1 (very positive)>, ' +
  '"risk": "none" | "self_harm" | "medical_emergency" | "violence"}. ' +
  'Risk means a real danger to the client now (suicidal thoughts, self-harm, a medical emergency, someone hurting them), ' +
  'not figures of speech like "this workout is killing me".';

/** The first JSON object in a model's answer (models sometimes wrap it in prose or fences). */
function parseVerdict(text: string) {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) return null;
  try {
    const parsed = VerdictSchema.safeParse(JSON.parse(match[0]));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Model-assisted review of an end user's message, after the reply (the local
 * lexicon already scored it in line): the classify model refines the
 * sentiment, and a risk the phrase lists missed still reaches the creator —
 * an alert, a handoff when the settings say so, and a safety message in the
 * conversation. Runs in the worker; idempotent (a message reviewed once is
 * skipped, an existing alert is not duplicated).
 */
export function createMessageReviewService(deps: {
  db: Database;
  repo: AssistantRepository;
  conversations: Pick<ConversationsRepository, 'find'>;
  ai: AiGateway;
  pubsub: Pick<PubSub, 'publish'>;
  notifyAlert?: AlertNotifier;
  logger: Pick<Logger, 'warn'>;
}) {
  const { db, repo, ai } = deps;
  return {
    async review({ creatorId, messageId }: { creatorId: string; messageId: string }) {
      const loaded = await db.readAsTenant(creatorId, async (tx) => {
        const message = await repo.findMessage(tx, messageId);
        return message ? { message, settings: await repo.aiSettings(tx) } : null;
      });
      if (!loaded || loaded.message.role !== 'user' || loaded.message.metadata.review) return null;
      const { message, settings } = loaded;
      let result: Awaited<ReturnType<AiGateway['generate']>>;
      try {
        result = await ai.generate(
          'classify',
          {
            system: SYSTEM,
            messages: [{ role: 'user', content: message.content }],
            maxOutputTokens: 40,
            temperature: 0,
          },
          { model: settings?.classifyModel ?? undefined },
        );
      } catch (err) {
        if (err instanceof AiError) {
          deps.logger.warn({ err: err.message }, 'message review skipped: model unavailable');
          return null;
        }
        throw err;
      }
      const verdict = parseVerdict(result.text);
      const language = detectLanguage(message.content) ?? 'en';

      const outcome = await db.withTenant(creatorId, async (tx) => {
        await repo.addUsage(tx, {
          day: new Date().toISOString().slice(0, 10),
          use: 'classify',
          model: result.model,
          inputTokens: result.usage.inputTokens,
          outputTokens: result.usage.outputTokens,
        });
        const review = verdict
          ? { model: result.model, sentiment: verdict.sentiment, risk: verdict.risk }
          : { model: result.model, unreadable: true };
        const sentiment = verdict
          ? {
              score: verdict.sentiment,
              label:
                verdict.sentiment >= 0.2 ? 'positive' : verdict.sentiment <= -0.2 ? 'negative' : 'neutral',
            }
          : message.metadata.sentiment;
        await repo.updateMessageMetadata(tx, messageId, { review, sentiment });
        if (!verdict || verdict.risk === 'none' || message.metadata.safety) return null;
        // A risk the phrase lists missed: alert, hand over, and say something safe now.
        const conversation = await deps.conversations.find(tx, message.conversationId);
        if (!conversation) return null;
        await repo.insertAlert(tx, {
          kind: verdict.risk,
          conversationId: conversation.id,
          endUserId: conversation.endUserId,
          messageId,
          excerpt: message.content.slice(0, 500),
        });
        const handOver = settings?.handoffOnCrisis ?? true;
        await repo.touchConversation(tx, conversation.id, handOver ? 'human' : undefined);
        const personality = await repo.personality(tx);
        const safety = await repo.insertMessage(tx, {
          conversationId: conversation.id,
          role: 'assistant',
          content: crisisResponse(verdict.risk, language, {
            creatorName: personality?.coachName || (language === 'es' ? 'tu coach' : 'your coach'),
          }),
          metadata: { model: 'safety', safety: verdict.risk, replyTo: messageId },
        });
        return { conversation, safety, kind: verdict.risk, handOver };
      });
      if (outcome) {
        const channel = conversationChannel(creatorId, outcome.conversation.id);
        const publish = (event: object) =>
          deps.pubsub.publish(channel, JSON.stringify(event)).catch(() => undefined);
        if (outcome.handOver)
          await publish({ type: 'status', conversationId: outcome.conversation.id, status: 'human' });
        if (outcome.safety) await publish({ type: 'message', message: toMessageWithMeta(outcome.safety) });
        await deps.notifyAlert?.(creatorId, {
          kind: outcome.kind,
          excerpt: message.content,
          conversationId: outcome.conversation.id,
        });
      }
      return verdict;
    },
  };
}
