import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/** Every minute: roll up the hours with new (or late) events, for every creator that has some. */
export const rollUpAnalyticsJob = defineJob({
  name: 'analytics.roll-up',
  payload: z.object({ minute: z.string().describe('ISO minute this run is for; the singleton key') }),
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: false,
  expireInSeconds: 600,
});
