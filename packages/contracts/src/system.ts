import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.enum(['up', 'down'])),
});

export const DevMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  links: z.array(z.string()).describe('Links found in the mail, e.g. the verification link'),
  sentAt: z.string(),
});
export type DevMail = z.infer<typeof DevMailSchema>;
export const DevMailboxSchema = z.object({ items: z.array(DevMailSchema) });

/** Public, unauthenticated facts the dashboard needs before log-in. */
export const PublicConfigSchema = z.object({
  devMailbox: z.boolean().describe('True when mail is not sent but kept in the dev mailbox'),
  version: z.string(),
});
