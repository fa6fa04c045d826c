import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import { AiError, type AiGateway } from '../../platform/ai/ai-gateway.ts';
import type { ConversationsRepository } from '../conversations/conversations.repository.ts';
import type { AssistantRepository } from './assistant.repository.ts';
import { SUMMARY_KEEP } from './conversation-engine.ts';
import { splitSentences } from './sentences.ts';

const MAX_SUMMARY_CHARS = 2400;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * Offline rolling summary: one line per exchange (the client's message and the
 * first sentence of the answer), appended to the previous summary and trimmed
 * from the front to a fixed size, so the newest context survives.
 */
export function extractiveSummary(
  previous: string | null,
  messages: { role: string; content: string }[],
): string {
  const lines = previous ? previous.split('\n') : [];
  for (const m of messages) {
    if (m.role === 'user') lines.push(`- Client: ${clip(m.content.replace(/\s+/g, ' '), 160)}`);
    else if (m.role === 'assistant' || m.role === 'creator') {
      const first = splitSentences(m.content).find((s) => s.length > 20) ?? m.content;
      lines.push(`  Coach: ${clip(first.replace(/\s+/g, ' '), 160)}`);
    }
  }
  let out = lines.join('\n');
  while (out.length > MAX_SUMMARY_CHARS && lines.length > 1) {
    lines.shift();
    out = lines.join('\n');
  }
  return out;
}

export function createConversationSummaryService(deps: {
  db: Database;
  repo: AssistantRepository;
  ai: AiGateway;
  conversations: Pick<ConversationsRepository, 'find'>;
  logger: Pick<Logger, 'warn'>;
}) {
  const { db, repo, ai } = deps;
  return {
    /** Summarises everything but the last SUMMARY_KEEP messages. Returns how many messages were folded in. */
    async summarise({ creatorId, conversationId }: { creatorId: string; conversationId: string }) {
      const loaded = await db.withTenant(creatorId, async (tx) => {
        const count = await repo.countMessages(tx, conversationId);
        const conv = await deps.conversations.find(tx, conversationId);
        if (!conv) return null;
        const upTo = count - SUMMARY_KEEP;
        if (upTo <= conv.summaryMessageCount) return null;
        const messages = await repo.messagesRange(tx, conversationId, conv.summaryMessageCount, upTo);
        const settings = await repo.aiSettings(tx);
        return { conv, upTo, messages, settings };
      });
      if (!loaded) return 0;
      let summary = extractiveSummary(loaded.conv.summary, loaded.messages);
      if (ai.configured) {
        try {
          const transcript = loaded.messages.map((m) => `${m.role}: ${m.content}`).join('\n');
          const result = await ai.generate(
            'summarise',
            {
              system:
                'Summarise this coaching conversation for the coach in at most 12 short bullet points: the client’s goals, facts, feelings, commitments and open questions. Keep names and numbers.',
              messages: [
                {
                  role: 'user',
                  content: `${loaded.conv.summary ? `Earlier summary:\n${loaded.conv.summary}\n\n` : ''}New messages:\n${transcript}`,
                },
              ],
              maxOutputTokens: 600,
            },
            { model: loaded.settings?.summariseModel ?? undefined, fallback: loaded.settings?.fallbackModel },
          );
          summary = result.text.trim() || summary;
          await db.withTenant(creatorId, (tx) =>
            repo.addUsage(tx, {
              day: new Date().toISOString().slice(0, 10),
              use: 'summarise',
              model: result.model,
              inputTokens: result.usage.inputTokens,
              outputTokens: result.usage.outputTokens,
            }),
          );
        } catch (err) {
          if (!(err instanceof AiError)) throw err;
          deps.logger.warn({ err: err.message }, 'summary model failed; kept the extractive summary');
        }
      }
      await db.withTenant(creatorId, (tx) => repo.setSummary(tx, conversationId, summary, loaded.upTo));
      return loaded.upTo - loaded.conv.summaryMessageCount;
    },
  };
}
