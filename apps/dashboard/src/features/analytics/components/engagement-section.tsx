import { type AnalyticsOverview, CHANNELS } from '@companero/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { useChartTheme } from '../hooks/use-chart-theme.ts';
import type { ChartSpec } from '../utils/chart-spec.ts';
import { ChartCard } from './chart-card.tsx';
import { CohortTable } from './cohort-table.tsx';

/** Who talks to the coach and where: active clients, messages, channels, and how cohorts come back. */
export function EngagementCharts({
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
  const { series, channels } = overview;
  const labels = useMemo(() => series.map((point) => format.bucket(point.at)), [series, format.bucket]);
  const count = format.count;

  const activeUsers = useMemo<ChartSpec>(
    () => ({
      kind: 'line',
      labels,
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.activeClients'),
          values: series.map((point) => point.activeUsers),
          color: theme.primary,
          fill: true,
          format: count,
        },
      ],
    }),
    [labels, series, theme, t, count],
  );

  const messages = useMemo<ChartSpec>(
    () => ({
      kind: 'line',
      labels,
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.received'),
          values: series.map((point) => point.messagesReceived),
          color: theme.primary,
          format: count,
        },
        {
          label: t('analytics.charts.sent'),
          values: series.map((point) => point.messagesSent),
          color: theme.accent,
          dashed: true,
          format: count,
        },
      ],
    }),
    [labels, series, theme, t, count],
  );

  const channelMix = useMemo<ChartSpec>(
    () => ({
      kind: 'bar',
      horizontal: true,
      // An unknown channel reads as the API spells it.
      labels: channels.map((row) =>
        isKnownChannel(row.channel) ? t(`analytics.channels.${row.channel}`) : row.channel,
      ),
      formatAxis: count,
      series: [
        {
          label: t('analytics.charts.messages'),
          values: channels.map((row) => row.messages),
          color: theme.info,
          format: count,
        },
      ],
    }),
    [channels, theme, t, count],
  );

  const timeLabel =
    overview.period.granularity === 'hour' ? t('analytics.table.hour') : t('analytics.table.day');
  const { dau, wau, mau } = overview.activeUsers;
  return (
    <div className="an-grid">
      <ChartCard
        title={t('analytics.charts.activeClients')}
        subtitle={t('analytics.charts.activeClientsSummary', {
          dau: format.decimal(dau),
          wau: count(wau),
          mau: count(mau),
        })}
        spec={activeUsers}
        categoryLabel={timeLabel}
        context={context}
      />
      <ChartCard
        title={t('analytics.charts.messagesTitle')}
        subtitle={t('analytics.charts.messagesSubtitle')}
        spec={messages}
        categoryLabel={timeLabel}
        context={context}
      />
      <ChartCard
        title={t('analytics.charts.channels')}
        subtitle={t('analytics.charts.channelsSubtitle')}
        spec={channelMix}
        categoryLabel={t('analytics.table.channel')}
        context={context}
        height={Math.max(140, 48 * channels.length + 40)}
      />
      <CohortTable cohorts={overview.cohorts} format={format} />
    </div>
  );
}

const isKnownChannel = (channel: string): channel is (typeof CHANNELS)[number] =>
  (CHANNELS as readonly string[]).includes(channel);
