import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChartTheme } from '../hooks/use-chart-theme.ts';
import { type ChartSpec, chartConfig, isBlank } from '../utils/chart-spec.ts';
import { summarize } from '../utils/overview-data.ts';
import { ChartCanvas } from './chart-canvas.tsx';

/**
 * A chart in a card, with a Chart / Table switch: the table holds the same
 * figures for screen readers, keyboard users and anyone who wants exact
 * numbers. With nothing to draw, it says so instead of showing a flat line.
 */
export function ChartCard({
  title,
  subtitle,
  spec,
  categoryLabel,
  context,
  emptyText,
  height,
  isWide = false,
}: {
  title: string;
  subtitle?: ReactNode;
  spec: ChartSpec;
  /** The header of the table's first column ("Day", "Channel"). */
  categoryLabel: string;
  /** Said before the summary: the period shown. */
  context: string;
  emptyText?: string;
  height?: number;
  isWide?: boolean;
}) {
  const { t } = useTranslation();
  const theme = useChartTheme();
  const titleId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const config = useMemo(() => chartConfig(spec, theme), [spec, theme]);
  const blank = isBlank(spec);
  const summary = useChartSummary(title, context, spec);

  const viewButton = (value: 'chart' | 'table', label: string) => (
    <button
      type="button"
      className="an-switch-button"
      aria-pressed={view === value}
      onClick={() => setView(value)}
    >
      {label}
    </button>
  );

  return (
    <section className={isWide ? 'card an-card an-card-wide' : 'card an-card'} aria-labelledby={titleId}>
      <header className="an-card-header">
        <div>
          <h3 id={titleId} className="an-card-title">
            {title}
          </h3>
          {subtitle && <p className="an-card-subtitle">{subtitle}</p>}
        </div>
        {!blank && (
          // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form's fieldset
          <div className="an-switch" role="group" aria-label={t('analytics.chart.viewOf', { title })}>
            {viewButton('chart', t('analytics.chart.chart'))}
            {viewButton('table', t('analytics.chart.table'))}
          </div>
        )}
      </header>
      {blank ? (
        <p className="an-chart-empty">{emptyText ?? t('analytics.chart.empty')}</p>
      ) : view === 'chart' ? (
        <ChartCanvas config={config} label={summary} height={height} reducedMotion={theme.reducedMotion} />
      ) : (
        <ChartTable spec={spec} caption={title} categoryLabel={categoryLabel} />
      )}
    </section>
  );
}

function ChartTable({
  spec,
  caption,
  categoryLabel,
}: {
  spec: ChartSpec;
  caption: string;
  categoryLabel: string;
}) {
  return (
    <div className="an-table-scroll">
      <table className="table an-data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {spec.series.map((series) => (
              <th key={series.label} scope="col" className="an-num">
                {series.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.labels.map((label, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are the chart's buckets, in order (labels can repeat)
            <tr key={index}>
              <th scope="row">{label}</th>
              {spec.series.map((series) => {
                const value = series.values[index];
                return (
                  <td key={series.label} className="an-num">
                    {value === null || value === undefined ? '—' : series.format(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One sentence per chart for screen readers: the period, then each series' total and peak. */
function useChartSummary(title: string, context: string, spec: ChartSpec): string {
  const { t } = useTranslation();
  const parts = spec.series.map((series) => {
    if (spec.horizontal) {
      const items = spec.labels.map((label, index) => {
        const value = series.values[index];
        return `${label} ${value === null || value === undefined ? '—' : series.format(value)}`;
      });
      return `${series.label}: ${items.join(', ')}.`;
    }
    const { total, max } = summarize(spec.labels, series.values);
    if (!max) return t('analytics.chart.summaryNone', { series: series.label });
    return series.summary === 'peak'
      ? t('analytics.chart.summaryPeak', {
          series: series.label,
          max: series.format(max.value),
          at: max.label,
        })
      : t('analytics.chart.summaryTotal', {
          series: series.label,
          total: series.format(total),
          max: series.format(max.value),
          at: max.label,
        });
  });
  return `${title}, ${context}. ${parts.join(' ')}`;
}
