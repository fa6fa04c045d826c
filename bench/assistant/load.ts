// The load generator child: runs each job the runner sends over IPC — N
// clients, each taking the next session (a conversation's messages, sent one
// after the other) — over real HTTP on 127.0.0.1 with keep-alive sockets, and
// answers with one sample per request. node:http, not fetch: less client CPU
// per request, so the 2-core machine spends it on the server.
import { Agent, request } from 'node:http';
import type { Call, Command, LoadJob, LoadResult, Sample } from './common.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface Response {
  status: number;
  body: string;
  firstDeltaMs: number | null;
  totalMs: number;
}

function send(job: LoadJob, call: Call): Promise<Response> {
  const sse = job.mode === 'sse';
  const search = job.mode === 'search';
  const path = search
    ? `/api/v1/knowledge/search?limit=6&q=${encodeURIComponent(call.text)}`
    : `/api/v1/conversations/${call.conversationId}/messages${job.debug ? '?debug=true' : ''}`;
  const body = search ? undefined : JSON.stringify({ content: call.text });
  const headers: Record<string, string | number> = {
    authorization: `Bearer ${job.token}`,
    accept: sse ? 'text/event-stream' : 'application/json',
  };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${job.origin}${path}`,
      { method: search ? 'GET' : 'POST', agent, headers },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        let firstDeltaMs: number | null = null;
        res.on('data', (chunk: string) => {
          text += chunk;
          if (sse && firstDeltaMs === null && text.includes('event: delta\n'))
            firstDeltaMs = performance.now() - started;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            firstDeltaMs,
            totalMs: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const started = performance.now();
    req.end(body);
  });
}

interface Debug {
  timings?: Record<string, number>;
}

interface ReplyMeta {
  citations?: unknown[];
  firstTokenMs?: number | null;
  latencyMs?: number;
}

/** The last `event: <type>` block of an SSE body, parsed. */
function lastEvent(body: string, type: string): unknown {
  const marker = `event: ${type}\ndata: `;
  const at = body.lastIndexOf(marker);
  if (at < 0) return undefined;
  const end = body.indexOf('\n\n', at);
  return JSON.parse(body.slice(at + marker.length, end < 0 ? undefined : end));
}

function sampleOf(job: LoadJob, call: Call, r: Response): Sample {
  const base = {
    followUp: call.followUp,
    firstDeltaMs: r.firstDeltaMs,
    totalMs: r.totalMs,
    status: r.status,
    serverFirstTokenMs: null,
    serverLatencyMs: null,
  };
  if (r.status < 200 || r.status >= 300)
    return { ...base, error: `HTTP ${r.status}: ${r.body.slice(0, 200)}`, hit: false };
  if (job.mode === 'search') {
    const items = (JSON.parse(r.body) as { items: unknown[] }).items;
    return { ...base, error: null, hit: items.length > 0 };
  }
  let reply: { role?: string; meta?: ReplyMeta } | null | undefined;
  let debug: Debug | null | undefined;
  if (job.mode === 'sse') {
    const error = lastEvent(r.body, 'error') as { detail?: string } | undefined;
    if (error) return { ...base, error: `error event: ${error.detail}`, hit: false };
    if (r.firstDeltaMs === null) return { ...base, error: 'no delta event', hit: false };
    reply = (lastEvent(r.body, 'message') as { message?: typeof reply } | undefined)?.message;
    if (job.debug) debug = (lastEvent(r.body, 'debug') as { debug?: Debug } | undefined)?.debug;
  } else {
    const parsed = JSON.parse(r.body) as { reply: typeof reply; debug: Debug | null };
    reply = parsed.reply;
    debug = parsed.debug;
  }
  if (reply?.role !== 'assistant') return { ...base, error: 'no reply', hit: false };
  return {
    ...base,
    error: null,
    serverFirstTokenMs: reply.meta?.firstTokenMs ?? null,
    serverLatencyMs: reply.meta?.latencyMs ?? null,
    hit: (reply.meta?.citations?.length ?? 0) > 0,
    ...(debug?.timings ? { timings: debug.timings } : {}),
  };
}

async function run(job: LoadJob): Promise<Omit<LoadResult, 'type' | 'id'>> {
  const samples: Sample[] = [];
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(job.concurrency, job.sessions.length) }, async () => {
      for (let s = next++; s < job.sessions.length; s = next++) {
        const session = job.sessions[s]!;
        for (const [i, call] of session.entries()) {
          if (job.thinkMs > 0)
            await sleep(i === 0 ? Math.random() * job.thinkMs : job.thinkMs * (0.5 + Math.random()));
          try {
            samples.push(sampleOf(job, call, await send(job, call)));
          } catch (err) {
            samples.push({
              firstDeltaMs: null,
              totalMs: Number.NaN,
              status: 0,
              error: String(err),
              serverFirstTokenMs: null,
              serverLatencyMs: null,
              hit: false,
              followUp: call.followUp,
            });
          }
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { samples, wallMs: performance.now() - started, cpuMicros: cpu.user + cpu.system };
}

if (!process.send) throw new Error('load.ts runs as a child of run.ts (needs an IPC channel)');
process.on('message', (cmd: Command) => {
  if (cmd.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'stats',
      id: cmd.id,
      cpuMicros: cpu.user + cpu.system,
      roundTrips: 0,
      requests: 0,
    });
    return;
  }
  if (cmd.type !== 'run') return;
  run(cmd.job).then(
    (result) => process.send?.({ type: 'result', id: cmd.id, ...result } satisfies LoadResult),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
});
process.send({ type: 'ready', port: 0 });
// Exit with the runner: a closed channel means it is gone.
process.on('disconnect', () => process.exit(0));
