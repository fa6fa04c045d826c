// The worker process: background jobs from the queue. Scale it by running more of them.
import { runProcess } from './run-process.ts';

await runProcess({ api: false, worker: true });
