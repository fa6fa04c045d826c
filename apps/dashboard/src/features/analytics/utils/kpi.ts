import type { Kpi, KpiKey } from '@companero/contracts';

/** How a KPI's number reads. Rates are shares (0..1); money is in cents; latencies in milliseconds. */
export type KpiKind = 'count' | 'decimal' | 'ms' | 'percent' | 'money' | 'duration';

export const KPI_KIND: Record<KpiKey, KpiKind> = {
  activeUsers: 'count',
  conversations: 'count',
  messagesReceived: 'count',
  messagesPerUser: 'decimal',
  sessions: 'count',
  avgSessionSeconds: 'duration',
  aiAnswers: 'count',
  latencyP50Ms: 'ms',
  latencyP95Ms: 'ms',
  satisfaction: 'percent',
  groundedness: 'percent',
  noAnswerRate: 'percent',
  handoffRate: 'percent',
  programCompletionRate: 'percent',
  revenueCents: 'money',
  mrrCents: 'money',
  activeSubscriptions: 'count',
  conversionRate: 'percent',
  churnRate: 'percent',
  revenuePerUserCents: 'money',
};

/** KPIs where a fall is good news: slower answers, unanswered questions, handoffs and cancellations. */
export const LOWER_IS_BETTER: ReadonlySet<KpiKey> = new Set<KpiKey>([
  'latencyP50Ms',
  'latencyP95Ms',
  'noAnswerRate',
  'handoffRate',
  'churnRate',
]);

export const KPI_SECTIONS = [
  {
    id: 'engagement',
    keys: [
      'activeUsers',
      'conversations',
      'messagesReceived',
      'messagesPerUser',
      'sessions',
      'avgSessionSeconds',
    ],
  },
  {
    id: 'ai',
    keys: [
      'aiAnswers',
      'latencyP50Ms',
      'latencyP95Ms',
      'satisfaction',
      'groundedness',
      'noAnswerRate',
      'handoffRate',
    ],
  },
  { id: 'programs', keys: ['programCompletionRate'] },
  {
    id: 'business',
    keys: [
      'revenueCents',
      'mrrCents',
      'activeSubscriptions',
      'conversionRate',
      'churnRate',
      'revenuePerUserCents',
    ],
  },
] as const satisfies ReadonlyArray<{ id: string; keys: readonly KpiKey[] }>;

export type KpiSectionId = (typeof KPI_SECTIONS)[number]['id'];

export const NO_VALUE = '—';

export interface FormatOptions {
  locale: string;
  /** ISO 4217 code of money figures; without one, money reads as a plain amount. */
  currency?: string | null | undefined;
}

const unit = (locale: string, name: string, value: number, maximumFractionDigits = 0) =>
  new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: name,
    unitDisplay: 'narrow',
    maximumFractionDigits,
  }).format(value);

/** An amount in cents, in the currency when there is one (an unknown code falls back to a plain amount). */
export function formatMoney(cents: number, { locale, currency }: FormatOptions): string {
  const amount = cents / 100;
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      // Not a currency Intl knows: the plain amount below, followed by the code.
      return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

/** "850 ms" under a second, "1.3s" from there on. */
export function formatMs(ms: number, locale: string): string {
  if (ms < 1000)
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'millisecond',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(ms);
  return unit(locale, 'second', ms / 1000, ms < 10_000 ? 1 : 0);
}

/** Seconds with at most one decimal: "0.5s", "2s" (an axis of latencies reads in one unit). */
export const formatSeconds = (ms: number, locale: string) => unit(locale, 'second', ms / 1000, 1);

/** "45s", "4m 12s", "1h 5m". */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return unit(locale, 'second', total);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0)
    return [unit(locale, 'hour', hours), minutes ? unit(locale, 'minute', minutes) : ''].join(' ').trim();
  return [unit(locale, 'minute', minutes), secs ? unit(locale, 'second', secs) : ''].join(' ').trim();
}

export const formatPercent = (share: number, locale: string, maximumFractionDigits = 1) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }).format(share);

export const formatCount = (value: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);

/** A KPI's value as it reads on its card; "—" when there is nothing to measure. */
export function formatKpiValue(kind: KpiKind, value: number | null, options: FormatOptions): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  switch (kind) {
    case 'count':
      return formatCount(value, options.locale);
    case 'decimal':
      return new Intl.NumberFormat(options.locale, { maximumFractionDigits: 1 }).format(value);
    case 'ms':
      return formatMs(value, options.locale);
    case 'percent':
      return formatPercent(value, options.locale);
    case 'money':
      return formatMoney(value, options);
    case 'duration':
      return formatDuration(value, options.locale);
  }
}

export interface Trend {
  direction: 'up' | 'down' | 'flat';
  /** Whether the change is good news for the coach (a fall in latency is). */
  tone: 'good' | 'bad' | 'neutral';
  /** The size of the change, unsigned ("12%"): the arrow says which way. */
  size: string;
}

/** The change against the previous period; undefined when it cannot be said (no value, or nothing before). */
export function trendOf(key: KpiKey, delta: number | null, locale: string): Trend | undefined {
  if (delta === null || !Number.isFinite(delta)) return undefined;
  const size = formatPercent(Math.abs(delta), locale, Math.abs(delta) < 0.1 ? 1 : 0);
  // Rounded to nothing ("0%") reads as no change.
  if (delta === 0 || size === formatPercent(0, locale, 0))
    return { direction: 'flat', tone: 'neutral', size };
  const direction = delta > 0 ? 'up' : 'down';
  const isGood = (direction === 'up') !== LOWER_IS_BETTER.has(key);
  return { direction, tone: isGood ? 'good' : 'bad', size };
}

/** The KPIs of the answer by key (the API may leave some out). */
export const kpisByKey = (kpis: readonly Kpi[]) => new Map(kpis.map((kpi) => [kpi.key, kpi]));
