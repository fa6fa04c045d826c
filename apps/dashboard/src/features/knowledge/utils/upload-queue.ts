import { ApiError, type UploadFields, type UploadProgress } from '@companero/api-client';
import type { KbDocument, UploadResult } from '@companero/contracts';

/**
 * Where one file is: waiting its turn, being sent, then (once the server took
 * it) the server's own processing until ready or failed. `rejected` is the
 * server refusing the file (the reason says why: empty, unsupported...);
 * `error` is anything else (network, server down) and can be retried.
 */
export type UploadPhase =
  | 'queued'
  | 'uploading'
  | 'processing'
  | 'ready'
  | 'failed'
  | 'rejected'
  | 'error'
  | 'cancelled';

export interface UploadReason {
  code: string;
  message: string;
}

export interface UploadItem {
  id: string;
  /** The display path: the file name, with its folders when a folder was uploaded. */
  name: string;
  size: number;
  phase: UploadPhase;
  /** Share of the file sent so far, 0 to 100. */
  uploadPercent: number;
  /** The document the server made of it, kept fresh by polling while it is processed. */
  document?: KbDocument;
  /** Why the server refused the file, or why processing failed. */
  reason?: UploadReason;
  /** A failure that is not about the file (network, server), for the message. */
  error?: unknown;
}

export interface UploadSettings {
  folderId: string | null;
  visibility: KbDocument['visibility'];
  membersTag?: string | undefined;
  tags: string[];
}

export interface QueuedFile {
  file: File;
  folders: string[];
}

export interface UploadQueueDeps {
  upload(
    file: File,
    fields: UploadFields,
    options: { onUploadProgress: (progress: UploadProgress) => void; signal: AbortSignal },
  ): Promise<UploadResult>;
  /** The id of the folder at `names` below `parentId`, creating what is missing. */
  ensureFolder(parentId: string | null, names: readonly string[]): Promise<string | null>;
  /** How many files are sent at once (each its own request). */
  concurrency?: number;
  /** Waits before retrying a throttled (429) upload; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Called when the server accepted a file (to refresh the document list). */
  onAccepted?: (document: KbDocument) => void;
}

const FINISHED: ReadonlySet<UploadPhase> = new Set(['ready', 'failed', 'rejected', 'cancelled']);
const MAX_THROTTLE_RETRIES = 5;

/** Why a failed upload request was about the file itself (shown as a rejection), if it was. */
function rejectionOf(error: unknown): UploadReason | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'FILE_REJECTED') {
    const first = error.problem.errors?.[0];
    return first
      ? { code: first.code, message: first.message }
      : { code: 'FILE_REJECTED', message: error.problem.detail ?? error.message };
  }
  if (error.code === 'PAYLOAD_TOO_LARGE') return { code: 'TOO_LARGE', message: error.problem.detail ?? '' };
  if (
    error.code === 'QUOTA_EXCEEDED' ||
    error.code === 'VALIDATION_FAILED' ||
    error.code === 'UNSUPPORTED_MEDIA_TYPE'
  ) {
    return { code: error.code, message: error.problem.detail ?? error.message };
  }
  return undefined;
}

const phaseOf = (document: KbDocument): UploadPhase =>
  document.status === 'ready' ? 'ready' : document.status === 'failed' ? 'failed' : 'processing';

const reasonOf = (document: KbDocument): UploadReason | undefined =>
  document.status === 'failed'
    ? { code: document.errorCode ?? 'FAILED', message: document.errorMessage ?? '' }
    : undefined;

/**
 * The upload queue: files wait their turn, go out a few at a time (each its own
 * request, so hundreds of files work and one bad file never blocks the rest),
 * report their progress, then follow the server's processing. It lives outside
 * React so uploads keep going while the creator moves between pages.
 */
export function createUploadQueue(deps: UploadQueueDeps) {
  const concurrency = deps.concurrency ?? 3;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const listeners = new Set<() => void>();
  const jobs = new Map<
    string,
    { file: QueuedFile; settings: UploadSettings; controller?: AbortController }
  >();
  let items: readonly UploadItem[] = [];
  let active = 0;
  let nextId = 0;
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = () => {
    if (notifyTimer !== undefined) {
      clearTimeout(notifyTimer);
      notifyTimer = undefined;
    }
    for (const listener of listeners) listener();
  };
  // Progress events come many times a second: re-render at most every 100 ms for them.
  const emitSoon = () => {
    notifyTimer ??= setTimeout(emit, 100);
  };

  function patch(id: string, change: Partial<UploadItem>, now = true) {
    items = items.map((item) => (item.id === id ? { ...item, ...change } : item));
    if (now) emit();
    else emitSoon();
  }

  const find = (id: string) => items.find((item) => item.id === id);

  async function send(id: string) {
    const job = jobs.get(id);
    if (!job) return;
    const controller = new AbortController();
    job.controller = controller;
    patch(id, { phase: 'uploading', uploadPercent: 0, error: undefined, reason: undefined });
    const { settings } = job;
    try {
      const folderId =
        job.file.folders.length > 0
          ? await deps.ensureFolder(settings.folderId, job.file.folders)
          : settings.folderId;
      let result: UploadResult | undefined;
      for (let attempt = 0; !result; attempt += 1) {
        try {
          result = await deps.upload(
            job.file.file,
            {
              folderId,
              visibility: settings.visibility,
              membersTag: settings.visibility === 'members' ? settings.membersTag : undefined,
              tags: settings.tags,
            },
            {
              signal: controller.signal,
              onUploadProgress: ({ loaded, total }) =>
                patch(
                  id,
                  { uploadPercent: total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0 },
                  false,
                ),
            },
          );
        } catch (error) {
          // Throttled: wait as long as the server asks, then send again.
          if (error instanceof ApiError && error.code === 'RATE_LIMITED' && attempt < MAX_THROTTLE_RETRIES) {
            patch(id, { phase: 'queued', uploadPercent: 0 });
            await sleep(Math.max(1, error.retryAfterSeconds ?? 2 ** attempt) * 1000);
            if (controller.signal.aborted) throw error;
            patch(id, { phase: 'uploading' });
            continue;
          }
          throw error;
        }
      }
      const document = result.accepted[0];
      if (document) {
        patch(id, { document, phase: phaseOf(document), reason: reasonOf(document), uploadPercent: 100 });
        deps.onAccepted?.(document);
      } else {
        const rejected = result.rejected[0];
        patch(id, {
          phase: 'rejected',
          uploadPercent: 100,
          reason: rejected
            ? { code: rejected.code, message: rejected.message }
            : { code: 'FILE_REJECTED', message: '' },
        });
      }
    } catch (error) {
      if (controller.signal.aborted) {
        if (find(id)) patch(id, { phase: 'cancelled' });
        return;
      }
      const reason = rejectionOf(error);
      patch(id, reason ? { phase: 'rejected', reason, uploadPercent: 100 } : { phase: 'error', error });
    } finally {
      job.controller = undefined;
    }
  }

  function pump() {
    while (active < concurrency) {
      const next = items.find((item) => item.phase === 'queued' && !jobs.get(item.id)?.controller);
      if (!next) return;
      active += 1;
      // Mark it taken before the first await so the loop does not pick it twice.
      const job = jobs.get(next.id);
      if (job) job.controller = new AbortController();
      void send(next.id).finally(() => {
        active -= 1;
        pump();
      });
    }
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getItems: () => items,

    /** Queues files with the settings of this upload (folder, visibility, tags). */
    add(files: readonly QueuedFile[], settings: UploadSettings) {
      const added: UploadItem[] = files.map((queued) => {
        nextId += 1;
        const id = `upload-${nextId}`;
        jobs.set(id, { file: queued, settings });
        return {
          id,
          name: [...queued.folders, queued.file.name].join('/'),
          size: queued.file.size,
          phase: 'queued',
          uploadPercent: 0,
        };
      });
      if (added.length === 0) return;
      items = [...items, ...added];
      emit();
      pump();
    },

    /** Sends a file again after a network or server error, or after it was cancelled. */
    retry(id: string) {
      const item = find(id);
      if (!item || (item.phase !== 'error' && item.phase !== 'cancelled')) return;
      patch(id, { phase: 'queued', uploadPercent: 0, error: undefined });
      pump();
    },

    /** Stops a file that is waiting or being sent (the server keeps nothing of a cut-off upload). */
    cancel(id: string) {
      const item = find(id);
      if (!item || (item.phase !== 'queued' && item.phase !== 'uploading')) return;
      // A queued file may be waiting out a 429 with its request prepared: abort that too.
      jobs.get(id)?.controller?.abort();
      patch(id, { phase: 'cancelled' });
    },

    /** Takes finished files off the list; files still going stay. */
    clearFinished() {
      const kept = items.filter((item) => !FINISHED.has(item.phase));
      for (const item of items) if (FINISHED.has(item.phase)) jobs.delete(item.id);
      items = kept;
      emit();
    },

    /** Stops everything and forgets it (log-out: the next account must not see these). */
    reset() {
      for (const job of jobs.values()) job.controller?.abort();
      jobs.clear();
      items = [];
      emit();
    },

    /** Documents the server is still processing, to poll. */
    processingDocumentIds: () =>
      items.flatMap((item) => (item.phase === 'processing' && item.document ? [item.document.id] : [])),

    /** Fresh documents from polling: moves their files along (processing → ready / failed). */
    applyDocuments(documents: readonly KbDocument[]) {
      const byId = new Map(documents.map((d) => [d.id, d]));
      let changed = false;
      items = items.map((item) => {
        const fresh = item.document ? byId.get(item.document.id) : undefined;
        if (!fresh || item.phase !== 'processing') return item;
        if (fresh.status === item.document?.status && fresh.progress === item.document.progress) return item;
        changed = true;
        return { ...item, document: fresh, phase: phaseOf(fresh), reason: reasonOf(fresh) };
      });
      if (changed) emit();
    },

    /** A processed document was deleted meanwhile: its file is done with. */
    forgetDocument(documentId: string) {
      const before = items.length;
      items = items.filter((item) => item.document?.id !== documentId);
      if (items.length !== before) emit();
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;

/** Counts by phase, for the panel's summary and its live announcement. */
export function summarize(items: readonly UploadItem[]) {
  const count = (...phases: UploadPhase[]) => items.filter((item) => phases.includes(item.phase)).length;
  return {
    total: items.length,
    sending: count('queued', 'uploading'),
    processing: count('processing'),
    ready: count('ready'),
    failed: count('failed', 'rejected', 'error'),
    cancelled: count('cancelled'),
    isBusy: items.some((item) => !FINISHED.has(item.phase) && item.phase !== 'error'),
  };
}
