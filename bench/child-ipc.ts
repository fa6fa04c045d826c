// Talking to a benchmark's server child over IPC (bench/widget, bench/whatsapp):
// wait for a typed message, ask and wait for the answer, stop the child, and
// read the CPU of the scratch database's PostgreSQL backends.
import type { ChildProcess } from 'node:child_process';
import { adminQuery } from '@companero/db/testing';
import { cpuOfPids } from './cpu.ts';

/** Every child message has a `type`; `failed` carries the child's error. */
interface Message {
  type: string;
  error?: string;
}

/** Typed IPC helpers for one protocol (`M` the child's messages, `P` the parent's). */
export function childIpc<M extends Message, P extends { type: string }>(opts: { stopGraceMs: number }) {
  /** The child's next message of `type`; fails if it reports a failure, exits, or takes too long. */
  function nextMessage<T extends M['type']>(
    child: ChildProcess,
    type: T,
    timeoutMs: number,
  ): Promise<Extract<M, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (msg: M) => {
        if (msg?.type === type) done(undefined, msg as Extract<M, { type: T }>);
        else if (msg?.type === 'failed') done(new Error(`server child: ${msg.error}`));
      };
      const onExit = (code: number | null, signal: string | null) =>
        done(new Error(`server child exited (${signal ?? `code ${code}`}) before sending ${type}`));
      function done(err?: Error, msg?: Extract<M, { type: T }>) {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolve(msg!);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  function ask<T extends M['type']>(child: ChildProcess, msg: P, answer: T, timeoutMs = 60_000) {
    const next = nextMessage(child, answer, timeoutMs);
    child.send(msg);
    return next;
  }

  /** Asks the child to stop; SIGTERM after the grace period, SIGKILL after twice it. */
  async function stopChild(child: ChildProcess) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
    const term = setTimeout(() => child.kill('SIGTERM'), opts.stopGraceMs);
    const kill = setTimeout(() => child.kill('SIGKILL'), opts.stopGraceMs * 2);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
  }

  return { nextMessage, ask, stopChild };
}

/** CPU so far (µs) per backend of `database`; undefined when /proc is not readable. */
export async function databaseBackendsCpu(adminUrl: string, database: string) {
  const { rows } = await adminQuery(
    adminUrl,
    `select pid from pg_stat_activity where datname = '${database}'`,
  );
  const pids = (rows as { pid: number }[]).map((r) => r.pid);
  const cpu = cpuOfPids(pids);
  return pids.length && !cpu.size ? undefined : cpu;
}

/** Milliseconds the backends used between two readings (a backend that appeared in between counts in full). */
export function backendsCpuDelta(
  before: Map<number, number> | undefined,
  after: Map<number, number> | undefined,
) {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total / 1000;
}
