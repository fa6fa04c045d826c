import { randomUUID } from 'node:crypto';
import type { Creator, Locale } from '@companero/contracts';
import type { Database, TenantTx } from '@companero/db';
import type { Logger } from 'pino';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { mailTemplates } from '../../platform/mail/templates.ts';
import type { AccessTokens } from '../../platform/security/access-tokens.ts';
import { mintOpaqueToken, parseOpaqueToken, secretMatches } from '../../platform/security/opaque-tokens.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthRepository, CreatorRow } from './auth.repository.ts';
import type { LoginThrottle } from './login-throttle.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

const VERIFY_TTL_MS = 24 * 3600_000;
const RESET_TTL_MS = 3600_000;

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';

export const toCreator = (r: CreatorRow): Creator => ({
  id: r.id,
  email: r.email,
  displayName: r.displayName,
  locale: r.locale,
  emailVerified: r.emailVerifiedAt !== null,
  createdAt: r.createdAt.toISOString(),
});

export interface AuthServiceDeps {
  db: Database;
  repo: AuthRepository;
  audit: AuditService;
  accessTokens: AccessTokens;
  mailer: Mailer;
  throttle: LoginThrottle;
  log: Logger;
  publicUrl: string;
  refreshTtlDays: number;
}

/** Sign-up, email verification, log-in, refresh rotation with reuse detection, password reset. */
export function createAuthService(deps: AuthServiceDeps) {
  const { db, repo, audit, accessTokens, mailer, throttle, log } = deps;
  const anon = (meta: RequestMeta) => ({ actorType: 'anonymous' as const, ...meta });

  async function issueSession(
    tx: TenantTx,
    creator: CreatorRow,
    meta: RequestMeta,
    familyId: string = randomUUID(),
  ) {
    const refresh = mintOpaqueToken(tx.creatorId);
    const refreshExpiresAt = new Date(Date.now() + deps.refreshTtlDays * 86_400_000);
    await repo.insertRefreshToken(tx, {
      id: refresh.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: refreshExpiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const access = await accessTokens.sign({ creatorId: creator.id, familyId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      creator: toCreator(creator),
    };
  }

  /** Mail goes out after the transaction commits; a mail failure never undoes the change. */
  function sendLater(to: string, mail: { subject: string; text: string }) {
    mailer.send({ to, ...mail }).catch((err) => log.error({ err, to }, 'mail delivery failed'));
  }

  async function createEmailLink(tx: TenantTx, purpose: 'verify_email' | 'reset_password') {
    const t = mintOpaqueToken(tx.creatorId);
    const ttl = purpose === 'verify_email' ? VERIFY_TTL_MS : RESET_TTL_MS;
    await repo.insertEmailToken(tx, {
      id: t.id,
      purpose,
      tokenHash: t.hash,
      expiresAt: new Date(Date.now() + ttl),
    });
    const path = purpose === 'verify_email' ? 'verify-email' : 'reset-password';
    return `${deps.publicUrl}/${path}?token=${t.token}`;
  }

  /** Validates a mailed link and marks it (and its siblings) used, inside the creator's transaction. */
  async function consumeEmailLink(
    tx: TenantTx,
    id: string,
    secret: Buffer,
    purpose: 'verify_email' | 'reset_password',
  ) {
    const row = await repo.findEmailTokenForUpdate(tx, id, purpose);
    if (!row || row.usedAt || row.expiresAt < new Date() || !secretMatches(secret, row.tokenHash)) {
      return false;
    }
    await repo.markEmailTokensUsed(tx, purpose);
    return true;
  }

  const invalidLink = () =>
    new AppError('TOKEN_INVALID', 'This link is invalid, expired or already used. Ask for a new one.');

  return {
    issueSession,

    async signup(
      input: { email: string; password: string; displayName: string; locale: Locale },
      meta: RequestMeta,
    ) {
      const passwordHash = await hashPassword(input.password);
      const creatorId = randomUUID();
      try {
        const { creator, link } = await db.withTenant(creatorId, async (tx) => {
          const creator = await repo.insertCreator(tx, { ...input, passwordHash });
          const link = await createEmailLink(tx, 'verify_email');
          await audit.record(tx, {
            ...anon(meta),
            action: 'creator.signed_up',
            data: { email: input.email },
          });
          return { creator, link };
        });
        sendLater(creator.email, mailTemplates(creator.locale).verify(creator.displayName, link));
        return { creator: toCreator(creator), verificationRequired: true as const };
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
        throw err;
      }
    },

    async verifyEmail(token: string, meta: RequestMeta) {
      const parsed = parseOpaqueToken(token);
      if (!parsed) throw invalidLink();
      const ok = await db.withTenant(parsed.creatorId, async (tx) => {
        if (!(await consumeEmailLink(tx, parsed.id, parsed.secret, 'verify_email'))) return false;
        await repo.updateCreator(tx, { emailVerifiedAt: new Date() });
        await audit.record(tx, { ...anon(meta), action: 'creator.email_verified' });
        return true;
      });
      if (!ok) throw invalidLink();
      return { verified: true as const };
    },

    async resendVerification(email: string) {
      const creatorId = await db.withSystem('resend verification mail by email', (tx) =>
        repo.findCreatorIdByEmail(tx, email),
      );
      if (!creatorId) return; // same answer whether or not the account exists
      const sent = await db.withTenant(creatorId, async (tx) => {
        const creator = await repo.findCreator(tx);
        if (!creator || creator.emailVerifiedAt) return undefined;
        return { creator, link: await createEmailLink(tx, 'verify_email') };
      });
      if (sent)
        sendLater(
          sent.creator.email,
          mailTemplates(sent.creator.locale).verify(sent.creator.displayName, sent.link),
        );
    },

    async login(input: { email: string; password: string }, meta: RequestMeta) {
      await throttle.assertAllowed({ ip: meta.ip, account: input.email });
      const creatorId = await db.withSystem('log in by email', (tx) =>
        repo.findCreatorIdByEmail(tx, input.email),
      );
      if (!creatorId) {
        await verifyPassword(await decoyHash(), input.password); // same cost as a wrong password
        await throttle.recordFailure({ ip: meta.ip, account: input.email });
        throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
      }
      const outcome = await db.withTenant(creatorId, async (tx) => {
        const creator = await repo.findCreator(tx);
        if (!creator || !(await verifyPassword(creator.passwordHash, input.password))) {
          await audit.record(tx, {
            ...anon(meta),
            action: 'auth.login_failed',
            data: { reason: 'wrong_password' },
          });
          return { kind: 'wrong_password' as const };
        }
        if (!creator.emailVerifiedAt) return { kind: 'unverified' as const };
        const session = await issueSession(tx, creator, meta);
        await audit.record(tx, {
          actorType: 'creator',
          actorId: creator.id,
          ...meta,
          action: 'auth.login_succeeded',
        });
        return { kind: 'ok' as const, session };
      });
      if (outcome.kind === 'wrong_password') {
        await throttle.recordFailure({ ip: meta.ip, account: input.email });
        throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
      }
      if (outcome.kind === 'unverified') {
        throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your email address first: we sent you a link');
      }
      await throttle.reset({ account: input.email });
      return outcome.session;
    },

    /**
     * Rotates a refresh token. A token that was already used (or revoked) being
     * presented again means it was copied: the whole family is revoked, so the
     * thief's and the victim's sessions both end and the victim logs in again.
     */
    async refresh(token: string, meta: RequestMeta) {
      const parsed = parseOpaqueToken(token);
      if (!parsed) throw new AppError('UNAUTHENTICATED', 'Invalid refresh token');
      const outcome = await db.withTenant(parsed.creatorId, async (tx) => {
        const row = await repo.findRefreshTokenForUpdate(tx, parsed.id);
        if (!row || !secretMatches(parsed.secret, row.tokenHash)) return { kind: 'invalid' as const };
        if (row.usedAt || row.revokedAt) {
          await repo.revokeFamily(tx, row.familyId);
          await audit.record(tx, {
            ...anon(meta),
            action: 'auth.refresh_reused',
            data: { familyId: row.familyId },
          });
          return { kind: 'reused' as const };
        }
        if (row.expiresAt < new Date()) return { kind: 'expired' as const };
        const creator = await repo.findCreator(tx);
        if (!creator) return { kind: 'invalid' as const };
        await repo.markRefreshTokenUsed(tx, row.id);
        return { kind: 'ok' as const, session: await issueSession(tx, creator, meta, row.familyId) };
      });
      switch (outcome.kind) {
        case 'ok':
          return outcome.session;
        case 'reused':
          throw new AppError(
            'REFRESH_TOKEN_REUSED',
            'This session was ended for safety. Please log in again.',
          );
        case 'expired':
          throw new AppError('TOKEN_EXPIRED', 'The session has expired. Please log in again.');
        default:
          throw new AppError('UNAUTHENTICATED', 'Invalid refresh token');
      }
    },

    /** Ends the session the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
    async logout(token: string, meta: RequestMeta) {
      const parsed = parseOpaqueToken(token);
      if (!parsed) return;
      await db.withTenant(parsed.creatorId, async (tx) => {
        const row = await repo.findRefreshTokenForUpdate(tx, parsed.id);
        if (!row || !secretMatches(parsed.secret, row.tokenHash)) return;
        await repo.revokeFamily(tx, row.familyId);
        await audit.record(tx, {
          actorType: 'creator',
          actorId: parsed.creatorId,
          ...meta,
          action: 'auth.logout',
        });
      });
    },

    async requestPasswordReset(email: string, meta: RequestMeta) {
      const creatorId = await db.withSystem('password reset by email', (tx) =>
        repo.findCreatorIdByEmail(tx, email),
      );
      if (!creatorId) return; // same answer whether or not the account exists
      const sent = await db.withTenant(creatorId, async (tx) => {
        const creator = await repo.findCreator(tx);
        if (!creator) return undefined;
        const link = await createEmailLink(tx, 'reset_password');
        await audit.record(tx, { ...anon(meta), action: 'auth.password_reset_requested' });
        return { creator, link };
      });
      if (sent)
        sendLater(
          sent.creator.email,
          mailTemplates(sent.creator.locale).reset(sent.creator.displayName, sent.link),
        );
    },

    async confirmPasswordReset(input: { token: string; password: string }, meta: RequestMeta) {
      const parsed = parseOpaqueToken(input.token);
      if (!parsed) throw invalidLink();
      const passwordHash = await hashPassword(input.password);
      const email = await db.withTenant(parsed.creatorId, async (tx) => {
        if (!(await consumeEmailLink(tx, parsed.id, parsed.secret, 'reset_password'))) return undefined;
        const creator = await repo.findCreator(tx);
        if (!creator) return undefined;
        // Following the mailed link proves the address, so it also counts as verification.
        await repo.updateCreator(tx, {
          passwordHash,
          emailVerifiedAt: creator.emailVerifiedAt ?? new Date(),
        });
        await repo.revokeAllFamilies(tx);
        await audit.record(tx, { ...anon(meta), action: 'auth.password_reset' });
        return creator.email;
      });
      if (!email) throw invalidLink();
      await throttle.reset({ account: email });
    },

    async getMe(ctx: Pick<TenantContext, 'creatorId'>) {
      const creator = await db.readAsTenant(ctx.creatorId, (tx) => repo.findCreator(tx));
      if (!creator) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
      return toCreator(creator);
    },

    async updateMe(ctx: TenantContext, patch: { displayName?: string; locale?: Locale }) {
      const creator = await db.withTenant(ctx.creatorId, (tx) => repo.updateCreator(tx, patch));
      if (!creator) throw new AppError('UNAUTHENTICATED', 'This account no longer exists');
      return toCreator(creator);
    },

    /** Changes the password and ends every other session of this creator. */
    async changePassword(ctx: TenantContext, input: { currentPassword: string; newPassword: string }) {
      const passwordHash = await hashPassword(input.newPassword);
      const ok = await db.withTenant(ctx.creatorId, async (tx) => {
        const creator = await repo.findCreator(tx);
        if (!creator || !(await verifyPassword(creator.passwordHash, input.currentPassword))) return false;
        await repo.updateCreator(tx, { passwordHash });
        await repo.revokeAllFamilies(tx, ctx.familyId);
        await audit.record(tx, { ...audit.actorOf(ctx), action: 'auth.password_changed' });
        return true;
      });
      if (!ok) {
        throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong', {
          errors: [{ path: 'body.currentPassword', message: 'Wrong password', code: 'invalid_credentials' }],
        });
      }
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
