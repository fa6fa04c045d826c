import {
  type CreateProgramBodySchema,
  type EnrollmentStep,
  type MessageWithMeta,
  type ProgramDefinition,
  ProgramDefinitionSchema,
  type ProgramNodeType,
  type ProgramStats,
  type ProgramVersion,
  type SimulateBodySchema,
  type StepResult as StepResultDto,
  type UpdateProgramBody,
  validateProgram,
} from '@companero/contracts';
import type { Database, TenantTx } from '@companero/db';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { JobQueue } from '../../platform/queue/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AssistantRepository } from '../assistant/assistant.repository.ts';
import type { ConversationsRepository } from '../conversations/conversations.repository.ts';
import type { EndUsersRepository } from '../end-users/end-users.repository.ts';
import { initialState } from './engine/run-step.ts';
import { simulateProgram } from './engine/simulate.ts';
import type { EngineUser } from './engine/types.ts';
import { type AppliedStep, createEnrollmentStepper } from './enrollment-stepper.ts';
import { blankProgram, compileSafe, labelOf, toEnrollment, toSummary } from './programs.mappers.ts';
import {
  dueEnrollments,
  type EnrollmentRow,
  type ProgramRow,
  type ProgramsRepository,
} from './programs.repository.ts';
import { findTemplate, PROGRAM_TEMPLATES } from './templates/index.ts';

export { toEnrollment } from './programs.mappers.ts';

/** A user with no activity for this long at a step counts as dropped off there. */
const DROP_OFF_AFTER_MS = 7 * 24 * 3600_000;

/** Outcome of handing a conversation message to the user's program. */
export type ConversationHandling =
  /** No live program step wanted it: the AI coach answers as usual. */
  | { kind: 'none' }
  /** The program consumed it (an answer); these messages were sent. */
  | { kind: 'handled'; messages: MessageWithMeta[] }
  /** An ai step is running: the AI coach answers, pursuing this goal. */
  | { kind: 'ai_turn'; goal: string; knowledge: { folderIds: string[]; tags: string[] } };

/**
 * Coaching programs: drafts with optimistic-concurrency autosave, validation,
 * frozen published versions, templates, simulation, and the engine that walks
 * each enrolled user through their pinned version — one locked, idempotent
 * tenant transaction per step, waits held in the enrollment row and resumed by
 * the worker.
 */
export function createProgramsService(deps: {
  db: Database;
  repo: ProgramsRepository;
  queue: Pick<JobQueue, 'enqueue'>;
  pubsub: Pick<PubSub, 'publish'>;
  /** The conversation a program talks in, and its handoff status. */
  conversations: Pick<ConversationsRepository, 'find' | 'insert' | 'latestOpen' | 'setStatus'>;
  endUsers: Pick<EndUsersRepository, 'find'>;
  /** Handoff steps raise an alert for the creator. */
  alerts: Pick<AssistantRepository, 'insertAlert'>;
  /** Step messages in WhatsApp conversations are sent on through the channel. */
  outbound?: (creatorId: string, conversationId: string, messageIds: string[]) => Promise<void>;
  /**
   * Enrollments, steps completed, programs finished or dropped, step messages
   * and conversations a program starts go to analytics, after commit; none in some tests.
   */
  analytics?: Pick<Analytics, 'track'>;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  now?: () => Date;
}) {
  const { db, repo, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const { step, dto, compiledVersion } = createEnrollmentStepper(deps);

  async function loadProgram(tx: TenantTx, id: string) {
    const found = await repo.find(tx, id);
    if (!found) throw notFound('Program');
    return found;
  }

  function toProgram(row: ProgramRow, activeEnrollments: number) {
    const draft = ProgramDefinitionSchema.parse(row.definition);
    return {
      ...toSummary(row, activeEnrollments),
      draft,
      draftRevision: row.draftRevision,
      draftUpdatedAt: row.draftUpdatedAt.toISOString(),
      validation: validateProgram(draft),
    };
  }

  return {
    templates() {
      return PROGRAM_TEMPLATES.map((t) => ({
        key: t.key,
        language: t.language,
        name: t.name,
        description: t.description,
        duration: t.duration,
        nodeCount: t.definition.nodes.length,
      }));
    },

    async list(ctx: TenantContext, query: { limit: number; cursor?: string; status?: ProgramRow['status'] }) {
      const after = decodeCursor(query.cursor);
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx, { ...query, after }));
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => toSummary(r.program, r.activeEnrollments)),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor(last.program.updatedAt, last.program.id) : null,
      };
    },

    async create(ctx: TenantContext, body: z.output<typeof CreateProgramBodySchema>) {
      let definition = body.definition;
      if (body.templateKey) {
        const template = findTemplate(body.templateKey, body.language);
        if (!template)
          throw new AppError('VALIDATION_FAILED', `body.templateKey: no template "${body.templateKey}"`, {
            errors: [{ path: 'body.templateKey', message: 'Unknown template', code: 'unknown_template' }],
          });
        definition = structuredClone(template.definition);
      }
      const row = await db.withTenant(ctx.creatorId, (tx) =>
        repo.insert(tx, {
          name: body.name,
          description: body.description ?? null,
          language: body.language,
          definition: definition ?? blankProgram(body.language),
          templateKey: body.templateKey ?? null,
        }),
      );
      return toProgram(row, 0);
    },

    async get(ctx: TenantContext, id: string) {
      const found = await db.readAsTenant(ctx.creatorId, (tx) => loadProgram(tx, id));
      return toProgram(found.program, found.activeEnrollments);
    },

    async update(ctx: TenantContext, id: string, body: UpdateProgramBody) {
      if (body.draft !== undefined && body.draftRevision === undefined)
        throw new AppError('VALIDATION_FAILED', 'body.draftRevision: required when saving the draft', {
          errors: [{ path: 'body.draftRevision', message: 'Required with draft', code: 'invalid_type' }],
        });
      return db.withTenant(ctx.creatorId, async (tx) => {
        const current = await loadProgram(tx, id);
        const values: Parameters<ProgramsRepository['update']>[2] = {};
        if (body.name !== undefined) values.name = body.name;
        if (body.description !== undefined) values.description = body.description;
        if (body.status !== undefined)
          values.status =
            body.status === 'archived'
              ? 'archived'
              : current.program.publishedVersion
                ? 'published'
                : 'draft';
        if (body.draft !== undefined) {
          values.definition = ProgramDefinitionSchema.parse(body.draft);
          values.draftRevision = current.program.draftRevision + 1;
          values.draftUpdatedAt = now();
        }
        const row = await repo.update(
          tx,
          id,
          values,
          body.draft !== undefined ? body.draftRevision : undefined,
        );
        if (!row)
          throw new AppError(
            'CONFLICT',
            `The draft was saved elsewhere (revision ${current.program.draftRevision}); reload to see it`,
          );
        return toProgram(row, current.activeEnrollments);
      });
    },

    async delete(ctx: TenantContext, id: string) {
      const deleted = await db.withTenant(ctx.creatorId, (tx) => repo.delete(tx, id));
      if (!deleted) throw notFound('Program');
    },

    validate(definition: ProgramDefinition) {
      return validateProgram(definition);
    },

    async publish(ctx: TenantContext, id: string, body: { note?: string }): Promise<ProgramVersion> {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const program = await repo.lock(tx, id);
        if (!program) throw notFound('Program');
        const definition = ProgramDefinitionSchema.parse(program.definition);
        const validation = validateProgram(definition);
        if (!validation.valid) {
          const errors = validation.issues.filter((i) => i.severity === 'error');
          throw new AppError(
            'PROGRAM_INVALID',
            `The program has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them before publishing`,
            {
              errors: errors.slice(0, 100).map((i) => ({
                path: i.nodeId ? `node:${i.nodeId}` : i.edgeId ? `edge:${i.edgeId}` : 'program',
                message: i.message,
                code: i.code,
              })),
            },
          );
        }
        const version = (program.publishedVersion ?? 0) + 1;
        const row = await repo.insertVersion(tx, {
          programId: id,
          version,
          definition,
          note: body.note ?? null,
          publishedBy: ctx.actor.type === 'creator' ? 'creator' : `api_key:${ctx.actor.id}`,
        });
        await repo.update(tx, id, {
          publishedVersion: version,
          publishedRevision: program.draftRevision,
          status: 'published',
        });
        return {
          id: row.id,
          programId: id,
          version,
          note: row.note,
          publishedAt: row.publishedAt.toISOString(),
          publishedBy: row.publishedBy,
          enrollments: 0,
        };
      });
    },

    async versions(ctx: TenantContext, id: string): Promise<ProgramVersion[]> {
      return db.withTenant(ctx.creatorId, async (tx) => {
        await loadProgram(tx, id);
        const rows = await repo.listVersions(tx, id);
        return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
      });
    },

    async version(ctx: TenantContext, id: string, version: number) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const row = await repo.findVersion(tx, id, version);
        if (!row) throw notFound('Program version');
        const all = await repo.listVersions(tx, id);
        return {
          id: row.id,
          programId: id,
          version: row.version,
          note: row.note,
          publishedAt: row.publishedAt.toISOString(),
          publishedBy: row.publishedBy,
          enrollments: all.find((v) => v.version === version)?.enrollments ?? 0,
          definition: ProgramDefinitionSchema.parse(row.definition),
        };
      });
    },

    async simulate(ctx: TenantContext, id: string, body: z.output<typeof SimulateBodySchema>) {
      const found = await db.readAsTenant(ctx.creatorId, (tx) => loadProgram(tx, id));
      // The editor sends its unsaved draft; otherwise the stored one. The virtual user speaks the program's language.
      const definition = body.definition ?? ProgramDefinitionSchema.parse(found.program.definition);
      return simulateProgram(definition, body, { now: now(), language: found.program.language });
    },

    async stats(ctx: TenantContext, id: string): Promise<ProgramStats> {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const found = await loadProgram(tx, id);
        const counts = await repo.statusCounts(tx, id);
        const funnel = await repo.funnel(tx, id, new Date(now().getTime() - DROP_OFF_AFTER_MS));
        const by = (st: string) => counts.find((c) => c.status === st)?.n ?? 0;
        const enrolled = counts.reduce((a, c) => a + c.n, 0);
        const avgProgress = enrolled === 0 ? 0 : counts.reduce((a, c) => a + c.progress * c.n, 0) / enrolled;
        // Funnel order: the published definition (else the draft), start first.
        const definition = ProgramDefinitionSchema.parse(found.program.definition);
        let nodes = definition.nodes;
        if (found.program.publishedVersion) {
          const v = await repo.findVersion(tx, id, found.program.publishedVersion);
          if (v) nodes = ProgramDefinitionSchema.parse(v.definition).nodes;
        }
        const progress = compileSafe(definition);
        const ordered = [...nodes].sort(
          (a, b) => (progress?.get(a.id) ?? 0) - (progress?.get(b.id) ?? 0) || a.position.y - b.position.y,
        );
        const reached = new Map(funnel.reached.map((r) => [r.nodeId, r.n]));
        const current = new Map(funnel.current.map((r) => [r.nodeId ?? '', r]));
        const exitedAt = new Map(funnel.exitedAt.map((r) => [r.nodeId, r.n]));
        return {
          enrolled,
          active: by('active'),
          waiting: by('waiting'),
          completed: by('completed'),
          exited: by('exited'),
          completionRate: enrolled === 0 ? 0 : by('completed') / enrolled,
          averageProgress: Math.round(avgProgress * 10) / 10,
          funnel: ordered.map((n) => ({
            nodeId: n.id,
            nodeType: n.type,
            label: labelOf(n),
            reached: reached.get(n.id) ?? 0,
            current: current.get(n.id)?.now ?? 0,
            droppedOff:
              (current.get(n.id)?.dropped ?? 0) + (n.type === 'end' ? 0 : (exitedAt.get(n.id) ?? 0)),
          })),
        };
      });
    },

    /** Enrolls a user in the latest published version and runs the program up to its first pause. */
    async enroll(
      ctx: TenantContext,
      programId: string,
      body: {
        endUserId: string;
        conversationId?: string;
        variables?: Record<string, string | number | boolean>;
      },
    ): Promise<StepResultDto> {
      const { applied, enrollmentId, conversation } = await db.withTenant(ctx.creatorId, async (tx) => {
        const found = await loadProgram(tx, programId);
        if (found.program.status === 'archived')
          throw new AppError('CONFLICT', 'This program is archived; restore it to enroll users');
        if (!found.program.publishedVersion)
          throw new AppError('CONFLICT', 'Publish the program before enrolling users');
        const version = await repo.findVersion(tx, programId, found.program.publishedVersion);
        if (!version) throw notFound('Program version');
        if (!(await deps.endUsers.find(tx, body.endUserId)))
          throw new AppError('VALIDATION_FAILED', 'body.endUserId: no such end user', {
            errors: [{ path: 'body.endUserId', message: 'No such end user', code: 'not_found' }],
          });
        const conversation = await resolveConversation(tx, body.endUserId, body.conversationId);
        const conversationId = conversation.id;
        const start = now();
        const state = initialState(start, body.variables);
        const inserted = await repo.insertEnrollment(tx, {
          programId,
          versionId: version.id,
          version: version.version,
          endUserId: body.endUserId,
          conversationId,
          status: 'active',
          variables: state.variables,
          startedAt: start,
          lastActivityAt: start,
        });
        if (!inserted) throw new AppError('CONFLICT', 'This user is already enrolled in this program');
        await repo.insertEvents(tx, [
          {
            programId,
            enrollmentId: inserted.id,
            endUserId: body.endUserId,
            name: 'program.enrolled',
            nodeId: null,
            data: { version: version.version },
          },
        ]);
        const locked = await repo.lockWithUser(tx, inserted.id);
        if (!locked) throw notFound('Enrollment');
        const applied = await step(tx, locked, { kind: 'start' });
        return { applied, enrollmentId: inserted.id, conversation };
      });
      const who = { endUserId: body.endUserId };
      if (conversation.started)
        deps.analytics?.track(
          ctx.creatorId,
          'conversation_started',
          { conversationId: conversation.id, channel: conversation.channel },
          who,
        );
      deps.analytics?.track(ctx.creatorId, 'program_enrolled', { programId, enrollmentId }, who);
      for (const fn of applied.afterCommit) fn();
      return dto(applied);
    },

    async enrollments(
      ctx: TenantContext,
      programId: string,
      q: {
        limit: number;
        cursor?: string;
        status?: EnrollmentRow['status'];
        nodeId?: string;
        version?: number;
      },
    ) {
      const after = decodeCursor(q.cursor);
      return db.withTenant(ctx.creatorId, async (tx) => {
        await loadProgram(tx, programId);
        const rows = await repo.listEnrollments(tx, programId, {
          ...q,
          after: after ? { createdAt: after.createdAt, id: after.id } : undefined,
        });
        const items = rows.slice(0, q.limit);
        const last = items[items.length - 1];
        return {
          items: items.map((r) => toEnrollment(r.enrollment, r.endUserName)),
          nextCursor:
            rows.length > q.limit && last
              ? encodeCursor(last.enrollment.lastActivityAt, last.enrollment.id)
              : null,
        };
      });
    },

    async enrollment(ctx: TenantContext, enrollmentId: string) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const found = await repo.findEnrollment(tx, enrollmentId);
        if (!found) throw notFound('Enrollment');
        const steps = await repo.steps(tx, enrollmentId);
        return {
          ...toEnrollment(found.enrollment, found.endUserName),
          steps: steps.map(
            (s): EnrollmentStep => ({
              seq: s.seq,
              nodeId: s.nodeId,
              nodeType: s.nodeType as ProgramNodeType,
              kind: s.kind,
              detail: s.detail ?? null,
              at: s.at.toISOString(),
            }),
          ),
        };
      });
    },

    /**
     * `execute_program_step`: applies a user's reply once per `messageId`
     * (a redelivery is a no-op) under a row lock (concurrent replies for the
     * same user run one after the other; none is lost or applied twice).
     */
    async input(
      ctx: TenantContext | { creatorId: string },
      enrollmentId: string,
      body: { text: string; messageId: string },
      sentiment: EngineUser['sentiment'] = null,
    ): Promise<StepResultDto & { aiTurn: AppliedStep['aiTurn']; messages: MessageWithMeta[] }> {
      const applied = await db.withTenant(ctx.creatorId, async (tx) => {
        const locked = await repo.claimAndLock(tx, enrollmentId, body.messageId);
        if (!locked) throw notFound('Enrollment');
        if (!locked.fresh)
          return {
            row: locked,
            endUserName: locked.endUserName,
            outputs: [],
            messages: [],
            applied: false,
            aiTurn: null,
            afterCommit: [],
          } satisfies AppliedStep;
        return step(tx, locked, { kind: 'reply', text: body.text }, sentiment);
      });
      for (const fn of applied.afterCommit) fn();
      return { ...dto(applied), aiTurn: applied.aiTurn, messages: applied.messages };
    },

    async exit(ctx: TenantContext, enrollmentId: string) {
      const { enrollment, dropped } = await db.withTenant(ctx.creatorId, async (tx) => {
        const locked = await repo.lockWithUser(tx, enrollmentId);
        if (!locked) throw notFound('Enrollment');
        if (locked.status === 'completed' || locked.status === 'exited')
          return { enrollment: toEnrollment(locked, locked.endUserName), dropped: null };
        const at = now();
        const row = await repo.updateEnrollment(tx, enrollmentId, {
          status: 'exited',
          resumeAt: null,
          completedAt: at,
          lastActivityAt: at,
          stepSeq: locked.stepSeq + 1,
        });
        if (locked.currentNodeId)
          await repo.insertSteps(tx, [
            {
              enrollmentId,
              seq: locked.stepSeq + 1,
              programId: locked.programId,
              nodeId: locked.currentNodeId,
              nodeType: locked.currentNodeType ?? 'start',
              kind: 'exited',
              detail: { reason: 'removed_by_creator' },
              at,
            },
          ]);
        await repo.insertEvents(tx, [
          {
            programId: locked.programId,
            enrollmentId,
            endUserId: locked.endUserId,
            name: 'program.exited',
            nodeId: locked.currentNodeId,
            data: { reason: 'removed_by_creator' },
          },
        ]);
        return { enrollment: toEnrollment(row ?? locked, locked.endUserName), dropped: locked };
      });
      if (dropped)
        deps.analytics?.track(
          ctx.creatorId,
          'program_dropped',
          { programId: dropped.programId, enrollmentId, nodeId: dropped.currentNodeId },
          { endUserId: dropped.endUserId },
        );
      return enrollment;
    },

    /** Moves live enrollments from one version to another, mapping their current step. */
    async migrate(
      ctx: TenantContext,
      programId: string,
      body: {
        fromVersion: number;
        toVersion?: number;
        nodeMapping: Record<string, string>;
        enrollmentIds?: string[];
      },
    ) {
      return db.withTenant(ctx.creatorId, async (tx) => {
        const found = await loadProgram(tx, programId);
        const toVersion = body.toVersion ?? found.program.publishedVersion;
        if (!toVersion) throw new AppError('CONFLICT', 'The program has no published version');
        const target = await repo.findVersion(tx, programId, toVersion);
        if (!target) throw notFound('Program version');
        if (!(await repo.findVersion(tx, programId, body.fromVersion))) throw notFound('Program version');
        const program = await compiledVersion(tx, target.id);
        const rows = await repo.lockLiveOnVersion(tx, programId, body.fromVersion, body.enrollmentIds);
        const unmapped = new Set<string>();
        for (const r of rows) {
          const to = body.nodeMapping[r.currentNodeId ?? ''] ?? r.currentNodeId;
          if (!to || !program.nodes.has(to)) unmapped.add(r.currentNodeId ?? '(none)');
        }
        if (unmapped.size > 0)
          throw new AppError(
            'VALIDATION_FAILED',
            `body.nodeMapping: map these steps to steps of version ${toVersion}: ${[...unmapped].join(', ')}`,
            {
              errors: [...unmapped].map((n) => ({
                path: `body.nodeMapping.${n}`,
                message: `Step "${n}" does not exist in version ${toVersion}`,
                code: 'unmapped_step',
              })),
            },
          );
        const at = now();
        for (const r of rows) {
          const to = body.nodeMapping[r.currentNodeId ?? ''] ?? (r.currentNodeId as string);
          const node = program.nodes.get(to);
          await repo.updateEnrollment(tx, r.id, {
            versionId: target.id,
            version: toVersion,
            currentNodeId: to,
            currentNodeType: node?.type ?? null,
            progress: program.progress.get(to) ?? r.progress,
            retries: 0,
            lastActivityAt: at,
            stepSeq: r.stepSeq + 1,
          });
          await repo.insertSteps(tx, [
            {
              enrollmentId: r.id,
              seq: r.stepSeq + 1,
              programId,
              nodeId: to,
              nodeType: node?.type ?? 'start',
              kind: 'migrated',
              detail: { fromVersion: body.fromVersion, toVersion, fromNodeId: r.currentNodeId },
              at,
            },
          ]);
        }
        return { migrated: rows.length, toVersion };
      });
    },

    /** The worker's resume of one wait (idempotent: not due or not waiting → nothing happens). */
    async resume(creatorId: string, enrollmentId: string) {
      const applied = await db.withTenant(creatorId, async (tx) => {
        const locked = await repo.lockWithUser(tx, enrollmentId);
        if (!locked || locked.status !== 'waiting') return null;
        return step(tx, locked, { kind: 'resume' });
      });
      if (applied) for (const fn of applied.afterCommit) fn();
      return applied?.applied ?? false;
    },

    /** Resumes every enrollment whose wait is over (after a restart, or when a resume job was lost). */
    async resumeDue(limit = 500) {
      const due = await db.withSystem('program waits: enrollments whose wait is over', (tx) =>
        dueEnrollments(tx, now(), limit),
      );
      let resumed = 0;
      for (const d of due) {
        try {
          if (await this.resume(d.creatorId, d.enrollmentId)) resumed += 1;
        } catch (err) {
          logger.error({ err, enrollmentId: d.enrollmentId }, 'could not resume a program wait');
        }
      }
      return resumed;
    },

    /**
     * A message an end user posted in a conversation: if a program of theirs
     * is waiting for an answer there, the program takes it (once per message id).
     */
    async handleConversationMessage(
      creatorId: string,
      conversationId: string,
      message: { id: string; text: string },
      sentiment: EngineUser['sentiment'],
    ): Promise<ConversationHandling> {
      const live = await db.readAsTenant(creatorId, (tx) => repo.liveForConversation(tx, conversationId));
      const target = live.find(
        (l) => l.status === 'active' && (l.currentNodeType === 'question' || l.currentNodeType === 'ai'),
      );
      if (!target) return { kind: 'none' };
      const result = await this.input(
        { creatorId },
        target.id,
        { text: message.text, messageId: message.id },
        sentiment,
      );
      if (result.aiTurn)
        return { kind: 'ai_turn', goal: result.aiTurn.goal, knowledge: result.aiTurn.knowledge };
      if (!result.applied) return { kind: 'none' };
      return { kind: 'handled', messages: result.messages };
    },
  };

  async function resolveConversation(tx: TenantTx, endUserId: string, conversationId?: string) {
    if (conversationId) {
      const found = await deps.conversations.find(tx, conversationId);
      if (!found || found.endUserId !== endUserId)
        throw new AppError('VALIDATION_FAILED', 'body.conversationId: not a conversation of this end user', {
          errors: [
            {
              path: 'body.conversationId',
              message: 'Not a conversation of this end user',
              code: 'not_found',
            },
          ],
        });
      return { id: found.id, channel: found.channel, started: false };
    }
    const latest = await deps.conversations.latestOpen(tx, endUserId);
    if (latest) return { id: latest.id, channel: latest.channel, started: false };
    const created = await deps.conversations.insert(tx, { endUserId, channel: 'web' });
    return { id: created.id, channel: created.channel, started: true };
  }
}
export type ProgramsService = ReturnType<typeof createProgramsService>;
