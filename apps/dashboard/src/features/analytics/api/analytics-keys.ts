import type { AnalyticsPeriod } from '../utils/period.ts';

/** Query keys of analytics. */
export const analyticsKeys = {
  all: ['analytics'] as const,
  overview: (period: AnalyticsPeriod) => [...analyticsKeys.all, 'overview', period] as const,
};
