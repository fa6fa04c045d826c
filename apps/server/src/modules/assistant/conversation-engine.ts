import { randomUUID } from 'node:crypto';
import type {
  Citation,
  ConversationEvent,
  KbSearchHit,
  MessageMeta,
  PostMessageBody,
  PostMessageResponse,
  ReplyDebug,
} from '@companero/contracts';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import { AiError, type AiGateway, type ChatTurn, type ModelRoute } from '../../platform/ai/ai-gateway.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { SearchFilters } from '../knowledge/knowledge.repository.ts';
import type { KnowledgeSearchService } from '../knowledge/knowledge-search.service.ts';
import type { ConversationHandling, ProgramsService } from '../programs/programs.service.ts';
import type { AlertKind, AlertNotifier } from './alert-notifier.ts';
import {
  analyzeSentiment,
  crisisResponse,
  detectCrisis,
  detectLanguage,
  extractMemoryFacts,
} from './analysis/index.ts';
import { reviewMessageJob, summariseConversationJob } from './assistant.jobs.ts';
import type { AssistantRepository } from './assistant.repository.ts';
import { buildSystemPrompt, fitHistory } from './build-prompt.ts';
import { contentTerms, termCoverage } from './content-terms.ts';
import type { CachedCorrection, CreatorConfigCache } from './creator-config-cache.ts';
import { groundedness } from './groundedness.ts';
import { matchCorrection } from './match-correction.ts';
import { conversationChannel, toMessageWithMeta } from './message-view.ts';
import {
  composeOfflineReply,
  detectIntent,
  type ReplyLanguage,
  type Voice,
  wordDeltas,
} from './offline-composer.ts';
import type { UsageEntry, UsageRecorder } from './usage-recorder.ts';
import { detectUserRequest, userRequestReply } from './user-requests.ts';

/** Messages past the rolling summary before a new summary is made. */
export const SUMMARY_EVERY = 30;
/** Messages kept verbatim (not summarised) at the end of a conversation. */
export const SUMMARY_KEEP = 10;
const HISTORY_TOKENS = 1500;
/** Messages before the new one read for the prompt's history (trimmed to HISTORY_TOKENS). */
const HISTORY_MESSAGES = 20;
const RETRIEVE_K = 6;
const MAX_PASSAGES = 4;
const REWRITE_TIMEOUT_MS = 3000;
/** A chunk the dense retriever found this close (cosine) counts even without shared words. */
const DENSE_MIN_SIMILARITY = 0.5;

interface Passage {
  n: number;
  kind: 'document' | 'correction';
  title: string;
  content: string;
  score: number;
  hit?: KbSearchHit;
  correctionId?: string;
  used: boolean;
}

export interface ReplyOptions {
  /** Include retrieved passages, the prompt and timings (creator playground). */
  debug?: boolean;
  /** Receives every event of this exchange as it happens (SSE). */
  emit?: (event: ConversationEvent) => void;
  signal?: AbortSignal;
  /** Stored on the user's message beside what the engine records (e.g. the widget's `attachments`). */
  metadata?: Record<string, unknown>;
}

const FOLLOW_UP_CUE =
  /^\s*[¿¡]?\s*(and|but|also|so|why|how come|what about|how about|what if|y|pero|entonces|por qu[eé]|y si|qu[eé] tal)\b/i;

/** A message that only makes sense with the previous question: few topic words, or a follow-up cue. */
export function isFollowUp(text: string): boolean {
  const terms = contentTerms(text).length;
  return terms < 2 || (terms < 4 && FOLLOW_UP_CUE.test(text));
}

const monthStart = (now: Date) => `${now.toISOString().slice(0, 7)}-01`;
const CITATION = /\[(\d{1,2})\]/g;

/**
 * The conversation engine: stores an end user's message, reads it (sentiment,
 * crisis phrases, facts worth remembering), retrieves from the creator's
 * material honouring document visibility, answers in the creator's voice —
 * from a model when one is configured, composed offline otherwise — streams
 * the reply, and records it with citations and quality metadata.
 */
export function createConversationEngine(deps: {
  db: Database;
  repo: AssistantRepository;
  search: Pick<KnowledgeSearchService, 'retrieve'>;
  /** Programs take the messages their steps wait for (answers), and steer ai steps. */
  programs?: Pick<ProgramsService, 'handleConversationMessage'>;
  ai: AiGateway;
  pubsub: Pick<PubSub, 'publish'>;
  queue: Pick<JobQueue, 'enqueue'>;
  audit: Pick<AuditService, 'record'>;
  /** The creator's personality, settings and corrections, cached per creator (creator-config-cache.ts). */
  config: Pick<CreatorConfigCache, 'get'>;
  /** Token usage per creator, written beside the replies (see usage-recorder.ts). */
  usage: Pick<UsageRecorder, 'record'>;
  /** Analytics events (message received, AI answer, documents cited, handoff); none in some tests. */
  analytics?: Pick<Analytics, 'track'>;
  /** Tells the creator about a crisis or a request for a human (mail). */
  notifyAlert?: AlertNotifier;
  logger: Pick<Logger, 'warn' | 'error'>;
  now?: () => Date;
}) {
  const { db, repo, ai, logger } = deps;
  const now = deps.now ?? (() => new Date());

  function publish(creatorId: string, conversationId: string, event: ConversationEvent) {
    deps.pubsub
      .publish(conversationChannel(creatorId, conversationId), JSON.stringify(event))
      .catch((err) => logger.warn({ err }, 'could not publish a conversation event'));
  }

  async function retrieve(
    creatorId: string,
    query: string,
    tags: string[],
    corrections: readonly CachedCorrection[],
    scope?: { folderIds: string[]; tags: string[] },
  ): Promise<Passage[]> {
    const passages: Passage[] = [];
    const match = matchCorrection(query, corrections);
    if (match)
      passages.push({
        n: 1,
        kind: 'correction',
        title: 'Coach’s correction',
        content: match.correction.answer,
        score: match.score,
        correctionId: match.correction.id,
        used: false,
      });
    // A program's ai step narrows retrieval to its folders and tags (any of them).
    const scopes: SearchFilters[] = [
      ...(scope?.folderIds ?? []).map((folderId) => ({ folderId })),
      ...(scope?.tags ?? []).map((tag) => ({ tag })),
    ].slice(0, 5);
    const hits =
      scopes.length === 0
        ? await deps.search.retrieve(creatorId, query, {
            audience: { kind: 'end_user', tags },
            k: RETRIEVE_K,
          })
        : (
            await Promise.all(
              scopes.map((filters) =>
                deps.search.retrieve(creatorId, query, {
                  audience: { kind: 'end_user', tags },
                  filters,
                  k: RETRIEVE_K,
                }),
              ),
            )
          )
            .flat()
            .filter((h, i, all) => all.findIndex((o) => o.chunkId === h.chunkId) === i)
            .sort((a, b) => b.score - a.score)
            .slice(0, RETRIEVE_K);
    const terms = contentTerms(query);
    // A passage counts only when it shares enough of the question's topic
    // words (at least one; two from four on): BM25 always returns
    // *something*, relevance is not guaranteed.
    const need = Math.max(1, Math.ceil(terms.length * 0.3)) / Math.max(1, terms.length);
    for (const hit of hits) {
      if (passages.length >= MAX_PASSAGES) break;
      const text = `${hit.citation.documentTitle} ${hit.citation.headingPath.join(' ')} ${hit.content}`;
      const closeInMeaning = hit.similarity !== null && hit.similarity >= DENSE_MIN_SIMILARITY;
      if (termCoverage(terms, text) < need && !closeInMeaning) continue;
      passages.push({
        n: passages.length + 1,
        kind: 'document',
        title: hit.citation.documentTitle,
        content: hit.content,
        score: hit.score,
        hit,
        used: false,
      });
    }
    return passages;
  }

  function citationOf(p: Passage): Citation {
    return {
      n: p.n,
      kind: p.kind,
      documentId: p.hit?.citation.documentId ?? null,
      documentTitle: p.title,
      version: p.hit?.citation.version ?? null,
      page: p.hit?.citation.page ?? null,
      headingPath: p.hit?.citation.headingPath ?? [],
      chunkId: p.hit?.chunkId ?? null,
      correctionId: p.correctionId ?? null,
      score: Math.round(p.score * 1000) / 1000,
    };
  }

  /** A standalone search query for a follow-up, from the classify model; null when it cannot. */
  async function rewriteQuery(
    extraUsage: UsageEntry[],
    prior: { role: string; content: string }[],
    message: string,
    model: string | undefined,
  ): Promise<string | null> {
    const recent = prior
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .slice(-4)
      .map((m) => `${m.role === 'user' ? 'Client' : 'Coach'}: ${m.content.slice(0, 400)}`)
      .join('\n');
    try {
      const result = await ai.generate(
        'classify',
        {
          system:
            'Rewrite the client’s last message as one standalone search query for the coach’s notes, in the same language, using the conversation for missing topics. Answer with the query only.',
          messages: [{ role: 'user', content: `${recent}\nClient (last message): ${message}` }],
          maxOutputTokens: 60,
          temperature: 0,
          signal: AbortSignal.timeout(REWRITE_TIMEOUT_MS),
        },
        { model },
      );
      // Recorded with the reply, in its transaction.
      extraUsage.push({
        use: 'classify',
        model: result.model,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
      });
      const query = result.text.trim().replace(/^["'“]|["'”]$/g, '');
      return query.length > 0 && query.length <= 300 ? query : null;
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'query rewrite failed; joining with the previous question',
      );
      return null;
    }
  }

  async function* streamFromModel(
    system: string,
    messages: ChatTurn[],
    route: ModelRoute,
    signal: AbortSignal | undefined,
    usage: { model: string; input: number; output: number; usedFallback: boolean },
  ): AsyncGenerator<string> {
    for await (const ev of ai.streamChat('chat', { system, messages, signal }, route)) {
      if (ev.type === 'delta') yield ev.text;
      else {
        usage.model = ev.model;
        usage.input = ev.usage.inputTokens;
        usage.output = ev.usage.outputTokens;
        usage.usedFallback = ev.usedFallback;
      }
    }
  }

  return {
    async postUserMessage(
      creatorId: string,
      conversationId: string,
      body: PostMessageBody,
      opts: ReplyOptions = {},
    ): Promise<PostMessageResponse> {
      const t0 = performance.now();
      const emit = (event: ConversationEvent) => {
        opts.emit?.(event);
        if (event.type !== 'debug') publish(creatorId, conversationId, event);
      };
      const language = detectLanguage(body.content);
      const sentiment = analyzeSentiment(body.content, language ?? undefined);
      const crisis = detectCrisis(body.content);
      const request = crisis ? null : detectUserRequest(body.content);
      const facts =
        crisis || request === 'forget' ? [] : extractMemoryFacts(body.content, language ?? undefined);
      const intent = detectIntent(body.content);

      // The creator's personality, settings and corrections: cached per creator
      // (creator-config-cache.ts), read while the message is being stored.
      const configLoad = deps.config.get(creatorId);
      configLoad.catch(() => {}); // awaited below; a failure before that must not go unhandled

      // The write transaction holds only what must be atomic with storing the
      // message: one statement does the usual case (storeUserMessage), and reads
      // back the end user, memories and history the reply needs.
      // Assigned in the transaction's callback (a cast, so the compiler does not narrow it to null).
      let early = null as { query: string; startedAt: number; passages: Promise<Passage[]> } | null;
      const stored = await db.withTenant(creatorId, async (tx) => {
        const r = await repo.storeUserMessage(tx, {
          conversationId,
          content: body.content,
          clientMessageId: body.clientMessageId ?? null,
          metadata: {
            ...opts.metadata,
            sentiment: { score: sentiment.score, label: sentiment.label },
            safety: crisis?.kind ?? null,
            ...(body.clientMessageId ? { clientMessageId: body.clientMessageId } : {}),
          },
          facts: facts.map((f) => ({ kind: f.kind, key: f.key, content: f.text })),
          historyLimit: HISTORY_MESSAGES,
        });
        const conversation = r.conversation;
        if (!conversation) throw notFound('Conversation');
        if (conversation.status === 'closed')
          throw new AppError('CONFLICT', 'This conversation is closed; start a new one to keep talking');
        if (!r.stored) {
          // A repeated client id (seen before, or racing in from another request): answer once.
          const existing = r.duplicateId
            ? await repo.findMessage(tx, r.duplicateId)
            : await repo.findByClientId(tx, conversationId, body.clientMessageId ?? '');
          if (!existing) throw new AppError('CONFLICT', 'The message could not be stored; retry');
          return { replay: existing, reply: await repo.replyTo(tx, conversationId, existing.id) } as const;
        }
        const storedMessage = r.stored;
        // A plain question (not a follow-up, no program step to scope it, the bot
        // answering) needs nothing this transaction still does: its retrieval
        // starts now, on another connection, while the COMMIT travels.
        if (
          intent === 'question' &&
          !crisis &&
          !request &&
          conversation.status === 'bot' &&
          !(deps.programs && r.inProgram) &&
          !(r.history.some((m) => m.role === 'user') && isFollowUp(body.content))
        ) {
          const tags = r.endUser?.tags ?? [];
          early = {
            query: body.content,
            startedAt: performance.now(),
            passages: configLoad.then((c) => retrieve(creatorId, body.content, tags, c.corrections)),
          };
          early.passages.catch(() => {}); // awaited below, or dropped if this transaction fails
        }
        let status = conversation.status;
        const alertKind: AlertKind | null =
          crisis?.kind ??
          (request === 'human' && conversation.status === 'bot' ? ('handoff_request' as const) : null);
        if (alertKind) {
          await repo.insertAlert(tx, {
            kind: alertKind,
            conversationId,
            endUserId: conversation.endUserId,
            messageId: storedMessage.id,
            excerpt: body.content.slice(0, 500),
          });
          if (!crisis || ((await repo.aiSettings(tx))?.handoffOnCrisis ?? true)) status = 'human';
          if (status !== conversation.status) await repo.touchConversation(tx, conversationId, status, 0);
        }
        let forgotten = 0;
        if (request === 'forget') {
          forgotten = await repo.deleteAllMemories(tx, conversation.endUserId);
          await deps.audit.record(tx, {
            action: 'end_user.memory_erased',
            actorType: 'system',
            data: { endUserId: conversation.endUserId, deleted: forgotten, requestedBy: 'end_user' },
          });
        }
        return {
          replay: null,
          stored: storedMessage,
          alertKind,
          forgotten,
          conversation,
          wasHuman: conversation.status === 'human',
          status,
          endUser: r.endUser,
          memories: request === 'forget' ? [] : r.memories,
          history: r.history,
          inProgram: r.inProgram,
        };
      });

      if (stored.replay) {
        // A retry of a stored message: the first answer, again (to this caller only).
        const message = toMessageWithMeta(stored.replay);
        const reply = stored.reply ? toMessageWithMeta(stored.reply) : null;
        opts.emit?.({ type: 'message', message });
        if (reply) opts.emit?.({ type: 'message', message: reply });
        return { message, reply, debug: null };
      }
      const config = await configLoad;
      const settings = config.settings;
      // Tokens spent this month matter only against a budget.
      const usageSoFar =
        settings?.monthlyTokenBudget == null
          ? { inputTokens: 0, outputTokens: 0 }
          : await db.readAsTenant(creatorId, (tx) => repo.usageSince(tx, monthStart(now())));
      const pre = { ...stored, settings, corrections: config.corrections, usage: usageSoFar };
      const tLoaded = performance.now();
      // With a model configured, the worker reviews the message too (sentiment, risks the phrase lists miss).
      const spent = pre.usage.inputTokens + pre.usage.outputTokens;
      const budgetLeft = pre.settings?.monthlyTokenBudget == null || spent < pre.settings.monthlyTokenBudget;
      if (ai.configured && budgetLeft && !crisis)
        void deps.queue
          .enqueue(reviewMessageJob, { creatorId, messageId: pre.stored.id }, { singletonKey: pre.stored.id })
          .catch((err) => logger.warn({ err }, 'could not schedule a message review'));
      if (pre.alertKind)
        void deps.notifyAlert?.(creatorId, { kind: pre.alertKind, excerpt: body.content, conversationId });
      const userMessage = toMessageWithMeta(pre.stored);
      emit({ type: 'message', message: userMessage });
      const endUserId = pre.conversation.endUserId;
      deps.analytics?.track(
        creatorId,
        'message_received',
        { conversationId, channel: pre.conversation.channel, sentiment: sentiment.label },
        { endUserId },
      );
      if (pre.alertKind)
        deps.analytics?.track(
          creatorId,
          'handoff',
          { conversationId, reason: pre.alertKind === 'handoff_request' ? 'user_request' : 'crisis' },
          { endUserId },
        );
      if (pre.status !== pre.conversation.status)
        emit({ type: 'status', conversationId, status: pre.status });

      // A human has the conversation: the AI stays quiet (a crisis still gets the safety reply).
      if (pre.wasHuman && !crisis && request !== 'forget')
        return { message: userMessage, reply: null, debug: null };

      // A program step waiting for this user's answer takes the message (once per message id).
      let programStep: Extract<ConversationHandling, { kind: 'ai_turn' }> | null = null;
      if (deps.programs && pre.inProgram && !crisis && !request && pre.status === 'bot') {
        const handling = await deps.programs.handleConversationMessage(
          creatorId,
          conversationId,
          { id: pre.stored.id, text: body.content },
          sentiment.label,
        );
        if (handling.kind === 'handled') {
          // The programs service published them to the conversation's subscribers; this caller gets them too.
          for (const m of handling.messages) opts.emit?.({ type: 'message', message: m });
          return {
            message: userMessage,
            reply: handling.messages[handling.messages.length - 1] ?? null,
            programMessages: handling.messages,
            debug: null,
          };
        }
        if (handling.kind === 'ai_turn') programStep = handling;
      }

      const voice: Voice = config.voice;
      const lang: ReplyLanguage =
        voice.language !== 'auto' ? voice.language : (language ?? pre.endUser?.locale ?? 'en');
      const replyId = randomUUID();
      emit({ type: 'typing', conversationId, replyId });
      const priorTurns = pre.history;
      const firstTurn = !priorTurns.some((m) => m.role === 'assistant' || m.role === 'creator');

      let text = '';
      let passages: Passage[] = [];
      let system = '';
      let promptMessages: ChatTurn[] = [];
      let firstTokenAt: number | null = null;
      let notice: MessageMeta['notice'] = null;
      const usage = { model: 'offline', input: 0, output: 0, usedFallback: false };
      const extraUsage: UsageEntry[] = [];
      let query = body.content;
      const tRetrieveStart = early?.startedAt ?? performance.now();
      let tRetrieved = tRetrieveStart;

      const push = (delta: string) => {
        if (!delta) return;
        if (firstTokenAt === null) firstTokenAt = performance.now();
        text += delta;
        emit({ type: 'delta', conversationId, replyId, text: delta });
      };

      if (crisis) {
        usage.model = 'safety';
        for (const d of wordDeltas(
          crisisResponse(crisis.kind, lang, {
            creatorName: voice.coachName || (lang === 'es' ? 'tu coach' : 'your coach'),
          }),
        ))
          push(d);
      } else if (request) {
        usage.model = request === 'human' ? 'handoff' : 'memory';
        for (const d of wordDeltas(
          userRequestReply(request, lang, { coachName: voice.coachName, forgotten: pre.forgotten }),
        ))
          push(d);
      } else {
        const budget = pre.settings?.monthlyTokenBudget ?? null;
        const overBudget = budget !== null && pre.usage.inputTokens + pre.usage.outputTokens >= budget;
        // A follow-up ("and why?", "what about beginners?") needs the previous question's topic:
        // a model rewrites it as a standalone query when one is available; otherwise the two are joined.
        const previousUser = [...priorTurns].reverse().find((m) => m.role === 'user');
        if (intent === 'question' && previousUser && isFollowUp(query)) {
          const rewritten =
            ai.configured && !overBudget
              ? await rewriteQuery(
                  extraUsage,
                  priorTurns,
                  body.content,
                  pre.settings?.classifyModel ?? undefined,
                )
              : null;
          query = rewritten ?? `${previousUser.content} ${query}`;
        }
        passages =
          intent !== 'question'
            ? []
            : early && early.query === query && !programStep
              ? await early.passages
              : await retrieve(
                  creatorId,
                  query,
                  pre.endUser?.tags ?? [],
                  pre.corrections,
                  programStep?.knowledge,
                );
        tRetrieved = performance.now();

        const memoryLines = pre.memories.map((m) => m.content);
        const built = buildSystemPrompt({
          voice,
          language: lang,
          passages,
          memory: memoryLines,
          summary: pre.conversation.summary,
          firstTurn,
          goal: programStep?.goal,
        });
        system = built.system;
        const turns: ChatTurn[] = priorTurns
          .filter((m) => m.role !== 'system')
          .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content }));
        promptMessages = [...fitHistory(turns, HISTORY_TOKENS), { role: 'user', content: body.content }];

        const route: ModelRoute = {
          model: pre.settings?.chatModel ?? undefined,
          fallback: pre.settings?.fallbackModel ?? undefined,
        };
        if (ai.configured && overBudget) notice = 'token_budget_exhausted';
        let composeOffline = !ai.configured || overBudget;
        if (!composeOffline) {
          try {
            for await (const d of streamFromModel(system, promptMessages, route, opts.signal, usage)) push(d);
            if (usage.usedFallback) notice = 'used_fallback_model';
          } catch (err) {
            if (!(err instanceof AiError)) throw err;
            logger.warn(
              { err: err.message, kind: err.kind, model: err.model },
              'model failed; replying offline',
            );
            notice = 'model_unavailable';
            if (text === '') composeOffline = true;
          }
        }
        if (composeOffline) {
          usage.model = 'offline';
          const composed = composeOfflineReply({
            query,
            intent,
            passages,
            voice,
            language: lang,
            firstTurn,
            userName: pre.endUser?.displayName ?? pre.memories.find((m) => m.key === 'name')?.content ?? null,
          });
          for (const d of wordDeltas(composed.text)) push(d);
        }
      }
      const tGenerated = performance.now();

      const cited = new Set<number>();
      for (const m of text.matchAll(CITATION)) cited.add(Number(m[1]));
      for (const p of passages) p.used = cited.has(p.n);
      const usedPassages = passages.filter((p) => p.used);
      const noAnswer = !crisis && !request && intent === 'question' && usedPassages.length === 0;
      const meta: MessageMeta & { replyTo: string } = {
        replyTo: pre.stored.id,
        citations: usedPassages.map(citationOf),
        model: usage.model,
        latencyMs: Math.round(tGenerated - t0),
        firstTokenMs: firstTokenAt === null ? null : Math.round(firstTokenAt - t0),
        tokens: { input: usage.input, output: usage.output },
        retrieval: passages.map((p) => ({ chunkId: p.hit?.chunkId ?? null, score: p.score })),
        // The creator's own greeting and sign-off are voice, not claims.
        groundedness: usedPassages.length
          ? groundedness(
              [voice.greeting, voice.signOff]
                .map((s) => s.trim())
                .filter(Boolean)
                .reduce((acc, s) => acc.split(s).join('\n'), text),
              usedPassages.map((p) => p.content),
            )
          : null,
        noAnswer,
        safety: crisis?.kind ?? null,
        notice,
      };

      const reply = await db.withTenant(creatorId, async (tx) => {
        const { row, counts } = await repo.storeReply(tx, {
          id: replyId,
          conversationId,
          content: text,
          metadata: meta,
          correctionIds: usedPassages.flatMap((p) => (p.correctionId ? [p.correctionId] : [])),
        });
        return {
          row,
          needsSummary:
            counts !== undefined &&
            counts.messageCount - counts.summaryMessageCount > SUMMARY_EVERY + SUMMARY_KEEP,
        };
      });
      deps.usage.record(creatorId, [
        ...extraUsage,
        { use: 'chat', model: usage.model, inputTokens: usage.input, outputTokens: usage.output },
      ]);
      if (deps.analytics) {
        const who = { endUserId: pre.conversation.endUserId };
        deps.analytics.track(
          creatorId,
          'ai_answer',
          {
            conversationId,
            latencyMs: meta.latencyMs ?? 0,
            firstTokenMs: meta.firstTokenMs ?? null,
            inputTokens: usage.input,
            outputTokens: usage.output,
            groundedness: meta.groundedness ?? null,
            noAnswer,
            model: usage.model.slice(0, 200),
            questionId: pre.stored.id,
          },
          who,
        );
        deps.analytics.track(
          creatorId,
          'message_sent',
          { conversationId, channel: pre.conversation.channel, role: 'assistant' },
          who,
        );
        for (const p of usedPassages)
          if (p.hit)
            deps.analytics.track(
              creatorId,
              'document_cited',
              { documentId: p.hit.citation.documentId, chunkId: p.hit.chunkId, conversationId },
              who,
            );
      }
      // After commit: the queue may share the database (embedded mode) and its connection.
      if (reply.needsSummary)
        await deps.queue
          .enqueue(summariseConversationJob, { creatorId, conversationId }, { singletonKey: conversationId })
          .catch((err) => logger.warn({ err }, 'could not schedule a conversation summary'));
      const replyView = toMessageWithMeta(reply.row);
      emit({ type: 'message', message: replyView });
      const tDone = performance.now();

      let debug: ReplyDebug | null = null;
      if (opts.debug) {
        debug = {
          query,
          passages: passages.map((p) => ({
            n: p.n,
            score: p.score,
            documentTitle: p.title,
            kind: p.kind,
            content: p.content,
            used: p.used,
          })),
          prompt: { system, messages: promptMessages },
          timings: {
            loadMs: Math.round(tLoaded - t0),
            retrieveMs: Math.round(tRetrieved - tRetrieveStart),
            firstTokenMs: meta.firstTokenMs ?? 0,
            generateMs: Math.round(tGenerated - tRetrieved),
            saveMs: Math.round(tDone - tGenerated),
            totalMs: Math.round(tDone - t0),
          },
          memory: pre.memories.map((m) => m.content),
        };
        opts.emit?.({ type: 'debug', debug });
      }
      return { message: userMessage, reply: replyView, debug };
    },
  };
}
export type ConversationEngine = ReturnType<typeof createConversationEngine>;
