// IPC between the load generator (connections.ts) and the server under test (server-child.ts).

/** Which server the child runs: the real API, or a bare `ws` server as the floor. */
export type ChildKind = 'app' | 'bare';

/** One visitor's session: what the widget would get from POST /api/v1/widget/sessions. */
export interface BenchSession {
  token: string;
  conversationId: string;
}

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  /** V8 heap committed: free space in it absorbs new objects without growing RSS. */
  heapTotal: number;
  /** C++ objects bound to JS (sockets' buffers, ...) as V8 knows them. */
  external: number;
}

export interface WindowStats {
  /** CPU the server process used in the measured window, in ms (user + system). */
  cpuMs: number;
  /** Event-loop delay of the server in the window, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** User messages the app stored for the bench creator (null for the bare server). */
  storedUserMessages: number | null;
}

export type ParentMessage =
  | { type: 'setup'; connections: number; origin: string }
  | { type: 'memory' }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number; database: string | null; pubsub: string | null }
  | { type: 'sessions'; sessions: BenchSession[]; setupSeconds: number }
  | ({ type: 'memory' } & MemoryReading)
  | ({ type: 'window' } & WindowStats)
  | { type: 'failed'; error: string };
