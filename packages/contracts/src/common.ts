import { z } from 'zod';

export const UuidSchema = z.uuid();
export const IdParamsSchema = z.strictObject({ id: z.uuid().describe('Object id (UUID)') });

export const LOCALES = ['en', 'es'] as const;
export const LocaleSchema = z.enum(LOCALES).describe('Interface and content language');
export type Locale = z.infer<typeof LocaleSchema>;

/** Keyset pagination: pass `nextCursor` from one page as `cursor` for the next. */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** An IANA time zone name, e.g. `Europe/Madrid`. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone, e.g. Europe/Madrid');
