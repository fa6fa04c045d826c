import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What `npm start` does, as a user sees it: the process starts on embedded
 * defaults, Ctrl-C (SIGINT) stops it cleanly, and a restart keeps the data.
 * Always embedded (PGlite on disk): that is the mode `npm start` promises.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'companero-start-'));
const port = 30_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(): ChildProcess {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    REDIS_URL: '',
    NODE_ENV: 'development',
  };
  return spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'all-in-one.ts')], {
    env,
    stdio: 'pipe',
  });
}

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

const exitOf = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));

describe('npm start (all-in-one process)', () => {
  it('starts on embedded defaults, stops cleanly on SIGINT, and keeps data across restarts', async () => {
    const first = start();
    await waitReady();
    const email = `persist-${Date.now()}@example.com`;
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'persistent password', displayName: 'P' }),
    });
    expect(signup.status).toBe(201);
    first.kill('SIGINT');
    expect(await exitOf(first)).toBe(0);

    const second = start();
    try {
      await waitReady();
      // The account survived the restart: it exists and still awaits verification.
      const again = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'persistent password' }),
      });
      expect(((await again.json()) as { code: string }).code).toBe('EMAIL_NOT_VERIFIED');
    } finally {
      second.kill('SIGINT');
      expect(await exitOf(second)).toBe(0);
    }
  }, 90_000);
});
