import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'creator.signed_up',
  'creator.email_verified',
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reused',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.password_changed',
  'api_key.created',
  'api_key.revoked',
  'end_user.created',
  'end_user.deleted',
  'end_user.memory_erased',
  'widget.updated',
  'widget.key_rotated',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.uuid(),
  action: AuditActionSchema,
  actorType: z.enum(['creator', 'api_key', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
