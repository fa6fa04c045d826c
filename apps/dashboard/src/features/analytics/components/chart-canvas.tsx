import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the analytics charts draw, so the bundle leaves the rest of Chart.js out.
Chart.register(
  LineController,
  BarController,
  LineElement,
  BarElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Tooltip,
);

/**
 * A Chart.js chart on a canvas: created when the component mounts, and made
 * again whenever its configuration changes (memoise it), destroyed on unmount.
 * The canvas is an image to assistive technology, named by `label` (a summary
 * of what it shows); the figures themselves are offered as a table beside it.
 * With reduced motion, it draws at once.
 */
export function ChartCanvas({
  config,
  label,
  height = 240,
  reducedMotion = false,
}: {
  config: ChartConfiguration<'bar' | 'line'>;
  label: string;
  height?: number;
  reducedMotion?: boolean;
}) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const chart = new Chart(canvas, {
      ...config,
      options: { ...config.options, ...(reducedMotion ? { animation: false } : {}) },
    });
    return () => chart.destroy();
  }, [config, reducedMotion]);

  return (
    <div className="an-chart" style={{ height }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
