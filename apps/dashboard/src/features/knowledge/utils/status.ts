import type { KbDocument } from '@companero/contracts';

export type KbStatus = KbDocument['status'];

/** Ingestion has finished, well or badly: nothing more will change without a new version. */
export const isSettled = (status: KbStatus) => status === 'ready' || status === 'failed';

/** Polling interval for TanStack Query: every second while anything is still being processed. */
export const POLL_MS = 1000;

export const pollWhileInProgress = (statuses: Iterable<KbStatus>): number | false => {
  for (const status of statuses) if (!isSettled(status)) return POLL_MS;
  return false;
};
