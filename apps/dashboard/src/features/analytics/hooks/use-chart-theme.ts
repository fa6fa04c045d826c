import { useSyncExternalStore } from 'react';

/** The colours charts draw with, read from the stylesheet's tokens so charts follow light and dark mode. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  primary: string;
  accent: string;
  info: string;
  success: string;
  warning: string;
  danger: string;
  font: string;
  reducedMotion: boolean;
}

const FALLBACK: ChartTheme = {
  text: '#151a21',
  muted: '#576070',
  grid: '#e2e5ea',
  surface: '#ffffff',
  primary: '#0f766e',
  accent: '#6d3fd1',
  info: '#1c5bb0',
  success: '#17733a',
  warning: '#8a5a00',
  danger: '#c0342a',
  font: 'system-ui, sans-serif',
  reducedMotion: false,
};

const QUERIES = ['(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)'];

let current: ChartTheme | undefined;

function read(): ChartTheme {
  if (typeof window === 'undefined') return FALLBACK;
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: token('--color-text', FALLBACK.text),
    muted: token('--color-text-muted', FALLBACK.muted),
    grid: token('--color-border', FALLBACK.grid),
    surface: token('--color-surface', FALLBACK.surface),
    primary: token('--color-primary', FALLBACK.primary),
    accent: token('--color-accent', FALLBACK.accent),
    info: token('--color-info', FALLBACK.info),
    success: token('--color-success', FALLBACK.success),
    warning: token('--color-warning', FALLBACK.warning),
    danger: token('--color-danger', FALLBACK.danger),
    font: token('--font-sans', FALLBACK.font),
    reducedMotion: window.matchMedia(QUERIES[1]!).matches,
  };
}

// One object until the system's settings change: useSyncExternalStore needs a stable snapshot.
const getSnapshot = () => {
  current ??= read();
  return current;
};

function subscribe(onChange: () => void) {
  const lists = QUERIES.map((query) => window.matchMedia(query));
  const refresh = () => {
    current = read();
    onChange();
  };
  for (const list of lists) list.addEventListener('change', refresh);
  return () => {
    for (const list of lists) list.removeEventListener('change', refresh);
  };
}

/** The chart colours now, updated when the system switches dark mode or reduced motion. */
export const useChartTheme = () => useSyncExternalStore(subscribe, getSnapshot, () => FALLBACK);
