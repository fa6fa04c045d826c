import { type Database, schema } from '@companero/db';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { mailTemplates } from '../../platform/mail/templates.ts';

const WHAT = {
  en: {
    self_harm: 'possible self-harm',
    medical_emergency: 'possible medical emergency',
    violence: 'possible violence',
    handoff_request: 'asked for you',
  },
  es: {
    self_harm: 'posible autolesión',
    medical_emergency: 'posible emergencia médica',
    violence: 'posible violencia',
    handoff_request: 'pidió hablar contigo',
  },
} as const;

export type AlertKind = keyof (typeof WHAT)['en'];

/**
 * Tells the creator at once when a client may need a human: a mail in the
 * creator's language with the excerpt and a link to the conversation. Sent
 * after the alert is committed; a mail failure is logged, never thrown.
 */
export function createAlertNotifier(deps: {
  db: Database;
  mailer: Mailer;
  publicUrl: string;
  logger: Pick<Logger, 'error'>;
}) {
  return async (creatorId: string, alert: { kind: AlertKind; excerpt: string; conversationId: string }) => {
    try {
      const [creator] = await deps.db.readAsTenant(creatorId, (tx) =>
        tx
          .select({
            email: schema.creators.email,
            name: schema.creators.displayName,
            locale: schema.creators.locale,
          })
          .from(schema.creators)
          .where(eq(schema.creators.id, creatorId)),
      );
      if (!creator) return;
      const excerpt = alert.excerpt.length > 300 ? `${alert.excerpt.slice(0, 299)}…` : alert.excerpt;
      const link = `${deps.publicUrl}/inbox/${alert.conversationId}`;
      const mail = mailTemplates(creator.locale).alert(
        creator.name,
        WHAT[creator.locale][alert.kind],
        excerpt,
        link,
      );
      await deps.mailer.send({ to: creator.email, ...mail });
    } catch (err) {
      deps.logger.error({ err, creatorId }, 'could not notify the creator of an alert');
    }
  };
}
export type AlertNotifier = ReturnType<typeof createAlertNotifier>;
