import { z } from 'zod';
import { LocaleSchema, TimeZoneSchema } from './common.ts';
import { ChannelSchema } from './conversations.ts';

/**
 * Coaching programs: a creator's multi-week program as a graph of steps
 * (React Flow compatible nodes and edges), walked by each end user at their
 * own pace. The definition is versioned by `schemaVersion`; a published
 * version is frozen and enrolled users stay on it.
 *
 * Outgoing edges leave a node through a named handle (`sourceHandle`):
 * - `next`: every node but `end` and `condition` (a question's valid answer).
 * - question: `invalid` (taken when the retries are used up) and, for choice
 *   questions, `choice:<choiceId>` (a choice without its own edge takes `next`).
 * - condition: `branch:<branchId>` for each branch, `default` otherwise.
 * - ai: `next` when the exit condition is met.
 * A missing `sourceHandle` means `next`.
 */
export const PROGRAM_SCHEMA_VERSION = 1 as const;

export const PROGRAM_NODE_TYPES = [
  'start',
  'message',
  'question',
  'condition',
  'ai',
  'wait',
  'habit',
  'milestone',
  'set',
  'webhook',
  'handoff',
  'end',
] as const;
export const ProgramNodeTypeSchema = z.enum(PROGRAM_NODE_TYPES);
export type ProgramNodeType = z.infer<typeof ProgramNodeTypeSchema>;

/** Ids of nodes, edges, choices and branches: short, stable, URL-safe. */
export const ProgramElementIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, "-" and "_"');

/** Variable names: `goal`, `weight_kg`. Built-ins live under `user.` (name, firstName, language, timeZone). */
export const VariableNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'Start with a lower-case letter; use a-z, 0-9 and "_"');

/** Text shown to the end user; `{{variable}}` and `{{user.firstName}}` are replaced when sent. */
const TemplateTextSchema = z.string().max(4096);
const LabelSchema = z.string().trim().max(120).optional();

export const MediaSchema = z.strictObject({
  kind: z.enum(['image', 'video', 'audio', 'document']),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  caption: z.string().max(1024).optional(),
});

export const StartNodeDataSchema = z.strictObject({ label: LabelSchema });

export const MessageNodeDataSchema = z.strictObject({
  label: LabelSchema,
  text: TemplateTextSchema,
  media: MediaSchema.optional(),
});

export const QUESTION_ANSWER_TYPES = ['text', 'choice', 'number', 'scale', 'date'] as const;
export const ChoiceSchema = z.strictObject({
  id: ProgramElementIdSchema,
  label: z.string().trim().min(1).max(120),
  /** Stored in the variable; defaults to the label. */
  value: z.string().max(120).optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

export const QuestionNodeDataSchema = z.strictObject({
  label: LabelSchema,
  prompt: TemplateTextSchema,
  answerType: z.enum(QUESTION_ANSWER_TYPES),
  /** Where the (normalised) answer is stored. */
  variable: VariableNameSchema,
  choices: z.array(ChoiceSchema).max(20).optional(),
  /** How choices are shown: buttons (WhatsApp: at most 3) or a list (WhatsApp: at most 10). */
  display: z.enum(['buttons', 'list']).optional(),
  /** number: bounds; scale: the ends of the scale (default 1..10); text: length bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** text: a regular expression the answer must match. */
  pattern: z.string().max(200).optional(),
  /** Sent on an invalid reply before asking again. */
  retryMessage: TemplateTextSchema.optional(),
  /** Invalid replies allowed before the `invalid` handle is taken (default 2). */
  maxRetries: z.number().int().min(0).max(10).optional(),
});
export type QuestionNodeData = z.infer<typeof QuestionNodeDataSchema>;

export const CONDITION_SOURCES = ['variable', 'tag', 'sentiment', 'time'] as const;
export const CONDITION_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'in',
  'exists',
  'not_exists',
] as const;
export const ConditionClauseSchema = z.strictObject({
  /**
   * variable: a program variable (an answer or a set value) or `user.*`;
   * tag: `exists`/`not_exists` on an end-user tag named by `value`;
   * sentiment: the last user message's sentiment (`positive`/`neutral`/`negative`);
   * time: `field` of the user's local clock.
   */
  source: z.enum(CONDITION_SOURCES),
  variable: z.string().max(80).optional(),
  field: z.enum(['weekday', 'hour', 'days_enrolled']).optional(),
  op: z.enum(CONDITION_OPERATORS),
  value: z
    .union([z.string().max(200), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)])
    .optional(),
});
export type ConditionClause = z.infer<typeof ConditionClauseSchema>;

export const ConditionBranchSchema = z.strictObject({
  id: ProgramElementIdSchema,
  label: LabelSchema,
  match: z.enum(['all', 'any']).default('all'),
  clauses: z.array(ConditionClauseSchema).min(1).max(20),
});
export type ConditionBranch = z.infer<typeof ConditionBranchSchema>;

export const ConditionNodeDataSchema = z.strictObject({
  label: LabelSchema,
  /** Tried in order; the first branch that matches is taken, else `default`. */
  branches: z.array(ConditionBranchSchema).max(20),
});

export const AiNodeDataSchema = z.strictObject({
  label: LabelSchema,
  /** What this open conversation is for, e.g. "Help the client name one obstacle". */
  goal: z.string().trim().min(1).max(1000),
  /** Said to open the conversation (optional). */
  opening: TemplateTextSchema.optional(),
  /** Knowledge used as context: documents in these folders or with these tags. Empty: the whole public base. */
  knowledge: z
    .strictObject({
      folderIds: z.array(z.uuid()).max(50).default([]),
      tags: z.array(z.string().max(60)).max(50).default([]),
    })
    .optional(),
  /** The step ends after this many user turns, or earlier when the user says one of the keywords. */
  exit: z.strictObject({
    maxTurns: z.number().int().min(1).max(50),
    keywords: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  }),
  /** Stores the user's last message of the step in this variable. */
  variable: VariableNameSchema.optional(),
});

export const WaitNodeDataSchema = z.strictObject({
  label: LabelSchema,
  mode: z.enum(['duration', 'until']),
  /** duration */
  amount: z.number().int().min(1).max(10_000).optional(),
  unit: z.enum(['minutes', 'hours', 'days', 'weeks']).optional(),
  /** until: next occurrence of this local time (HH:MM), on this weekday (0 = Sunday) if given, in the user's time zone */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  weekday: z.number().int().min(0).max(6).optional(),
});

export const HabitNodeDataSchema = z.strictObject({
  label: LabelSchema,
  name: z.string().trim().min(1).max(120),
  frequency: z.enum(['daily', 'weekly']),
  /** Times per period (e.g. 3 per week). */
  target: z.number().int().min(1).max(100).default(1),
  reminderTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  message: TemplateTextSchema.optional(),
});

export const MilestoneNodeDataSchema = z.strictObject({
  label: LabelSchema,
  name: z.string().trim().min(1).max(120),
  points: z.number().int().min(0).max(100_000).default(0),
  badge: z.string().trim().max(60).optional(),
  message: TemplateTextSchema.optional(),
});

export const VariableAssignmentSchema = z.strictObject({
  variable: VariableNameSchema,
  op: z.enum(['set', 'increment']).default('set'),
  /** set: a value or a template (`{{answer}}`); increment: a number. */
  value: z.union([z.string().max(1000), z.number(), z.boolean()]),
});

export const SetNodeDataSchema = z.strictObject({
  label: LabelSchema,
  assignments: z.array(VariableAssignmentSchema).max(50).default([]),
  addTags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  removeTags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});

export const WebhookNodeDataSchema = z.strictObject({
  label: LabelSchema,
  /** Event name recorded for analytics and integrations, e.g. `week_1_done`. */
  event: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z][a-z0-9_.]*$/),
  /** When set, the event is POSTed here as JSON (signed with the creator's webhook secret), from the worker. */
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
});

export const HandoffNodeDataSchema = z.strictObject({
  label: LabelSchema,
  reason: z.string().trim().min(1).max(500),
  message: TemplateTextSchema.optional(),
});

export const EndNodeDataSchema = z.strictObject({
  label: LabelSchema,
  message: TemplateTextSchema.optional(),
  outcome: z.enum(['completed', 'exited']).default('completed'),
});

const position = z.strictObject({ x: z.number(), y: z.number() });
const nodeOf = <T extends ProgramNodeType, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    id: ProgramElementIdSchema,
    type: z.literal(type),
    position,
    data,
  });

/** A step. React Flow's own node fields (width, selected, ...) are accepted and dropped. */
export const ProgramNodeSchema = z.discriminatedUnion('type', [
  nodeOf('start', StartNodeDataSchema),
  nodeOf('message', MessageNodeDataSchema),
  nodeOf('question', QuestionNodeDataSchema),
  nodeOf('condition', ConditionNodeDataSchema),
  nodeOf('ai', AiNodeDataSchema),
  nodeOf('wait', WaitNodeDataSchema),
  nodeOf('habit', HabitNodeDataSchema),
  nodeOf('milestone', MilestoneNodeDataSchema),
  nodeOf('set', SetNodeDataSchema),
  nodeOf('webhook', WebhookNodeDataSchema),
  nodeOf('handoff', HandoffNodeDataSchema),
  nodeOf('end', EndNodeDataSchema),
]);
export type ProgramNode = z.infer<typeof ProgramNodeSchema>;
export type ProgramNodeOf<T extends ProgramNodeType> = Extract<ProgramNode, { type: T }>;

export const ProgramEdgeSchema = z.object({
  id: ProgramElementIdSchema,
  source: ProgramElementIdSchema,
  target: ProgramElementIdSchema,
  sourceHandle: z.string().max(80).nullish(),
  label: z.string().max(120).optional(),
});
export type ProgramEdge = z.infer<typeof ProgramEdgeSchema>;

export const ProgramVariableSchema = z.strictObject({
  name: VariableNameSchema,
  type: z.enum(['text', 'number', 'boolean', 'date']).default('text'),
  /** A declared variable with a default counts as set from the start. */
  default: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
});

/** Where the program is delivered; channel limits (e.g. WhatsApp's 3 buttons) are checked for these. */
export const ProgramChannelSchema = ChannelSchema.exclude(['playground']);

export const ProgramDefinitionSchema = z.object({
  schemaVersion: z.literal(PROGRAM_SCHEMA_VERSION).default(PROGRAM_SCHEMA_VERSION),
  nodes: z.array(ProgramNodeSchema).max(10_000),
  edges: z.array(ProgramEdgeSchema).max(20_000),
  variables: z.array(ProgramVariableSchema).max(200).default([]),
  channels: z.array(ProgramChannelSchema).max(3).default(['web', 'whatsapp', 'mobile']),
  /** React Flow viewport saved by the editor. */
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type ProgramDefinition = z.infer<typeof ProgramDefinitionSchema>;
export type ProgramDefinitionInput = z.input<typeof ProgramDefinitionSchema>;

// --- validation ---------------------------------------------------------------

export const PROGRAM_ISSUE_CODES = [
  'no_start',
  'multiple_starts',
  'duplicate_id',
  'dangling_edge',
  'missing_edge',
  'unknown_handle',
  'duplicate_handle',
  'unreachable_node',
  'no_path_to_end',
  'cycle_without_pause',
  'missing_field',
  'invalid_field',
  'condition_not_exhaustive',
  'variable_used_before_set',
  'channel_limit',
  'end_has_outgoing_edge',
] as const;
export const ProgramIssueCodeSchema = z.enum(PROGRAM_ISSUE_CODES);

/** One problem in a program; `nodeId`/`edgeId` let the editor highlight it. */
export const ProgramIssueSchema = z.object({
  code: ProgramIssueCodeSchema,
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  /** The data field at fault, e.g. `choices`, `data.prompt`. */
  field: z.string().optional(),
});
export type ProgramIssue = z.infer<typeof ProgramIssueSchema>;

export const ProgramValidationSchema = z.object({
  valid: z.boolean().describe('No errors (warnings allowed)'),
  issues: z.array(ProgramIssueSchema),
});
export type ProgramValidation = z.infer<typeof ProgramValidationSchema>;

// --- programs API -------------------------------------------------------------

export const PROGRAM_STATUSES = ['draft', 'published', 'archived'] as const;
export const ProgramStatusSchema = z.enum(PROGRAM_STATUSES);

export const ProgramSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  language: LocaleSchema,
  status: ProgramStatusSchema,
  /** Latest published version number, null before the first publish. */
  publishedVersion: z.number().int().nullable(),
  /** Draft differs from the latest published version. */
  hasUnpublishedChanges: z.boolean(),
  templateKey: z.string().nullable(),
  activeEnrollments: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgramSummary = z.infer<typeof ProgramSummarySchema>;

export const ProgramSchema = ProgramSummarySchema.extend({
  draft: ProgramDefinitionSchema,
  /** Increases on every draft save; send it back to save without overwriting someone else's change. */
  draftRevision: z.number().int(),
  draftUpdatedAt: z.string(),
  validation: ProgramValidationSchema,
});
export type Program = z.infer<typeof ProgramSchema>;

export const CreateProgramBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  language: LocaleSchema.default('en'),
  /** Start from a template (see GET /program-templates); otherwise from `definition` or an empty start → end. */
  templateKey: z.string().max(80).optional(),
  definition: ProgramDefinitionSchema.optional(),
});
export type CreateProgramBody = z.input<typeof CreateProgramBodySchema>;

export const UpdateProgramBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  draft: ProgramDefinitionSchema.optional(),
  /** Required with `draft`: the revision the edit started from (409 CONFLICT if it moved on). */
  draftRevision: z.number().int().optional(),
  status: z.enum(['archived', 'draft']).optional(),
});
export type UpdateProgramBody = z.input<typeof UpdateProgramBodySchema>;

export const ListProgramsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  status: ProgramStatusSchema.optional(),
});

export const PublishProgramBodySchema = z.strictObject({
  note: z.string().trim().max(500).optional(),
});

export const ProgramVersionSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  version: z.number().int(),
  note: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  enrollments: z.number().int(),
});
export type ProgramVersion = z.infer<typeof ProgramVersionSchema>;
export const ProgramVersionDetailSchema = ProgramVersionSchema.extend({
  definition: ProgramDefinitionSchema,
});

export const ProgramVersionParamsSchema = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1),
});

export const ProgramTemplateSchema = z.object({
  key: z.string(),
  language: LocaleSchema,
  name: z.string(),
  description: z.string(),
  /** e.g. "21 days" */
  duration: z.string(),
  nodeCount: z.number().int(),
});
export type ProgramTemplate = z.infer<typeof ProgramTemplateSchema>;

// --- enrollments and the engine -------------------------------------------------

export const ENROLLMENT_STATUSES = ['active', 'waiting', 'completed', 'exited'] as const;
export const EnrollmentStatusSchema = z.enum(ENROLLMENT_STATUSES);
export type EnrollmentStatus = z.infer<typeof EnrollmentStatusSchema>;

export const VariableValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const VariablesSchema = z.record(z.string(), VariableValueSchema);
export type Variables = z.infer<typeof VariablesSchema>;

export const EnrollmentSchema = z.object({
  id: z.uuid(),
  programId: z.uuid(),
  version: z.number().int(),
  endUserId: z.uuid(),
  endUserName: z.string().nullable(),
  conversationId: z.uuid().nullable(),
  status: EnrollmentStatusSchema,
  currentNodeId: z.string().nullable(),
  currentNodeType: ProgramNodeTypeSchema.nullable(),
  /** 0..100, from the shortest remaining path to an end. */
  progress: z.number().int(),
  variables: VariablesSchema,
  /** When a wait step resumes. */
  resumeAt: z.string().nullable(),
  startedAt: z.string(),
  lastActivityAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

export const EnrollmentStepSchema = z.object({
  seq: z.number().int(),
  nodeId: z.string(),
  nodeType: ProgramNodeTypeSchema,
  /** entered, answered, invalid_answer, retried, branch, waited, resumed, sent, emitted, completed, exited */
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type EnrollmentStep = z.infer<typeof EnrollmentStepSchema>;

export const EnrollmentDetailSchema = EnrollmentSchema.extend({ steps: z.array(EnrollmentStepSchema) });

export const EnrollBodySchema = z.strictObject({
  endUserId: z.uuid(),
  /** The conversation program messages go to; by default the user's latest conversation, or a new web one. */
  conversationId: z.uuid().optional(),
  variables: z
    .record(VariableNameSchema, z.union([z.string().max(1000), z.number(), z.boolean()]))
    .optional(),
});

export const ListEnrollmentsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  status: EnrollmentStatusSchema.optional(),
  nodeId: z.string().max(64).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

/** A user's reply handed to the program directly (channels also route conversation messages here). */
export const EnrollmentInputBodySchema = z.strictObject({
  text: z.string().min(1).max(4000),
  /** Idempotency key: the same id is applied once (a redelivered message does not advance twice). */
  messageId: z.string().min(1).max(200),
});

/** What a program says to the user: a message, with quick replies for choice questions. */
export const ProgramOutputSchema = z.object({
  nodeId: z.string(),
  text: z.string(),
  media: MediaSchema.optional(),
  quickReplies: z.array(z.strictObject({ id: z.string(), label: z.string() })).optional(),
});
export type ProgramOutput = z.infer<typeof ProgramOutputSchema>;

export const StepResultSchema = z.object({
  enrollment: EnrollmentSchema,
  /** Messages sent to the user by this step (in order). */
  outputs: z.array(ProgramOutputSchema),
  /** false when the input was a duplicate (already applied) or the enrollment was not expecting input. */
  applied: z.boolean(),
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const MigrateEnrollmentsBodySchema = z.strictObject({
  fromVersion: z.number().int().min(1),
  /** Defaults to the latest published version. */
  toVersion: z.number().int().min(1).optional(),
  /** Old node id → new node id, for steps that were moved or renamed. Same ids map to themselves. */
  nodeMapping: z.record(z.string(), z.string()).default({}),
  /** Only these enrollments (default: every active/waiting one on fromVersion). */
  enrollmentIds: z.array(z.uuid()).max(10_000).optional(),
});
export const MigrateEnrollmentsResultSchema = z.object({
  migrated: z.number().int(),
  toVersion: z.number().int(),
});

export const ProgramStatsSchema = z.object({
  enrolled: z.number().int(),
  active: z.number().int(),
  waiting: z.number().int(),
  completed: z.number().int(),
  exited: z.number().int(),
  completionRate: z.number().describe('completed / enrolled, 0..1'),
  averageProgress: z.number(),
  /** Per node: users who reached it, users there now, and users who stopped there (no activity for 7 days or exited). */
  funnel: z.array(
    z.object({
      nodeId: z.string(),
      nodeType: ProgramNodeTypeSchema,
      label: z.string(),
      reached: z.number().int(),
      current: z.number().int(),
      droppedOff: z.number().int(),
    }),
  ),
});
export type ProgramStats = z.infer<typeof ProgramStatsSchema>;

// --- simulation -----------------------------------------------------------------

export const SimulateBodySchema = z.strictObject({
  /** Defaults to the program's draft. */
  definition: ProgramDefinitionSchema.optional(),
  /** `script`: one run with these answers; `all_branches`: one run per branch, reporting nodes never reached. */
  mode: z.enum(['script', 'all_branches']).default('script'),
  /** Replies given in order whenever the program waits for input. */
  answers: z.array(z.string().max(4000)).max(500).default([]),
  user: z
    .strictObject({
      name: z.string().max(120).default('Alex Doe'),
      language: LocaleSchema.optional(),
      timeZone: TimeZoneSchema.default('UTC'),
      tags: z.array(z.string().max(60)).max(50).default([]),
      sentiment: z.enum(['positive', 'neutral', 'negative']).default('neutral'),
    })
    .default({ name: 'Alex Doe', timeZone: 'UTC', tags: [], sentiment: 'neutral' }),
  /** Virtual clock start (default: now). */
  startAt: z.iso.datetime({ offset: true }).optional(),
  maxSteps: z.number().int().min(1).max(20_000).default(2_000),
});
export type SimulateBody = z.input<typeof SimulateBodySchema>;

export const SimulationEntrySchema = z.object({
  /** Virtual time of the entry. */
  at: z.string(),
  from: z.enum(['program', 'user', 'system']),
  nodeId: z.string().nullable(),
  text: z.string(),
  quickReplies: z.array(z.string()).optional(),
});

export const SimulationRunSchema = z.object({
  /** completed/exited: reached an end; awaiting_input: answers ran out; step_limit: maxSteps reached. */
  outcome: z.enum(['completed', 'exited', 'awaiting_input', 'step_limit', 'handoff']),
  path: z.array(z.string()),
  transcript: z.array(SimulationEntrySchema),
  variables: VariablesSchema,
  /** Virtual time the run took (e.g. 21 days of waits). */
  elapsedMs: z.number(),
  answersUsed: z.array(z.string()).optional(),
});
export type SimulationRun = z.infer<typeof SimulationRunSchema>;

export const SimulationResultSchema = z.object({
  validation: ProgramValidationSchema,
  runs: z.array(SimulationRunSchema),
  /** all_branches: nodes no run reached. */
  unreachedNodeIds: z.array(z.string()),
  /** Real time the simulation took. */
  durationMs: z.number(),
});
export type SimulationResult = z.infer<typeof SimulationResultSchema>;
