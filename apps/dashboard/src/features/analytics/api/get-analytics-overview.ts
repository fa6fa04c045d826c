import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { type AnalyticsPeriod, periodQuery } from '../utils/period.ts';
import { analyticsKeys } from './analytics-keys.ts';

export const getAnalyticsOverview = (period: AnalyticsPeriod, signal?: AbortSignal) =>
  api.analytics.overview(periodQuery(period), signal ? { signal } : undefined);

/** KPIs, series and breakdowns of a period (the server brings its roll-ups up to date first). */
export const getAnalyticsOverviewQueryOptions = (period: AnalyticsPeriod) =>
  queryOptions({
    queryKey: analyticsKeys.overview(period),
    queryFn: ({ signal }) => getAnalyticsOverview(period, signal),
    // Another period keeps the current figures on screen (marked as updating) until its own arrive.
    placeholderData: keepPreviousData,
  });

export const useAnalyticsOverview = (period: AnalyticsPeriod) =>
  useQuery(getAnalyticsOverviewQueryOptions(period));
