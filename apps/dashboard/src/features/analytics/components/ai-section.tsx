import type { AnalyticsOverview } from '@companero/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { useChartTheme } from '../hooks/use-chart-theme.ts';
import { type ChartSpec, withAlpha } from '../utils/chart-spec.ts';
import { formatSeconds } from '../utils/kpi.ts';
import { ChartCard } from './chart-card.tsx';
import { TopDocuments } from './top-documents.tsx';
import { UnansweredQuestions } from './unanswered-questions.tsx';

const HANDOFF_REASONS = ['user_request', 'crisis', 'program', 'creator'] as const;

/** How well the AI coach answers: volume and speed, clients' ratings and mood, handoffs, sources and gaps. */
export function AiCharts({
  overview,
  format,
  context,
}: {
  overview: AnalyticsOverview;
  format: AnalyticsFormat;
  context: string;
}) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const { series, handoffReasons } = overview;
  const labels = useMemo(() => series.map((point) => format.bucket(point.at)), [series, format.bucket]);
  const { count, ms } = format;

  const { locale } = format;
  const answers = useMemo<ChartSpec>(
    () => ({
      kind: 'bar',
      labels,
      formatAxis: count,
      // One unit along the axis: seconds as soon as a reply took one.
      formatAxis1: series.some((point) => (point.latencyP95Ms ?? 0) >= 1000)
        ? (value: number) => formatSeconds(value, locale)
        : ms,
      series: [
        {
          label: t('analytics.charts.aiAnswers'),
          values: series.map((point) => point.aiAnswers),
          // Bars under a line read better a little lighter.
          color: withAlpha(theme.primary, 0.75),
          format: count,
        },
        {
          label: t('analytics.charts.latencyP95'),
          kind: 'line',
          axis: 'y1',
          values: series.map((point) => point.latencyP95Ms),
          color: theme.warning,
          format: ms,
          summary: 'peak',
        },
      ],
    }),
    [labels, series, theme, t, count, ms, locale],
  );

  const feedback = useMemo<ChartSpec>(
    () => ({
      kind: 'bar',
      labels,
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.thumbsUp'),
          values: series.map((point) => point.feedbackUp),
          color: theme.success,
          format: count,
        },
        {
          label: t('analytics.charts.thumbsDown'),
          values: series.map((point) => point.feedbackDown),
          color: theme.danger,
          format: count,
        },
      ],
    }),
    [labels, series, theme, t, count],
  );

  const sentiment = useMemo<ChartSpec>(
    () => ({
      kind: 'bar',
      stacked: true,
      labels,
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.positive'),
          values: series.map((point) => point.sentimentPositive),
          color: theme.success,
          format: count,
        },
        {
          label: t('analytics.charts.neutral'),
          values: series.map((point) => point.sentimentNeutral),
          color: theme.muted,
          format: count,
        },
        {
          label: t('analytics.charts.negative'),
          values: series.map((point) => point.sentimentNegative),
          color: theme.danger,
          format: count,
        },
      ],
    }),
    [labels, series, theme, t, count],
  );

  const handoffs = useMemo<ChartSpec>(
    () => ({
      kind: 'bar',
      horizontal: true,
      labels: handoffReasons.map((row) =>
        (HANDOFF_REASONS as readonly string[]).includes(row.reason)
          ? t(`analytics.handoffReasons.${row.reason as (typeof HANDOFF_REASONS)[number]}`)
          : row.reason,
      ),
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.handoffs'),
          values: handoffReasons.map((row) => row.count),
          color: theme.accent,
          format: count,
        },
      ],
    }),
    [handoffReasons, theme, t, count],
  );

  const timeLabel =
    overview.period.granularity === 'hour' ? t('analytics.table.hour') : t('analytics.table.day');
  return (
    <div className="an-grid">
      <ChartCard
        title={t('analytics.charts.answersTitle')}
        subtitle={t('analytics.charts.answersSubtitle')}
        spec={answers}
        categoryLabel={timeLabel}
        context={context}
        isWide
      />
      <ChartCard
        title={t('analytics.charts.feedbackTitle')}
        subtitle={t('analytics.charts.feedbackSubtitle')}
        spec={feedback}
        categoryLabel={timeLabel}
        context={context}
        emptyText={t('analytics.charts.feedbackEmpty')}
      />
      <ChartCard
        title={t('analytics.charts.sentimentTitle')}
        subtitle={t('analytics.charts.sentimentSubtitle')}
        spec={sentiment}
        categoryLabel={timeLabel}
        context={context}
      />
      <ChartCard
        title={t('analytics.charts.handoffsTitle')}
        subtitle={t('analytics.charts.handoffsSubtitle')}
        spec={handoffs}
        categoryLabel={t('analytics.table.reason')}
        context={context}
        emptyText={t('analytics.charts.handoffsEmpty')}
        height={Math.max(140, 48 * handoffReasons.length + 40)}
        isWide
      />
      <TopDocuments documents={overview.topDocuments} format={format} />
      <UnansweredQuestions questions={overview.unansweredQuestions} format={format} />
    </div>
  );
}
