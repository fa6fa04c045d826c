import { type KbDocument, type KnowledgeEvent, KnowledgeEventSchema } from '@companero/contracts';
import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useDebouncedCallback } from '../../../hooks/use-debounced-callback.ts';
import { useLiveSocket } from '../../../lib/live-socket.ts';
import type { getVersions } from '../api/get-versions.ts';
import { knowledgeKeys } from '../api/query-keys.ts';
import { isSettled, setKnowledgeLiveOpen } from '../utils/status.ts';
import { getUploadQueue } from './use-upload-queue.ts';

type DocumentEvent = Extract<KnowledgeEvent, { type: 'document' }>;
type DocumentPage = { items: KbDocument[] };
type VersionList = Awaited<ReturnType<typeof getVersions>>;

/** Documents often finish in bursts (a folder upload): one refetch per burst. */
const SETTLED_DEBOUNCE_MS = 300;

const listsKey = () => [...knowledgeKeys.documents(), 'list'] as const;

/** The document with this frame's stage, or the same object when the frame changes nothing (or is older). */
function patchDocument(document: KbDocument, event: DocumentEvent): KbDocument {
  if (document.id !== event.documentId || event.version < document.latestVersion) return document;
  if (
    document.status === event.status &&
    document.progress === event.progress &&
    document.errorCode === event.errorCode &&
    document.errorMessage === event.errorMessage
  ) {
    return document;
  }
  return {
    ...document,
    status: event.status,
    progress: event.progress,
    errorCode: event.errorCode,
    errorMessage: event.errorMessage,
  };
}

/** Moves one document's progress along in every cache that shows it, without a request. */
function applyEvent(queryClient: QueryClient, event: DocumentEvent) {
  queryClient.setQueriesData<InfiniteData<DocumentPage>>({ queryKey: listsKey() }, (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      let pageChanged = false;
      const items = page.items.map((document) => {
        const next = patchDocument(document, event);
        if (next !== document) pageChanged = true;
        return next;
      });
      if (!pageChanged) return page;
      changed = true;
      return { ...page, items };
    });
    return changed ? { ...data, pages } : data;
  });

  queryClient.setQueryData<KbDocument>(knowledgeKeys.document(event.documentId), (document) =>
    document ? patchDocument(document, event) : document,
  );

  queryClient.setQueryData<VersionList>(knowledgeKeys.versions(event.documentId), (data) => {
    if (!data) return data;
    let changed = false;
    const items = data.items.map((version) => {
      if (version.version !== event.version) return version;
      if (version.status === event.status && version.progress === event.progress) return version;
      changed = true;
      return {
        ...version,
        status: event.status,
        progress: event.progress,
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
      };
    });
    return changed ? { ...data, items } : data;
  });

  const queue = getUploadQueue();
  const fresh = queue
    .getItems()
    .flatMap((item) =>
      item.phase === 'processing' && item.document?.id === event.documentId
        ? [patchDocument(item.document, event)]
        : [],
    );
  if (fresh.length > 0) queue.applyDocuments(fresh);
}

/** Whether anything the dashboard holds is still being processed (its stages may have been missed). */
function hasProgressShown(queryClient: QueryClient): boolean {
  if (getUploadQueue().processingDocumentIds().length > 0) return true;
  const lists = queryClient.getQueriesData<InfiniteData<DocumentPage>>({ queryKey: listsKey() });
  for (const [, data] of lists) {
    if (data?.pages.some((page) => page.items.some((d) => !isSettled(d.status)))) return true;
  }
  const details = queryClient.getQueriesData<unknown>({ queryKey: [...knowledgeKeys.documents(), 'detail'] });
  for (const [, data] of details) {
    if (data && typeof data === 'object' && 'status' in data && 'latestVersion' in data) {
      if (!isSettled((data as KbDocument).status)) return true;
    }
  }
  return false;
}

/**
 * The knowledge area's one socket (`/knowledge/live`), mounted by its layout:
 * each ingestion stage the worker commits moves the progress bars at once
 * (document lists, the open document, its versions, the upload queue), and a
 * document that is ready or failed is fetched again (chunk count, language...).
 * While it is open, the queries that poll progress only do so every 30 s;
 * after a reconnect everything in progress is fetched once, since frames may
 * have been missed meanwhile.
 */
export function useKnowledgeLive() {
  const queryClient = useQueryClient();
  const settled = useRef(new Set<string>());

  const refreshSettled = useDebouncedCallback(() => {
    const ids = settled.current;
    settled.current = new Set();
    void queryClient.invalidateQueries({ queryKey: listsKey() });
    void queryClient.invalidateQueries({ queryKey: knowledgeKeys.folders() });
    for (const id of ids) void queryClient.invalidateQueries({ queryKey: knowledgeKeys.document(id) });
  }, SETTLED_DEBOUNCE_MS);

  const refreshAll = () => {
    void queryClient.invalidateQueries({ queryKey: knowledgeKeys.documents() });
    void queryClient.invalidateQueries({ queryKey: knowledgeKeys.ingestion() });
  };

  const socket = useLiveSocket('/knowledge/live', {
    onFrame: (frame) => {
      const parsed = KnowledgeEventSchema.safeParse(frame);
      if (!parsed.success || parsed.data.type !== 'document') return;
      const event = parsed.data;
      applyEvent(queryClient, event);
      if (isSettled(event.status)) {
        settled.current.add(event.documentId);
        refreshSettled.call();
      }
    },
    onStatus: (status) => setKnowledgeLiveOpen(status === 'open'),
    onOpen: (isReconnect) => {
      // Frames sent while disconnected (or before the first connection) are lost: fetch once.
      if (isReconnect || hasProgressShown(queryClient)) refreshAll();
    },
  });

  // Leaving the knowledge area: back to plain polling for whatever still polls.
  useEffect(() => () => setKnowledgeLiveOpen(false), []);

  return socket.status;
}
