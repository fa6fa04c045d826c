import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { AssistantRepository } from './assistant.repository.ts';

export interface UsageEntry {
  use: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Token usage, written beside the replies rather than inside them: every reply
 * of a creator on a day adds to the same `ai_usage_daily` rows, so updating
 * them in each reply's transaction made replies queue behind one row lock.
 * Entries recorded while a creator's write is in flight are summed and written
 * by the next one: at most one write per creator at a time, no lock waits, and
 * nothing waits longer than one write. `drain()` flushes (shutdown, tests).
 */
export function createUsageRecorder(deps: {
  db: Database;
  repo: Pick<AssistantRepository, 'addUsage'>;
  logger: Pick<Logger, 'error'>;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const pending = new Map<string, Map<string, UsageEntry & { day: string; requests: number }>>();
  const inFlight = new Map<string, Promise<void>>();

  function flush(creatorId: string): Promise<void> {
    const running = inFlight.get(creatorId);
    if (running) return running;
    const batch = pending.get(creatorId);
    if (!batch) return Promise.resolve();
    pending.delete(creatorId);
    const write = deps.db
      .withTenant(creatorId, async (tx) => {
        for (const entry of batch.values()) await deps.repo.addUsage(tx, entry);
      })
      .catch((err) => deps.logger.error({ err, creatorId }, 'could not record AI usage'))
      .finally(() => {
        inFlight.delete(creatorId);
        if (pending.has(creatorId)) void flush(creatorId);
      });
    inFlight.set(creatorId, write);
    return write;
  }

  return {
    record(creatorId: string, entries: readonly UsageEntry[]) {
      const day = now().toISOString().slice(0, 10);
      const batch = pending.get(creatorId) ?? new Map();
      for (const e of entries) {
        const key = `${day}|${e.use}|${e.model}`;
        const sum = batch.get(key) ?? {
          day,
          use: e.use,
          model: e.model,
          inputTokens: 0,
          outputTokens: 0,
          requests: 0,
        };
        sum.requests += 1;
        sum.inputTokens += e.inputTokens;
        sum.outputTokens += e.outputTokens;
        batch.set(key, sum);
      }
      pending.set(creatorId, batch);
      if (!inFlight.has(creatorId)) setImmediate(() => void flush(creatorId));
    },
    async drain() {
      while (pending.size > 0 || inFlight.size > 0) {
        await Promise.all([...new Set([...pending.keys(), ...inFlight.keys()])].map(flush));
      }
    },
  };
}
export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
