import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/**
 * Resumes one enrollment whose wait step is over. Enqueued after the step
 * commits, not before `resumeAt`; the singleton key is `<enrollment>:<resumeAt>`.
 * Idempotent: a resume that is not due, or already done, changes nothing. The
 * enrollment row itself holds `resume_at`, so a lost job is caught by the
 * sweeper below — waits survive restarts and queue loss alike.
 */
export const resumeEnrollmentJob = defineJob({
  name: 'programs.resume-enrollment',
  payload: z.object({ creatorId: z.uuid(), enrollmentId: z.uuid(), resumeAt: z.string() }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  expireInSeconds: 120,
});

/** Resumes every enrollment whose wait is over (every minute; the minute is the singleton key). */
export const sweepProgramWaitsJob = defineJob({
  name: 'programs.sweep-waits',
  payload: z.object({ bucket: z.string() }),
  retryLimit: 1,
  retryDelaySeconds: 30,
  retryBackoff: false,
  expireInSeconds: 300,
});

/** POSTs a program step's event to the creator's URL (webhook step). */
export const deliverProgramWebhookJob = defineJob({
  name: 'programs.deliver-webhook',
  payload: z.object({
    creatorId: z.uuid(),
    eventId: z.uuid(),
    url: z.url(),
    body: z.record(z.string(), z.unknown()),
  }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 60,
});
