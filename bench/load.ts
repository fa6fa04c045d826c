// The load generator child: runs autocannon for each request the runner sends
// over IPC and answers with the result. The runner pins it to its own core.
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './protocol.ts';
import { percentile } from './stats.ts';

async function measure(req: LoadRequest): Promise<LoadResult> {
  // autocannon's own histogram has no p95, so keep every response time.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = process.cpuUsage();
  const instance = autocannon({
    url: req.url,
    headers: req.headers,
    connections: req.connections,
    duration: req.seconds,
    timeout: 10,
  });
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, count).sort();
  return {
    type: 'result',
    requestsPerSecond: result.requests.average,
    completed: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: count ? sorted[count - 1]! : Number.NaN,
    cpuMicros: cpu.user + cpu.system,
  };
}

if (!process.send) throw new Error('load.ts runs as a child of run-all.ts (needs an IPC channel)');
process.on('message', (msg: LoadRequest) => {
  measure(msg).then(
    (result) => process.send?.(result),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
});
// Exit with the runner: a closed channel means it is gone.
process.on('disconnect', () => process.exit(0));
