import { z } from 'zod';
import { LocaleSchema } from './common.ts';

export const EmailSchema = z
  .email()
  .max(254)
  .transform((s) => s.trim().toLowerCase())
  .describe('Email address (case-insensitive)');

/** NIST 800-63B: length over composition rules; 8..256 characters. */
export const PasswordSchema = z.string().min(8).max(256).describe('At least 8 characters');

export const CreatorSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: LocaleSchema,
  emailVerified: z.boolean(),
  createdAt: z.string(),
});
export type Creator = z.infer<typeof CreatorSchema>;

export const SignupBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: z.string().trim().min(1).max(120),
  locale: LocaleSchema.default('en'),
});
export type SignupBody = z.input<typeof SignupBodySchema>;

export const SignupResponseSchema = z.object({
  creator: CreatorSchema,
  verificationRequired: z.literal(true),
});

export const LoginBodySchema = z.strictObject({ email: EmailSchema, password: z.string().min(1).max(256) });
export type LoginBody = z.input<typeof LoginBodySchema>;

export const SessionSchema = z.object({
  accessToken: z.string().describe('JWT (HS256) to send as `Authorization: Bearer ...`'),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().describe('Single-use; also set as an httpOnly cookie. Rotated on every refresh.'),
  refreshTokenExpiresAt: z.string(),
  creator: CreatorSchema,
});
export type Session = z.infer<typeof SessionSchema>;

export const RefreshBodySchema = z.strictObject({
  refreshToken: z.string().max(300).optional().describe('Omit to use the refresh cookie'),
});
export const LogoutBodySchema = RefreshBodySchema;

export const TokenBodySchema = z.strictObject({ token: z.string().min(10).max(300) });
export const EmailBodySchema = z.strictObject({ email: EmailSchema });
export const PasswordResetConfirmBodySchema = z.strictObject({
  token: z.string().min(10).max(300),
  password: PasswordSchema,
});
export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});
export const UpdateMeBodySchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    locale: LocaleSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to update' });
export type UpdateMeBody = z.input<typeof UpdateMeBodySchema>;

export const AcceptedSchema = z.object({ accepted: z.literal(true) });
