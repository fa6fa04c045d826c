import type { AnalyticsOverview } from '@companero/contracts';

type Program = AnalyticsOverview['programs'][number];

/** What a screen reader hears about one line or set of bars: its total, its peak and where. */
export interface SeriesSummary {
  total: number;
  /** Undefined when every value is missing. */
  max: { value: number; label: string } | undefined;
  /** Values present (nulls left out). */
  count: number;
}

export function summarize(labels: readonly string[], values: ReadonlyArray<number | null>): SeriesSummary {
  let total = 0;
  let count = 0;
  let max: SeriesSummary['max'];
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) return;
    total += value;
    count += 1;
    if (!max || value > max.value) max = { value, label: labels[index] ?? '' };
  });
  return { total, max, count };
}

/**
 * Whether anything happened in the period or the one before. A creator with
 * nothing to show gets the empty state (how to get clients talking) instead
 * of a page of zeros.
 */
export function hasActivity(overview: AnalyticsOverview): boolean {
  const some = (n: number | null) => n !== null && n !== 0;
  return (
    overview.kpis.some((kpi) => some(kpi.value) || some(kpi.previous)) ||
    overview.series.some(
      (point) =>
        point.activeUsers > 0 || point.messagesReceived > 0 || point.messagesSent > 0 || point.aiAnswers > 0,
    ) ||
    overview.channels.some((channel) => channel.messages > 0) ||
    overview.cohorts.length > 0 ||
    overview.programs.some((program) => program.enrolled > 0) ||
    overview.topDocuments.length > 0 ||
    overview.unansweredQuestions.length > 0
  );
}

export interface FunnelRow {
  id: string;
  label: string;
  count: number;
  /** Share of the widest row (0..1): the bar's length. */
  width: number;
  /** Share lost since the row before (0..1); null for the first row or when unknown. */
  dropOff: number | null;
  kind: 'enrolled' | 'step' | 'finished';
}

/**
 * A program's funnel as bars: enrolled, each step, finished. Bars are scaled
 * to the widest row, since a step can be completed in the period by clients
 * who enrolled before it.
 */
export function funnelRows(program: Program): FunnelRow[] {
  const rows: Omit<FunnelRow, 'width'>[] = [
    { id: 'enrolled', label: '', count: program.enrolled, dropOff: null, kind: 'enrolled' },
    ...program.steps.map((step) => ({
      id: `step-${step.nodeId}`,
      label: step.label,
      count: step.completed,
      dropOff: step.dropOff,
      kind: 'step' as const,
    })),
  ];
  const lastCount = rows.at(-1)?.count ?? 0;
  rows.push({
    id: 'finished',
    label: '',
    count: program.finished,
    dropOff: lastCount > 0 ? Math.max(0, (lastCount - program.finished) / lastCount) : null,
    kind: 'finished',
  });
  const widest = Math.max(1, ...rows.map((row) => row.count));
  return rows.map((row) => ({ ...row, width: row.count / widest }));
}

/**
 * A retention cell's shade, 0..1: the share itself, eased so small shares
 * (where most cohorts live after a few weeks) still read apart.
 */
export function retentionShade(share: number | undefined): number {
  if (share === undefined || !Number.isFinite(share) || share <= 0) return 0;
  return Math.min(1, Math.sqrt(share));
}

/** Weeks shown as columns: as many as the longest cohort has. */
export const cohortWeeks = (cohorts: AnalyticsOverview['cohorts']) =>
  Math.max(0, ...cohorts.map((cohort) => cohort.retention.length));

/** The bucket (`YYYY-MM-DD` or `YYYY-MM-DDTHH:00`) that `now` falls in, in a time zone. */
export function currentBucket(granularity: 'hour' | 'day', timeZone: string, now: number): string {
  const parts = (zone: string | undefined) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(now)
        .map((part) => [part.type, part.value]),
    );
  let p: Record<string, string>;
  try {
    p = parts(timeZone);
  } catch {
    p = parts(undefined); // an unknown zone name
  }
  const day = `${p.year}-${p.month}-${p.day}`;
  return granularity === 'hour' ? `${day}T${p.hour}:00` : day;
}

/**
 * The series without the buckets still to come (the rest of today's hours,
 * days after today): drawn as zeros they would read as a collapse.
 */
export function pastSeries(overview: AnalyticsOverview, now: number): AnalyticsOverview['series'] {
  const current = currentBucket(overview.period.granularity, overview.period.timeZone, now);
  return overview.series.filter((point) => point.at <= current);
}
