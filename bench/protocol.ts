// Messages between the runner and its children (Node IPC channel).

export type ServerKind = 'hello' | 'floor' | 'tenant' | 'tenant-sql' | 'app';

/** A server child says it is listening; the app child also returns the seeded tenant. */
export interface ServerReady {
  type: 'ready';
  port: number;
  /** The SQL the handler sends (floor), for the report. */
  sql?: string;
  /** Seeded creator whose end users the list returns, and its access token (app). */
  creatorId?: string;
  accessToken?: string;
}

/** GET /__bench/stats on every server child. */
export interface ServerStats {
  /** Database round trips since start (Database.stats.roundTrips; our own count on the floor). */
  roundTrips: number;
  /** HTTP requests served since start, excluding /__bench/ routes. */
  requests: number;
  /** CPU time (user + system) this process has used, in microseconds. */
  cpuMicros: number;
}

export interface LoadRequest {
  type: 'load';
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  type: 'result';
  requestsPerSecond: number;
  completed: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Percentiles over every response's latency (ms), computed from all samples. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time the load generator used during the run, in microseconds. */
  cpuMicros: number;
}
