import { randomUUID } from 'node:crypto';
import {
  type MessageWithMeta,
  ProgramDefinitionSchema,
  type StepResult as StepResultDto,
} from '@companero/contracts';
import type { TenantTx } from '@companero/db';
import type { Logger } from 'pino';
import { notFound } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AssistantRepository } from '../assistant/assistant.repository.ts';
import { conversationChannel, toMessageWithMeta } from '../assistant/message-view.ts';
import type { ConversationsRepository } from '../conversations/conversations.repository.ts';
import { publishInboxAlert } from '../inbox/inbox-fanout.ts';
import { compileProgram } from './engine/compile-program.ts';
import { runStep } from './engine/run-step.ts';
import type { CompiledProgram, EngineUser, StepEffect, StepInput } from './engine/types.ts';
import { deliverProgramWebhookJob, resumeEnrollmentJob } from './programs.jobs.ts';
import { stateOf, toEnrollment } from './programs.mappers.ts';
import type { EnrollmentRow, EnrollmentWithUser, ProgramsRepository } from './programs.repository.ts';

const COMPILED_CACHE_SIZE = 500;

/** What one step did: the enrollment after it, what it said, and what to do once it commits. */
export interface AppliedStep {
  row: EnrollmentRow;
  endUserName: string | null;
  outputs: StepResultDto['outputs'];
  messages: MessageWithMeta[];
  applied: boolean;
  aiTurn: Extract<StepEffect, { type: 'ai_turn' }> | null;
  afterCommit: (() => void)[];
}

/**
 * The engine's database side: runs one input through the pure interpreter
 * (compiled versions cached per process) and writes every effect — state,
 * history, events, messages, tags, handoff — inside the caller's tenant
 * transaction; queue jobs and live events wait in `afterCommit`.
 */
export function createEnrollmentStepper(deps: {
  repo: ProgramsRepository;
  conversations: Pick<ConversationsRepository, 'setStatus'>;
  alerts: Pick<AssistantRepository, 'insertAlert'>;
  queue: Pick<JobQueue, 'enqueue'>;
  pubsub: Pick<PubSub, 'publish'>;
  /** Sends a step's messages on to the conversation's external channel (WhatsApp), after commit. */
  outbound?: (creatorId: string, conversationId: string, messageIds: string[]) => Promise<void>;
  /** Steps completed, programs finished or dropped, and step messages go to analytics, after commit. */
  analytics?: Pick<Analytics, 'track'>;
  logger: Pick<Logger, 'warn' | 'error'>;
  now?: () => Date;
}) {
  const { repo, logger } = deps;
  const now = deps.now ?? (() => new Date());
  // Published versions never change: compile each once.
  const compiled = new Map<string, CompiledProgram>();

  async function compiledVersion(tx: TenantTx, versionId: string): Promise<CompiledProgram> {
    const hit = compiled.get(versionId);
    if (hit) return hit;
    const version = await repo.findVersionById(tx, versionId);
    if (!version) throw notFound('Program version');
    const program = compileProgram(ProgramDefinitionSchema.parse(version.definition));
    if (compiled.size >= COMPILED_CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
    compiled.set(versionId, program);
    return program;
  }

  function engineUser(row: EnrollmentWithUser, sentiment: EngineUser['sentiment'] = null): EngineUser {
    return {
      name: row.endUserName,
      language: row.endUserLocale ?? 'en',
      timeZone: row.endUserTimezone ?? 'UTC',
      tags: row.endUserTags,
      sentiment,
    };
  }

  function publish(creatorId: string, conversationId: string, message: MessageWithMeta) {
    deps.pubsub
      .publish(conversationChannel(creatorId, conversationId), JSON.stringify({ type: 'message', message }))
      .catch((err) => logger.warn({ err }, 'could not publish a program message'));
  }

  /** Runs one input through the engine and writes its effects; inside the caller's tenant transaction, with the enrollment locked. */
  async function step(
    tx: TenantTx,
    locked: EnrollmentWithUser,
    input: StepInput,
    sentiment: EngineUser['sentiment'] = null,
  ): Promise<AppliedStep> {
    const program = await compiledVersion(tx, locked.versionId);
    const at = now();
    const result = runStep(program, stateOf(locked), input, { user: engineUser(locked, sentiment), now: at });
    const base: AppliedStep = {
      row: locked,
      endUserName: locked.endUserName,
      outputs: [],
      messages: [],
      applied: result.applied,
      aiTurn: null,
      afterCommit: [],
    };
    if (!result.applied) return base;

    let seq = locked.stepSeq;
    const steps: Parameters<ProgramsRepository['insertSteps']>[1] = [];
    const events: Parameters<ProgramsRepository['insertEvents']>[1] = [];
    const messages: { content: string; metadata: Record<string, unknown>; createdAt: Date }[] = [];
    const tagChanges = { add: [] as string[], remove: [] as string[] };
    let handoff: Extract<StepEffect, { type: 'handoff' }> | null = null;
    for (const effect of result.effects) {
      switch (effect.type) {
        case 'message':
          base.outputs.push(effect.output);
          messages.push({
            content: effect.output.text,
            // Distinct timestamps keep the order of several messages of one step.
            createdAt: new Date(at.getTime() + messages.length),
            metadata: {
              model: 'program',
              program: {
                programId: locked.programId,
                enrollmentId: locked.id,
                nodeId: effect.output.nodeId,
                ...(effect.output.quickReplies ? { quickReplies: effect.output.quickReplies } : {}),
                ...(effect.output.media ? { media: effect.output.media } : {}),
              },
            },
          });
          break;
        case 'step':
          seq += 1;
          steps.push({
            enrollmentId: locked.id,
            seq,
            programId: locked.programId,
            nodeId: effect.nodeId,
            nodeType: effect.nodeType,
            kind: effect.kind,
            detail: effect.detail ?? null,
            at,
          });
          break;
        case 'event':
          events.push({
            programId: locked.programId,
            enrollmentId: locked.id,
            endUserId: locked.endUserId,
            name: effect.name,
            nodeId: effect.nodeId,
            data: effect.data,
          });
          break;
        case 'webhook': {
          const eventId = crypto.randomUUID();
          const body = {
            event: effect.event,
            programId: locked.programId,
            enrollmentId: locked.id,
            endUserId: locked.endUserId,
            nodeId: effect.nodeId,
            data: effect.data,
            at: at.toISOString(),
          };
          base.afterCommit.push(() => {
            deps.queue
              .enqueue(
                deliverProgramWebhookJob,
                { creatorId: tx.creatorId, eventId, url: effect.url, body },
                { singletonKey: eventId },
              )
              .catch((err) => logger.error({ err }, 'could not schedule a program webhook'));
          });
          break;
        }
        case 'tags':
          tagChanges.add.push(...effect.add);
          tagChanges.remove.push(...effect.remove);
          break;
        case 'schedule': {
          const payload = { creatorId: tx.creatorId, enrollmentId: locked.id, resumeAt: effect.resumeAt };
          base.afterCommit.push(() => {
            deps.queue
              .enqueue(resumeEnrollmentJob, payload, {
                startAfter: new Date(effect.resumeAt),
                singletonKey: `${locked.id}:${effect.resumeAt}`,
              })
              .catch((err) => logger.warn({ err }, 'could not schedule a wait (the sweeper will resume it)'));
          });
          break;
        }
        case 'handoff':
          handoff = effect;
          break;
        case 'ai_turn':
          base.aiTurn = effect;
          break;
      }
    }
    const state = result.state;
    const nodeType = state.currentNodeId ? (program.nodes.get(state.currentNodeId)?.type ?? null) : null;
    const finished = state.status === 'completed' || state.status === 'exited';
    const values = {
      status: state.status,
      currentNodeId: state.currentNodeId,
      currentNodeType: nodeType,
      variables: state.variables,
      retries: state.retries,
      aiTurns: state.aiTurns,
      resumeAt: state.resumeAt ? new Date(state.resumeAt) : null,
      progress: finished
        ? state.status === 'completed'
          ? 100
          : locked.progress
        : (program.progress.get(state.currentNodeId ?? '') ?? locked.progress),
      stepSeq: seq,
      lastActivityAt: at,
      completedAt: finished ? at : null,
    } satisfies Partial<EnrollmentRow>;
    const stored = locked.conversationId
      ? messages.map((m) => ({
          id: randomUUID(),
          conversationId: locked.conversationId as string,
          role: 'assistant' as const,
          ...m,
        }))
      : [];
    // State, history, events and messages: one statement.
    const written = await repo.writeStep(tx, {
      enrollmentId: locked.id,
      programId: locked.programId,
      endUserId: locked.endUserId,
      conversationId: locked.conversationId,
      state: values,
      steps: steps.map((x) => ({ ...x, detail: x.detail ?? null, at: x.at ?? at })),
      events: events.map((x) => ({ name: x.name, nodeId: x.nodeId ?? null, data: x.data ?? {} })),
      messages: stored,
    });
    if (tagChanges.add.length > 0 || tagChanges.remove.length > 0)
      await repo.updateTags(tx, locked.endUserId, tagChanges.add, tagChanges.remove);
    if (locked.conversationId) {
      base.messages = stored.map((m) => toMessageWithMeta(m));
      if (handoff) {
        await deps.conversations.setStatus(tx, locked.conversationId, 'human');
        await deps.alerts.insertAlert(tx, {
          kind: 'handoff_request',
          conversationId: locked.conversationId,
          endUserId: locked.endUserId,
          excerpt: `Program step: ${handoff.reason}`.slice(0, 500),
        });
      }
      const conversationId = locked.conversationId;
      const creatorId = tx.creatorId;
      const sent = base.messages;
      base.afterCommit.push(() => {
        for (const m of sent) publish(creatorId, conversationId, m);
        if (sent.length && deps.outbound)
          deps
            .outbound(
              creatorId,
              conversationId,
              sent.map((m) => m.id),
            )
            .catch((err) => logger.warn({ err }, 'could not queue program messages for their channel'));
        if (handoff) {
          deps.pubsub
            .publish(
              conversationChannel(creatorId, conversationId),
              JSON.stringify({ type: 'status', conversationId, status: 'human' }),
            )
            .catch(() => undefined);
          publishInboxAlert(deps.pubsub, creatorId, {
            conversationId,
            kind: 'handoff_request',
            excerpt: `Program step: ${handoff.reason}`,
          }).catch(() => undefined);
        }
      });
    }
    if (deps.analytics) {
      const track = analyticsOf(deps.analytics, tx.creatorId, locked, events, written.channel, stored);
      base.afterCommit.push(track);
    }
    const row: EnrollmentRow = { ...locked, ...values };
    base.row = row;
    return base;
  }

  /** The step's analytics events: the engine's program events in the catalog's terms, and each message sent. */
  function analyticsOf(
    analytics: Pick<Analytics, 'track'>,
    creatorId: string,
    locked: EnrollmentWithUser,
    events: { name: string; nodeId?: string | null }[],
    channel: Awaited<ReturnType<ProgramsRepository['writeStep']>>['channel'],
    messages: { conversationId: string }[],
  ) {
    return () => {
      const ids = { programId: locked.programId, enrollmentId: locked.id };
      const who = { endUserId: locked.endUserId };
      for (const ev of events) {
        if (ev.name === 'program.step_completed' && ev.nodeId)
          analytics.track(creatorId, 'program_step_completed', { ...ids, nodeId: ev.nodeId }, who);
        else if (ev.name === 'program.completed') analytics.track(creatorId, 'program_finished', ids, who);
        else if (ev.name === 'program.exited')
          analytics.track(creatorId, 'program_dropped', { ...ids, nodeId: ev.nodeId ?? null }, who);
      }
      if (channel)
        for (const m of messages)
          analytics.track(
            creatorId,
            'message_sent',
            { conversationId: m.conversationId, channel, role: 'program' },
            who,
          );
    };
  }

  const dto = (a: AppliedStep): StepResultDto => ({
    enrollment: toEnrollment(a.row, a.endUserName),
    outputs: a.outputs,
    applied: a.applied,
  });

  return { step, dto, compiledVersion };
}
export type EnrollmentStepper = ReturnType<typeof createEnrollmentStepper>;
