import { describe, expect, it } from 'vitest';
import type { ChartTheme } from '../hooks/use-chart-theme.ts';
import { type ChartSpec, chartConfig, isBlank, withAlpha } from './chart-spec.ts';

const THEME: ChartTheme = {
  text: '#111111',
  muted: '#555555',
  grid: '#dddddd',
  surface: '#ffffff',
  primary: '#0f766e',
  accent: '#6d3fd1',
  info: '#1c5bb0',
  success: '#17733a',
  warning: '#8a5a00',
  danger: '#c0342a',
  font: 'system-ui',
  reducedMotion: false,
};

const count = (n: number) => String(n);

describe('chart specs', () => {
  it('turn a hex colour translucent, and leave other colours to the browser', () => {
    expect(withAlpha('#0f766e', 0.5)).toBe('rgba(15, 118, 110, 0.5)');
    expect(withAlpha('oklch(60% 0.1 180)', 0.5)).toBe(
      'color-mix(in srgb, oklch(60% 0.1 180) 50%, transparent)',
    );
  });

  it('call a chart of zeros and gaps blank', () => {
    const spec: ChartSpec = {
      kind: 'line',
      labels: ['a', 'b'],
      series: [{ label: 'x', values: [0, null], color: '#000000', format: count }],
    };
    expect(isBlank(spec)).toBe(true);
    expect(isBlank({ ...spec, series: [{ ...spec.series[0]!, values: [0, 1] }] })).toBe(false);
    expect(isBlank({ ...spec, labels: [] })).toBe(true);
  });

  it('put a measure in other units on a right-hand axis, with the line above the bars', () => {
    const config = chartConfig(
      {
        kind: 'bar',
        labels: ['Mar 1', 'Mar 2'],
        series: [
          { label: 'Answers', values: [3, 4], color: '#0f766e', format: count },
          { label: 'p95', kind: 'line', axis: 'y1', values: [800, null], color: '#8a5a00', format: count },
        ],
      },
      THEME,
    );
    const [bars, line] = config.data.datasets;
    expect(bars).toMatchObject({ type: 'bar', yAxisID: 'y', order: 1 });
    expect(line).toMatchObject({ type: 'line', yAxisID: 'y1', order: 0, spanGaps: true });
    expect(Object.keys(config.options?.scales ?? {})).toEqual(['x', 'y', 'y1']);
    expect(config.options?.plugins?.legend?.display).toBe(true);
  });

  it('lay a breakdown along the y axis, with its values on x', () => {
    const config = chartConfig(
      {
        kind: 'bar',
        horizontal: true,
        labels: ['Website', 'WhatsApp'],
        series: [{ label: 'Messages', values: [12, 4], color: '#1c5bb0', format: count }],
      },
      THEME,
    );
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.scales?.x).toMatchObject({ beginAtZero: true });
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });
});
