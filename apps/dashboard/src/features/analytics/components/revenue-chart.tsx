import type { AnalyticsOverview } from '@companero/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFormat } from '../hooks/use-analytics-format.ts';
import { useChartTheme } from '../hooks/use-chart-theme.ts';
import type { ChartSpec } from '../utils/chart-spec.ts';
import { ChartCard } from './chart-card.tsx';

/** Money coming in over the period, in the overview's currency. */
export function RevenueChart({
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
  const { series } = overview;
  const { money, bucket } = format;
  const spec = useMemo<ChartSpec>(
    () => ({
      kind: 'line',
      labels: series.map((point) => bucket(point.at)),
      formatAxis: money,
      series: [
        {
          label: t('analytics.charts.revenue'),
          values: series.map((point) => point.revenueCents),
          color: theme.success,
          fill: true,
          format: money,
        },
      ],
    }),
    [series, theme, t, money, bucket],
  );
  return (
    <div className="an-grid">
      <ChartCard
        title={t('analytics.charts.revenue')}
        subtitle={
          overview.currency
            ? t('analytics.charts.revenueIn', { currency: overview.currency })
            : t('analytics.charts.revenueSubtitle')
        }
        spec={spec}
        categoryLabel={
          overview.period.granularity === 'hour' ? t('analytics.table.hour') : t('analytics.table.day')
        }
        context={context}
        emptyText={t('analytics.charts.revenueEmpty')}
        isWide
      />
    </div>
  );
}
