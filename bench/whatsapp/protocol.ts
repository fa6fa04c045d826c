// IPC between the load generator (webhooks.ts) and the server under test (server-child.ts).

/**
 * Which server the child runs: the real API (buildApp, and the worker role on
 * demand), or a bare Fastify route that checks the same signature without a
 * database, the floor the app is compared against.
 */
export type ChildKind = 'app' | 'bare';

/** Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()). */
export interface MessageEvents {
  /** The worker's webhook job for this wamid started (first attempt). */
  picked?: number;
  /** That job's handler returned (the reply was composed and handed to the queue). */
  done?: number;
  /** The reply's send job was stored in the queue. */
  queued?: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface WindowStats {
  /** CPU the server process used in the window, ms (user + system). */
  cpuMs: number;
  /** Event-loop delay of the server in the window beyond the 10 ms sampling interval, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Webhook requests inside the server: the request event → the response finished, ms. */
  serverMs: Percentiles;
  /** The api's enqueue of each delivery's job (the INSERT, waiting for a pool connection included), ms; null for the bare server. */
  enqueueMs: Percentiles | null;
  /** Database round trips in the window: the app's pool and the queue's (null for the bare server and on PGlite). */
  appRoundTrips: number | null;
  queueRoundTrips: number | null;
  /** Webhook jobs in the queue at the end of the window (null for the bare server). */
  webhookJobs: number | null;
}

export type ParentMessage =
  | { type: 'setup'; phoneNumberId: string; appSecret: string; accessToken: string }
  /** `label` names the window's CPU profile when profiling (BENCH_WHATSAPP_PROFILE_DIR). */
  | { type: 'window-start'; label: string }
  | { type: 'window-end' }
  /** Deletes the webhook jobs Part 1 left in the queue, then starts the worker role. */
  | { type: 'start-worker'; separateQueue: boolean }
  | { type: 'e2e-events' }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number; database: string | null; queuePool: string | null }
  | { type: 'setup-done'; creatorId: string | null; setupMs: number }
  | { type: 'window-started'; webhookJobs: number | null }
  | ({ type: 'window'; profile: string | null } & WindowStats)
  | { type: 'worker-started'; deletedJobs: number; vacuumed: boolean; pollingIntervalSeconds: number }
  | {
      type: 'e2e-events';
      /** Per inbound wamid. */
      messages: Record<string, MessageEvents>;
      /** Per recipient wa_id, in arrival order: when a message to it reached the fake Graph API. */
      sent: Record<string, number[]>;
      /** Failed attempts of WhatsApp jobs, by job name and message. */
      jobErrors: string[];
      /** Round trips on the app's pool (api and worker) since the worker started; the queue's pool is not in it; null on PGlite. */
      appRoundTrips: number | null;
    }
  | { type: 'failed'; error: string };
