import { z } from 'zod';
import { ChannelSchema } from './conversations.ts';

/**
 * The analytics event catalog: every event the platform records, each with
 * the exact data it carries. Server code records them with `track()`; apps
 * send them in batches to `POST /analytics/events`, where each event is
 * validated on its own (a bad one is reported, the good ones are kept).
 */

const id = z.uuid();
const money = z.object({
  amountCents: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
});

export const ANALYTICS_EVENT_DATA = {
  conversation_started: z.strictObject({ conversationId: id, channel: ChannelSchema }),
  message_received: z.strictObject({
    conversationId: id,
    channel: ChannelSchema,
    /** The message's sentiment when it was judged at once (phrase lists); the model's later review is not waited for. */
    sentiment: z.enum(['negative', 'neutral', 'positive']).nullable().optional(),
  }),
  message_sent: z.strictObject({
    conversationId: id,
    channel: ChannelSchema,
    role: z.enum(['assistant', 'creator', 'program']),
  }),
  ai_answer: z.strictObject({
    conversationId: id,
    latencyMs: z.number().min(0).max(600_000),
    firstTokenMs: z.number().min(0).max(600_000).nullable(),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    groundedness: z.number().min(0).max(1).nullable(),
    noAnswer: z.boolean(),
    model: z.string().max(200),
    /** The client's message this answers (unanswered questions are listed from it). */
    questionId: id.optional(),
  }),
  feedback: z.strictObject({ messageId: id, rating: z.enum(['up', 'down']) }),
  program_enrolled: z.strictObject({ programId: id, enrollmentId: id }),
  program_step_completed: z.strictObject({ programId: id, enrollmentId: id, nodeId: z.string().max(100) }),
  program_finished: z.strictObject({ programId: id, enrollmentId: id }),
  program_dropped: z.strictObject({
    programId: id,
    enrollmentId: id,
    nodeId: z.string().max(100).nullable(),
  }),
  habit_logged: z.strictObject({ habit: z.string().min(1).max(100), programId: id.optional() }),
  document_cited: z.strictObject({ documentId: id, chunkId: id.nullable(), conversationId: id }),
  widget_loaded: z.strictObject({ visitorId: z.string().max(64).nullable() }),
  widget_opened: z.strictObject({ visitorId: z.string().max(64).nullable() }),
  handoff: z.strictObject({
    conversationId: id,
    reason: z.enum(['user_request', 'crisis', 'program', 'creator']),
  }),
  subscription_started: z.strictObject({
    subscriptionId: z.string().max(200),
    plan: z.string().max(100),
    ...money.shape,
  }),
  subscription_renewed: z.strictObject({
    subscriptionId: z.string().max(200),
    plan: z.string().max(100),
    ...money.shape,
  }),
  subscription_cancelled: z.strictObject({ subscriptionId: z.string().max(200), plan: z.string().max(100) }),
} as const;

export type AnalyticsEventType = keyof typeof ANALYTICS_EVENT_DATA;
export const ANALYTICS_EVENT_TYPES = Object.keys(ANALYTICS_EVENT_DATA) as AnalyticsEventType[];
export type AnalyticsEventData<T extends AnalyticsEventType> = z.infer<(typeof ANALYTICS_EVENT_DATA)[T]>;

/** One event as an app sends it. `at` defaults to when the server received it. */
export const AnalyticsEventSchema = z.discriminatedUnion(
  'type',
  ANALYTICS_EVENT_TYPES.map((type) =>
    z.strictObject({
      type: z.literal(type),
      at: z.iso.datetime({ offset: true }).optional(),
      endUserId: id.optional(),
      data: ANALYTICS_EVENT_DATA[type],
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const IngestEventsBodySchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(500).describe('Each one validated on its own against the catalog'),
});

export const IngestEventsResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int().describe('Position in the batch'),
      path: z.string(),
      message: z.string(),
    }),
  ),
});
export type IngestEventsResult = z.infer<typeof IngestEventsResultSchema>;

/** Live counters: today and this hour (UTC buckets), per event type. */
export const LiveCountersSchema = z.object({
  hour: z.record(z.string(), z.number().int()),
  day: z.record(z.string(), z.number().int()),
  source: z.enum(['cache', 'database']).describe('`database` when the cache could not answer'),
});

// ---------------------------------------------------------------------------
// The overview: what the dashboard shows for a period, in the creator's time zone.

export const ANALYTICS_PERIODS = ['today', '7d', '30d', '90d', 'custom'] as const;
const localDate = z.iso.date().describe('A day in the creator’s time zone (YYYY-MM-DD)');

const periodShape = {
  period: z.enum(ANALYTICS_PERIODS).default('30d'),
  from: localDate.optional().describe('First day, with period=custom'),
  to: localDate.optional().describe('Last day (included), with period=custom'),
};
function refinePeriod(q: { period: string; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.period !== 'custom') return;
  if (!q.from || !q.to)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs from and to' });
  else if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > 366)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period is at most 366 days' });
}
export const AnalyticsPeriodQuerySchema = z.strictObject(periodShape).superRefine(refinePeriod);
export type AnalyticsPeriodQuery = z.infer<typeof AnalyticsPeriodQuerySchema>;

export const KPI_KEYS = [
  'activeUsers',
  'conversations',
  'messagesReceived',
  'messagesPerUser',
  'sessions',
  'avgSessionSeconds',
  'aiAnswers',
  'latencyP50Ms',
  'latencyP95Ms',
  'satisfaction',
  'groundedness',
  'noAnswerRate',
  'handoffRate',
  'programCompletionRate',
  'revenueCents',
  'mrrCents',
  'activeSubscriptions',
  'conversionRate',
  'churnRate',
  'revenuePerUserCents',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

const num = z.number().nullable().describe('null when there is nothing to measure (a rate with no base)');
export const KpiSchema = z.object({
  key: z.enum(KPI_KEYS),
  value: num,
  previous: num.describe('The same measure over the previous period of equal length'),
  /** (value − previous) / previous; null when either is null or previous is 0. */
  delta: z.number().nullable(),
});
export type Kpi = z.infer<typeof KpiSchema>;

export const SeriesPointSchema = z.object({
  /** A local day (YYYY-MM-DD), or a local hour (YYYY-MM-DDTHH:00) for period=today. */
  at: z.string(),
  activeUsers: z.number().int(),
  messagesReceived: z.number().int(),
  messagesSent: z.number().int(),
  conversations: z.number().int(),
  aiAnswers: z.number().int(),
  latencyP95Ms: z.number().nullable(),
  handoffs: z.number().int(),
  feedbackUp: z.number().int(),
  feedbackDown: z.number().int(),
  sentimentNegative: z.number().int(),
  sentimentNeutral: z.number().int(),
  sentimentPositive: z.number().int(),
  revenueCents: z.number().int(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const ProgramFunnelSchema = z.object({
  programId: z.uuid(),
  name: z.string(),
  enrolled: z.number().int(),
  finished: z.number().int(),
  dropped: z.number().int(),
  completionRate: z.number().nullable(),
  steps: z.array(
    z.object({
      nodeId: z.string(),
      label: z.string(),
      completed: z.number().int().describe('Enrollments that completed this step in the period'),
      dropOff: z.number().nullable().describe('Share lost since the previous step (0..1)'),
    }),
  ),
});

export const CohortSchema = z.object({
  week: z.iso.date().describe('Monday of the week the clients were first active'),
  size: z.number().int(),
  /** retention[k] = share of the cohort active in week k after (retention[0] = 1). */
  retention: z.array(z.number()),
});

export const AnalyticsOverviewSchema = z.object({
  period: z.object({
    from: z.iso.date(),
    to: z.iso.date(),
    previousFrom: z.iso.date(),
    previousTo: z.iso.date(),
    timeZone: z.string(),
    granularity: z.enum(['hour', 'day']),
  }),
  kpis: z.array(KpiSchema),
  activeUsers: z.object({
    dau: z.number().describe('Average daily active clients over the period'),
    wau: z.number().int().describe('Distinct clients active in the last 7 days of the period'),
    mau: z.number().int().describe('Distinct clients active in the last 30 days of the period'),
  }),
  series: z.array(SeriesPointSchema),
  channels: z.array(z.object({ channel: z.string(), messages: z.number().int() })),
  handoffReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  programs: z.array(ProgramFunnelSchema),
  cohorts: z.array(CohortSchema),
  topDocuments: z.array(
    z.object({
      documentId: z.uuid(),
      title: z.string().nullable().describe('null when the document was deleted since'),
      citations: z.number().int(),
      followedByPositive: z
        .number()
        .int()
        .describe('Citations followed within a day by the same client’s thumbs up or completed program step'),
    }),
  ),
  unansweredQuestions: z.array(
    z.object({
      question: z.string(),
      count: z.number().int(),
      lastAskedAt: z.iso.datetime({ offset: true }),
    }),
  ),
  currency: z.string().nullable().describe('Revenue figures are in this currency (the most used one)'),
  /** When the roll-ups used were last brought up to date. */
  rolledUpAt: z.iso.datetime({ offset: true }).nullable(),
});
export type AnalyticsOverview = z.infer<typeof AnalyticsOverviewSchema>;

export const ANALYTICS_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ANALYTICS_EXPORT_SECTIONS = [
  'kpis',
  'daily',
  'channels',
  'programs',
  'cohorts',
  'documents',
  'unanswered',
] as const;
export const AnalyticsExportQuerySchema = z
  .strictObject({
    format: z.enum(ANALYTICS_EXPORT_FORMATS),
    section: z
      .enum(ANALYTICS_EXPORT_SECTIONS)
      .default('daily')
      .describe('For CSV, which table (xlsx has one sheet per section; the PDF has them all)'),
    ...periodShape,
  })
  .superRefine(refinePeriod);
