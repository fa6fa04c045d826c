import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, signUpAndLogIn } from '../../testing/http.ts';

// Fan-out across two api processes sharing one PostgreSQL and one Redis: a
// message stored by the api in this process reaches WebSockets held by a
// second api process (`src/entry/api.ts`, started as production starts it).
// Needs a PostgreSQL server and Redis (the services mode of CI).

const services = Boolean(process.env.TEST_DATABASE_URL && process.env.REDIS_URL);
const ENTRY = fileURLToPath(new URL('../../entry/api.ts', import.meta.url));

let t: TestApp;
let child: ChildProcess | undefined;
let portB = 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  if (!services) return;
  t = await createTestApp();
  portB = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(portB),
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: process.env.REDIS_URL,
      JWT_SECRET: t.config.jwtSecret,
      PUBLIC_URL: 'http://localhost:3000',
      RUN_MIGRATIONS: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  await eventually(async () => {
    if (child?.exitCode !== null) throw new Error(`second api exited: ${stderr}`);
    const res = await fetch(`http://127.0.0.1:${portB}/healthz`);
    expect(res.status).toBe(200);
  }, 30_000);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await t?.close();
});

describe.skipIf(!services)('two api processes, one Redis', () => {
  it('delivers a message stored on one process to the inbox and conversation sockets held by the other', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const inject = async (method: 'POST', url: string, payload: object) =>
      (await t.app.inject({ method, url: `/api/v1${url}`, headers: c.auth, payload })).json();
    const user = await inject('POST', '/end-users', {
      widgetVisitorId: 'visitor-two-processes',
      displayName: 'Ana',
    });
    const conversation = await inject('POST', '/conversations', { endUserId: user.id, channel: 'web' });

    const open = (path: string) => {
      const frames: { type: string; reason?: string; message?: { role: string; content: string } }[] = [];
      const ws = new WebSocket(`ws://127.0.0.1:${portB}/api/v1${path}`, [
        'companero.v1',
        `bearer.${c.accessToken}`,
      ]);
      ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
      return { ws, frames };
    };
    const inbox = open('/inbox/live');
    const live = open(`/conversations/${conversation.id}/live`);
    await eventually(() => {
      expect(inbox.frames[0]?.type).toBe('ready');
      expect(live.frames[0]?.type).toBe('ready');
    }, 10_000);

    // Stored and answered by the api in this process.
    await inject('POST', `/conversations/${conversation.id}/messages`, {
      content: 'How much water per day?',
    });
    await eventually(() => {
      const roles = live.frames.filter((f) => f.type === 'message').map((f) => f.message!.role);
      expect(roles).toEqual(['user', 'assistant']);
      expect(inbox.frames).toContainEqual({
        type: 'changed',
        conversationId: conversation.id,
        reason: 'message',
      });
    }, 10_000);
    inbox.ws.close();
    live.ws.close();
  });
});
