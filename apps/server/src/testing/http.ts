import type { FastifyInstance } from 'fastify';
import type { Mailer } from '../platform/mail/mailer.ts';

let counter = 0;
/** A unique email per call, so test files never collide on a shared database or Redis. */
export const uniqueEmail = (label = 'coach') =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** The token in the newest mailed link to `to` whose path contains `path`. */
export function mailedToken(mailer: Mailer, to: string, path: 'verify-email' | 'reset-password'): string {
  const mail = mailer.devMailbox?.list().find((m) => m.to === to && m.links.some((l) => l.includes(path)));
  const link = mail?.links.find((l) => l.includes(path));
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`no ${path} mail for ${to}`);
  return token;
}

/**
 * Signs up, verifies through the mailed link and logs in: a ready creator.
 * Mail is sent after commit without blocking the response, so we wait for it.
 */
export async function signUpAndLogIn(
  app: FastifyInstance,
  mailer: Mailer,
  opts: { email?: string; password?: string } = {},
) {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? 'correct horse battery staple';
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password, displayName: 'Coach' },
  });
  if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.body}`);
  const token = await eventually(() => mailedToken(mailer, email, 'verify-email'));
  const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
  if (verify.statusCode !== 200) throw new Error(`verify failed: ${verify.body}`);
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const session = login.json() as { accessToken: string; refreshToken: string; creator: { id: string } };
  return {
    email,
    password,
    creatorId: session.creator.id,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    auth: { authorization: `Bearer ${session.accessToken}` },
  };
}

export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
