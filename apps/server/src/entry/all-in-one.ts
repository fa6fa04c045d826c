// `npm start`: api and worker in one process, embedded defaults (PGlite,
// in-process cache and queue) unless DATABASE_URL / REDIS_URL are set.
import { runProcess } from './run-process.ts';

await runProcess({ api: true, worker: true });
