import { z } from 'zod';
import { LocaleSchema, TimeZoneSchema } from './common.ts';

/** A creator's client. Identified by any of: widget visitor id, phone number, app account. */
export const EndUserSchema = z.object({
  id: z.uuid(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  widgetVisitorId: z.string().nullable(),
  phoneE164: z.string().nullable(),
  appAccountId: z.string().nullable(),
  locale: LocaleSchema.nullable(),
  timezone: z.string().nullable(),
  tags: z.array(z.string()),
  proactiveOptIn: z.boolean().describe('The end user agreed to receive check-ins the coach starts'),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type EndUser = z.infer<typeof EndUserSchema>;

export const CreateEndUserBodySchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
    widgetVisitorId: z.string().min(8).max(100).optional(),
    phoneE164: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'Phone numbers are E.164, e.g. +34600111222')
      .optional(),
    appAccountId: z.string().min(1).max(100).optional(),
    locale: LocaleSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
    proactiveOptIn: z.boolean().default(false),
  })
  .refine((b) => b.widgetVisitorId || b.phoneE164 || b.appAccountId, {
    message: 'An end user needs a widget visitor id, a phone number or an app account id',
  });
export type CreateEndUserBody = z.input<typeof CreateEndUserBodySchema>;

export const UpdateEndUserBodySchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120).nullable().optional(),
  locale: LocaleSchema.nullable().optional(),
  timezone: TimeZoneSchema.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  proactiveOptIn: z.boolean().optional(),
});
export type UpdateEndUserBody = z.infer<typeof UpdateEndUserBodySchema>;
