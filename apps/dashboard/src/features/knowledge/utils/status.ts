import type { KbDocument } from '@companero/contracts';
import { useSyncExternalStore } from 'react';

export type KbStatus = KbDocument['status'];

/** Ingestion has finished, well or badly: nothing more will change without a new version. */
export const isSettled = (status: KbStatus) => status === 'ready' || status === 'failed';

/** Polling interval for TanStack Query: every second while anything is still being processed. */
export const POLL_MS = 1000;

/** While the live socket pushes each stage, polling is only a safety net for a lost frame. */
export const LIVE_SAFETY_POLL_MS = 30_000;

// Whether `/knowledge/live` is open right now (set by `useKnowledgeLive`).
let isLiveOpen = false;
const liveListeners = new Set<() => void>();

export function setKnowledgeLiveOpen(open: boolean) {
  if (open === isLiveOpen) return;
  isLiveOpen = open;
  for (const listener of liveListeners) listener();
}

export const isKnowledgeLiveOpen = () => isLiveOpen;

const subscribeLive = (listener: () => void) => {
  liveListeners.add(listener);
  return () => {
    liveListeners.delete(listener);
  };
};

/**
 * Re-renders when the live socket opens or drops, so queries polling for
 * progress pick their new interval at once (their options are set again).
 */
export const useKnowledgeLiveOpen = () => useSyncExternalStore(subscribeLive, isKnowledgeLiveOpen);

/** How often to poll while something is in progress: every second, or rarely while the socket is open. */
export const progressPollMs = () => (isLiveOpen ? LIVE_SAFETY_POLL_MS : POLL_MS);

export const pollWhileInProgress = (statuses: Iterable<KbStatus>): number | false => {
  for (const status of statuses) if (!isSettled(status)) return progressPollMs();
  return false;
};
