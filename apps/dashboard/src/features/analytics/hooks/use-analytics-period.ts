import { useSearchParams } from 'react-router';
import { type AnalyticsPeriod, periodFromParams, withPeriod } from '../utils/period.ts';

/**
 * The period lives in the address (`?period=7d`, `?period=custom&from=…&to=…`):
 * a link shows the same figures to whoever opens it, and each change is a
 * history entry, so Back returns to the period before.
 */
export function useAnalyticsPeriod() {
  const [params, setParams] = useSearchParams();
  const period = periodFromParams(params);
  const setPeriod = (next: AnalyticsPeriod) => setParams((current) => withPeriod(current, next));
  return { period, setPeriod };
}
