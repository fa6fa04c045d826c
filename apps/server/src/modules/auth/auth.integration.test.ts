import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/create-test-app.ts';
import { eventually, mailedToken, signUpAndLogIn, uniqueEmail } from '../../testing/http.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });

describe('sign-up and email verification', () => {
  it('creates the account, mails a verification link and refuses log-in until it is followed', async () => {
    const email = uniqueEmail();
    const res = await post('/auth/signup', {
      email: email.toUpperCase(),
      password: 'long enough pw',
      displayName: 'Ana',
      locale: 'es',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().creator).toMatchObject({
      email,
      displayName: 'Ana',
      locale: 'es',
      emailVerified: false,
    });
    expect(res.body).not.toContain('password');

    const blocked = await post('/auth/login', { email, password: 'long enough pw' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('EMAIL_NOT_VERIFIED');

    const mail = await eventually(() => {
      const m = t.mailer.devMailbox!.list().find((x) => x.to === email);
      if (!m) throw new Error('no mail yet');
      return m;
    });
    expect(mail.subject).toMatch(/Confirma/); // in the creator's language
    const token = mailedToken(t.mailer, email, 'verify-email');
    expect((await post('/auth/verify-email', { token })).statusCode).toBe(200);
    // A link works once.
    const again = await post('/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('TOKEN_INVALID');

    const ok = await post('/auth/login', { email, password: 'long enough pw' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().creator.emailVerified).toBe(true);
    expect(ok.headers['set-cookie']).toMatch(/cmp_refresh=.*HttpOnly.*SameSite=Strict/i);
  });

  it('answers 409 EMAIL_TAKEN for an email already registered, in any case', async () => {
    const { email } = await signUpAndLogIn(t.app, t.mailer);
    const res = await post('/auth/signup', {
      email: email.toUpperCase(),
      password: 'another password',
      displayName: 'X',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('EMAIL_TAKEN');
  });

  it('rejects a tampered verification token', async () => {
    const email = uniqueEmail();
    await post('/auth/signup', { email, password: 'long enough pw', displayName: 'Ana' });
    const token = await eventually(() => mailedToken(t.mailer, email, 'verify-email'));
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const res = await post('/auth/verify-email', { token: tampered });
    expect(res.json().code).toBe('TOKEN_INVALID');
  });
});

describe('log-in', () => {
  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const { email } = await signUpAndLogIn(t.app, t.mailer);
    const wrong = await post('/auth/login', { email, password: 'not the password' });
    const unknown = await post('/auth/login', { email: uniqueEmail('nobody'), password: 'whatever pw' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('throttles brute force on one account with 429 and Retry-After, even for the right password', async () => {
    const { email, password } = await signUpAndLogIn(t.app, t.mailer);
    for (let i = 0; i < 3; i++)
      expect((await post('/auth/login', { email, password: `guess-${i}-xx` })).statusCode).toBe(401);
    const throttled = await post('/auth/login', { email, password });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('records failed and successful log-ins in the audit log', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    await post('/auth/login', { email: c.email, password: 'wrong password!' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: c.auth });
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'creator.signed_up',
        'creator.email_verified',
        'auth.login_succeeded',
        'auth.login_failed',
      ]),
    );
  });
});

describe('access tokens', () => {
  const me = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });

  it('accepts a valid token and rejects a missing one', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    expect((await me(`Bearer ${c.accessToken}`)).json().id).toBe(c.creatorId);
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects expired, forged and alg:none tokens', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const key = new TextEncoder().encode(t.config.jwtSecret);
    const claims = { fam: 'f', typ: 'access' };
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.creatorId)
      .setIssuer('companero')
      .setAudience('companero-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key);
    const res = await me(`Bearer ${expired}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_EXPIRED');

    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.creatorId)
      .setIssuer('companero')
      .setAudience('companero-api')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expect((await me(`Bearer ${forged}`)).json().code).toBe('UNAUTHENTICATED');

    const [, payload] = c.accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await me(`Bearer ${header}.${payload}.`)).statusCode).toBe(401);

    // Changing the subject of a real token breaks its signature.
    const other = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: '00000000-0000-4000-8000-000000000000',
      }),
    ).toString('base64url');
    const [h, , s] = c.accessToken.split('.');
    expect((await me(`Bearer ${h}.${other}.${s}`)).statusCode).toBe(401);
  });
});

describe('refresh token rotation', () => {
  it('rotates: each refresh returns a new token and the old one stops working', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const r1 = await post('/auth/refresh', { refreshToken: c.refreshToken });
    expect(r1.statusCode).toBe(200);
    const next = r1.json().refreshToken as string;
    expect(next).not.toBe(c.refreshToken);
    const r2 = await post('/auth/refresh', { refreshToken: next });
    expect(r2.statusCode).toBe(200);
  });

  it('revokes the whole family when a used refresh token is replayed', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const rotated = (await post('/auth/refresh', { refreshToken: c.refreshToken })).json()
      .refreshToken as string;
    // An attacker replays the stolen, already-used token:
    const replay = await post('/auth/refresh', { refreshToken: c.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('REFRESH_TOKEN_REUSED');
    // ...and the legitimate holder's newer token is dead too.
    const victim = await post('/auth/refresh', { refreshToken: rotated });
    expect(victim.statusCode).toBe(401);
    expect(victim.json().code).toBe('REFRESH_TOKEN_REUSED');
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: c.auth });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('auth.refresh_reused');
  });

  it('refreshes from the httpOnly cookie, and logout ends the session', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const cookie = `cmp_refresh=${c.refreshToken}`;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie },
      payload: {},
    });
    expect(r.statusCode).toBe(200);
    const newCookie = `cmp_refresh=${r.json().refreshToken}`;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          headers: { cookie: newCookie },
          payload: {},
        })
      ).statusCode,
    ).toBe(204);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: newCookie },
      payload: {},
    });
    expect(after.statusCode).toBe(401);
  });

  it('rejects garbage refresh tokens with 401, not 500', async () => {
    for (const refreshToken of ['x'.repeat(86), 'not-a-token', `${'A'.repeat(85)}=`]) {
      const res = await post('/auth/refresh', { refreshToken });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('password reset and change', () => {
  it('resets the password through the mailed link and ends every existing session', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const req = await post('/auth/password-reset/request', { email: c.email });
    expect(req.statusCode).toBe(202);
    // Unknown emails get the same answer.
    expect((await post('/auth/password-reset/request', { email: uniqueEmail('ghost') })).statusCode).toBe(
      202,
    );
    const token = await eventually(() => mailedToken(t.mailer, c.email, 'reset-password'));
    expect(
      (await post('/auth/password-reset/confirm', { token, password: 'a brand new password' })).statusCode,
    ).toBe(204);
    expect((await post('/auth/refresh', { refreshToken: c.refreshToken })).statusCode).toBe(401);
    expect((await post('/auth/login', { email: c.email, password: c.password })).statusCode).toBe(401);
    expect((await post('/auth/login', { email: c.email, password: 'a brand new password' })).statusCode).toBe(
      200,
    );
    expect(
      (await post('/auth/password-reset/confirm', { token, password: 'yet another password' })).json().code,
    ).toBe('TOKEN_INVALID');
  });

  it('changes the password only with the current one', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const bad = await post(
      '/me/password',
      { currentPassword: 'nope nope', newPassword: 'new password 123' },
      c.auth,
    );
    expect(bad.statusCode).toBe(401);
    expect(bad.json().errors[0].path).toBe('body.currentPassword');
    expect(
      (await post('/me/password', { currentPassword: c.password, newPassword: 'new password 123' }, c.auth))
        .statusCode,
    ).toBe(204);
    expect((await post('/auth/login', { email: c.email, password: 'new password 123' })).statusCode).toBe(
      200,
    );
  });

  it('remembers the creator language choice', async () => {
    const c = await signUpAndLogIn(t.app, t.mailer);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: c.auth,
      payload: { locale: 'es' },
    });
    expect(res.json().locale).toBe('es');
    const login = await post('/auth/login', { email: c.email, password: c.password });
    expect(login.json().creator.locale).toBe('es');
  });
});
