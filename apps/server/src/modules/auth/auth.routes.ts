import {
  AcceptedSchema,
  ChangePasswordBodySchema,
  CreatorSchema,
  EmailBodySchema,
  LoginBodySchema,
  LogoutBodySchema,
  PasswordResetConfirmBodySchema,
  RefreshBodySchema,
  SessionSchema,
  SignupBodySchema,
  SignupResponseSchema,
  TokenBodySchema,
  UpdateMeBodySchema,
} from '@companero/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AuthService, RequestMeta } from './auth.service.ts';

export const REFRESH_COOKIE = 'cmp_refresh';
const COOKIE_PATH = '/api/v1/auth';

const metaOf = (req: FastifyRequest): RequestMeta => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
  requestId: req.id,
});

export const authRoutes =
  ({ auth, secureCookies }: { auth: AuthService; secureCookies: boolean }): FastifyPluginAsyncZod =>
  async (app) => {
    const setRefreshCookie = (
      reply: FastifyReply,
      session: { refreshToken: string; refreshTokenExpiresAt: string },
    ) =>
      reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
        httpOnly: true,
        secure: secureCookies,
        sameSite: 'strict',
        path: COOKIE_PATH,
        expires: new Date(session.refreshTokenExpiresAt),
      });
    const refreshTokenOf = (req: FastifyRequest, body: { refreshToken?: string }) =>
      body.refreshToken ?? req.cookies[REFRESH_COOKIE];

    const tags = ['auth'];
    app.post(
      '/auth/signup',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Create a creator account; a verification link is mailed',
          body: SignupBodySchema,
          response: { 201: SignupResponseSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await auth.signup(req.body, metaOf(req))),
    );
    app.post(
      '/auth/verify-email',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Confirm the email address with the mailed token',
          body: TokenBodySchema,
          response: { 200: z.object({ verified: z.literal(true) }) },
        },
      },
      (req) => auth.verifyEmail(req.body.token, metaOf(req)),
    );
    app.post(
      '/auth/resend-verification',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Mail a new verification link (same answer for unknown emails)',
          body: EmailBodySchema,
          response: { 202: AcceptedSchema },
        },
      },
      async (req, reply) => {
        await auth.resendVerification(req.body.email);
        return reply.status(202).send({ accepted: true });
      },
    );
    app.post(
      '/auth/login',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Log in; returns an access token and sets the refresh cookie',
          body: LoginBodySchema,
          response: { 200: SessionSchema },
        },
      },
      async (req, reply) => {
        const session = await auth.login(req.body, metaOf(req));
        setRefreshCookie(reply, session);
        return session;
      },
    );
    app.post(
      '/auth/refresh',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Rotate the refresh token (body or cookie); a reused token ends the whole session family',
          body: RefreshBodySchema.default({}),
          response: { 200: SessionSchema },
        },
      },
      async (req, reply) => {
        const token = refreshTokenOf(req, req.body);
        if (!token) throw new AppError('UNAUTHENTICATED', 'No refresh token: log in again');
        try {
          const session = await auth.refresh(token, metaOf(req));
          setRefreshCookie(reply, session);
          return session;
        } catch (err) {
          reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
          throw err;
        }
      },
    );
    app.post(
      '/auth/logout',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'End this session (refresh token from body or cookie)',
          body: LogoutBodySchema.default({}),
        },
      },
      async (req, reply) => {
        const token = refreshTokenOf(req, req.body);
        if (token) await auth.logout(token, metaOf(req));
        reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
        return reply.status(204).send();
      },
    );
    app.post(
      '/auth/password-reset/request',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Mail a password reset link (same answer for unknown emails)',
          body: EmailBodySchema,
          response: { 202: AcceptedSchema },
        },
      },
      async (req, reply) => {
        await auth.requestPasswordReset(req.body.email, metaOf(req));
        return reply.status(202).send({ accepted: true });
      },
    );
    app.post(
      '/auth/password-reset/confirm',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Set a new password with the mailed token; ends every session',
          body: PasswordResetConfirmBodySchema,
        },
      },
      async (req, reply) => {
        await auth.confirmPasswordReset(req.body, metaOf(req));
        return reply.status(204).send();
      },
    );

    const accountTags = ['account'];
    app.get(
      '/me',
      {
        config: { auth: 'account:read' },
        schema: { tags: accountTags, summary: 'The signed-in creator', response: { 200: CreatorSchema } },
      },
      (req) => auth.getMe(req.tenant),
    );
    app.patch(
      '/me',
      {
        config: { auth: 'session' },
        schema: {
          tags: accountTags,
          summary: 'Update display name or language',
          body: UpdateMeBodySchema,
          response: { 200: CreatorSchema },
        },
      },
      (req) => auth.updateMe(req.tenant, req.body),
    );
    app.post(
      '/me/password',
      {
        config: { auth: 'session' },
        schema: {
          tags: accountTags,
          summary: 'Change password; ends every other session',
          body: ChangePasswordBodySchema,
        },
      },
      async (req, reply) => {
        await auth.changePassword(req.tenant, req.body);
        return reply.status(204).send();
      },
    );
  };
