// The api process: HTTP (and later WebSocket) only. Scale it horizontally behind a load balancer.
import { runProcess } from './run-process.ts';

await runProcess({ api: true, worker: false });
