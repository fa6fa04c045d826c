import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { ChartTheme } from '../hooks/use-chart-theme.ts';

/** One line or set of bars. */
export interface ChartSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  color: string;
  /** Overrides the chart's kind (bars with a line on top). */
  kind?: 'line' | 'bar';
  /** The right-hand axis, for a measure in other units (latency beside counts). */
  axis?: 'y' | 'y1';
  /** A soft area under a line. */
  fill?: boolean;
  /** A dashed line, so one that runs along another stays visible. */
  dashed?: boolean;
  /** How a value reads in the tooltip and the data table. */
  format: (value: number) => string;
  /** What the chart's summary says of it: its total (counts, money) or just its peak (latency). */
  summary?: 'total' | 'peak';
}

/** A chart as data: drawn by Chart.js, and read out as a table for whoever cannot see it. */
export interface ChartSpec {
  kind: 'line' | 'bar';
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** Bars along the y axis (a breakdown by name). */
  horizontal?: boolean;
  stacked?: boolean;
  /** Tick labels of the value axis (and of the right-hand axis). */
  formatAxis?: (value: number) => string;
  formatAxis1?: (value: number) => string;
}

/** `#0f766e` at some opacity; other colour syntaxes are mixed with transparency by the browser. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** True when the chart has nothing to draw (every value missing or zero). */
export const isBlank = (spec: ChartSpec) =>
  spec.labels.length === 0 || spec.series.every((s) => s.values.every((v) => v === null || v === 0));

/** The Chart.js configuration of a spec, in the theme's colours. */
export function chartConfig(spec: ChartSpec, theme: ChartTheme): ChartConfiguration<'bar' | 'line'> {
  const many = spec.labels.length > 31;
  const datasets = spec.series.map((series) => {
    const kind = series.kind ?? spec.kind;
    const common = {
      label: series.label,
      data: [...series.values],
      borderColor: series.color,
      yAxisID: spec.horizontal ? undefined : (series.axis ?? 'y'),
      xAxisID: spec.horizontal ? 'x' : undefined,
      // Lines drawn above bars, and a dashed line above a solid one it may run along.
      order: kind === 'line' ? (series.dashed ? -1 : 0) : 1,
    };
    if (kind === 'line')
      return {
        ...common,
        type: 'line' as const,
        backgroundColor: series.fill ? withAlpha(series.color, 0.14) : series.color,
        fill: series.fill ? 'origin' : false,
        tension: 0.3,
        borderWidth: 2,
        ...(series.dashed ? { borderDash: [6, 4] } : {}),
        pointRadius: many ? 0 : 2.5,
        pointHoverRadius: 4,
        pointBackgroundColor: series.color,
        spanGaps: true,
      } satisfies ChartDataset<'line'>;
    return {
      ...common,
      type: 'bar' as const,
      backgroundColor: series.color,
      borderWidth: 0,
      borderRadius: 3,
      maxBarThickness: spec.horizontal ? 22 : 28,
      ...(spec.stacked ? { stack: 'all' } : {}),
    } satisfies ChartDataset<'bar'>;
  });

  const formatOf = (item: TooltipItem<'bar' | 'line'>) => spec.series[item.datasetIndex]?.format;
  const valueAxis = {
    beginAtZero: true,
    stacked: spec.stacked ?? false,
    grid: { color: theme.grid },
    border: { display: false },
    ticks: {
      color: theme.muted,
      maxTicksLimit: 6,
      precision: 0,
      callback: (value: number | string) =>
        spec.formatAxis && typeof value === 'number' ? spec.formatAxis(value) : value,
    },
  };
  const categoryAxis = {
    stacked: spec.stacked ?? false,
    grid: { display: false },
    border: { color: theme.grid },
    ticks: { color: theme.muted, autoSkip: true, maxRotation: 0, maxTicksLimit: spec.horizontal ? 20 : 8 },
  };
  const hasRightAxis = spec.series.some((s) => s.axis === 'y1');

  return {
    type: spec.kind,
    data: { labels: [...spec.labels], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      interaction: { mode: 'index', intersect: false },
      font: { family: theme.font },
      color: theme.muted,
      plugins: {
        legend: {
          display: spec.series.length > 1,
          position: 'bottom',
          labels: {
            color: theme.muted,
            boxWidth: 10,
            boxHeight: 10,
            useBorderRadius: true,
            borderRadius: 2,
            // In the order of the series (Chart.js would put the line drawn on top first).
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
        tooltip: {
          callbacks: {
            label: (item) => {
              const format = formatOf(item);
              const value = spec.horizontal ? item.parsed.x : item.parsed.y;
              const text = format && typeof value === 'number' ? format(value) : String(value);
              return spec.series.length > 1 ? `${item.dataset.label}: ${text}` : text;
            },
          },
        },
      },
      scales: spec.horizontal
        ? { x: valueAxis, y: categoryAxis }
        : {
            x: categoryAxis,
            y: valueAxis,
            ...(hasRightAxis
              ? {
                  y1: {
                    ...valueAxis,
                    position: 'right' as const,
                    grid: { drawOnChartArea: false },
                    ticks: {
                      ...valueAxis.ticks,
                      callback: (value: number | string) =>
                        spec.formatAxis1 && typeof value === 'number' ? spec.formatAxis1(value) : value,
                    },
                  },
                }
              : {}),
          },
    },
  };
}
