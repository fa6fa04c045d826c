import { isApiError } from '@companero/api-client';
import type { KbDocument } from '@companero/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { api, getSession, subscribeSession } from '../../../lib/api.ts';
import { queryClient } from '../../../lib/query-client.ts';
import { invalidateKnowledge } from '../api/invalidate.ts';
import { knowledgeKeys } from '../api/query-keys.ts';
import { createFolderResolver, uploadDocument } from '../api/upload-documents.ts';
import { POLL_MS, progressPollMs, useKnowledgeLiveOpen } from '../utils/status.ts';
import { createUploadQueue, type UploadItem, type UploadQueue } from '../utils/upload-queue.ts';

// Coalesces list refreshes: hundreds of accepted files make one refresh a second, not hundreds.
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function refreshListsSoon() {
  if (refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void invalidateKnowledge(queryClient);
  }, POLL_MS);
}

let queue: UploadQueue | undefined;

/**
 * The one upload queue of this tab. It outlives pages, so uploads keep going
 * while the creator moves around; logging out stops and forgets it.
 */
export function getUploadQueue(): UploadQueue {
  if (!queue) {
    queue = createUploadQueue({
      upload: uploadDocument,
      ensureFolder: createFolderResolver(),
      concurrency: 3,
      onAccepted: refreshListsSoon,
    });
    subscribeSession(() => {
      if (getSession().status === 'signed-out') queue?.reset();
    });
  }
  return queue;
}

const subscribe = (listener: () => void) => getUploadQueue().subscribe(listener);
const snapshot = () => getUploadQueue().getItems();

export function useUploadItems(): readonly UploadItem[] {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Fresh state of the documents still being processed: the newest page, then any missing one by id. */
async function fetchProcessing(ids: readonly string[], signal: AbortSignal): Promise<KbDocument[]> {
  const wanted = new Set(ids);
  const page = await api.knowledge.listDocuments({ limit: 200 }, { signal });
  const found = page.items.filter((d) => wanted.has(d.id));
  const missing = ids.filter((id) => !found.some((d) => d.id === id)).slice(0, 10);
  const more = await Promise.all(
    missing.map((id) =>
      api.knowledge.getDocument(id, { signal }).catch((error: unknown) => {
        // Deleted meanwhile: nothing left to follow.
        if (isApiError(error, 'NOT_FOUND')) getUploadQueue().forgetDocument(id);
        return undefined;
      }),
    ),
  );
  return [...found, ...more.filter((d): d is KbDocument => d !== undefined)];
}

/**
 * Follows the server's processing of uploaded files: one request a second
 * while any is in progress (whatever their number), none once all settled.
 * While the live socket is open it pushes each stage (`useKnowledgeLive`), so
 * this only polls every 30 s, as a safety net.
 */
export function useIngestionPolling() {
  const items = useUploadItems();
  // Re-render (so a new interval) when the live socket opens or drops.
  useKnowledgeLiveOpen();
  const processing = items.filter((item) => item.phase === 'processing').length;
  const poll = useQuery({
    queryKey: knowledgeKeys.ingestion(),
    queryFn: ({ signal }) => fetchProcessing(getUploadQueue().processingDocumentIds(), signal),
    enabled: processing > 0,
    refetchInterval: processing > 0 ? progressPollMs() : false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  useEffect(() => {
    if (!poll.data) return;
    const before = getUploadQueue().processingDocumentIds().length;
    getUploadQueue().applyDocuments(poll.data);
    // Some finished: the lists and folder counts show it.
    if (getUploadQueue().processingDocumentIds().length < before) refreshListsSoon();
  }, [poll.data]);
}
