import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/** Hourly: delete refresh tokens and mailed links that expired over a week ago. */
export const purgeExpiredTokensJob = defineJob({
  name: 'maintenance.purge-expired-tokens',
  payload: z.object({ hour: z.string().describe('ISO hour this run is for; the singleton key') }),
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 600,
});
