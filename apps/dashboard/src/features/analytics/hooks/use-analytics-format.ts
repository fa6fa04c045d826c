import type { AnalyticsOverview, KpiKey } from '@companero/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { bucketLabel, dayLabel, rangeLabel } from '../utils/dates.ts';
import {
  formatCount,
  formatKpiValue,
  formatMoney,
  formatMs,
  formatPercent,
  KPI_KIND,
  type Trend,
  trendOf,
} from '../utils/kpi.ts';

/** Numbers and dates of an overview in the interface language (money in the overview's currency). */
export function useAnalyticsFormat(overview: Pick<AnalyticsOverview, 'currency' | 'period'> | undefined) {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const currency = overview?.currency ?? null;
  const granularity = overview?.period.granularity ?? 'day';
  // Stable while the language, currency and granularity stay: charts memoise on these functions.
  return useMemo(
    () => ({
      locale,
      count: (value: number) => formatCount(value, locale),
      decimal: (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value),
      percent: (share: number, digits = 1) => formatPercent(share, locale, digits),
      money: (cents: number) => formatMoney(cents, { locale, currency }),
      ms: (value: number) => formatMs(value, locale),
      kpi: (key: KpiKey, value: number | null) => formatKpiValue(KPI_KIND[key], value, { locale, currency }),
      trend: (key: KpiKey, delta: number | null): Trend | undefined => trendOf(key, delta, locale),
      bucket: (at: string) => bucketLabel(at, granularity, locale),
      day: (day: string) => dayLabel(day, locale),
      range: (from: string, to: string) => rangeLabel(from, to, locale),
    }),
    [locale, currency, granularity],
  );
}

export type AnalyticsFormat = ReturnType<typeof useAnalyticsFormat>;
