import { randomUUID } from 'node:crypto';
import type { DevMail } from '@companero/contracts';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Mails kept for the dev mailbox page; undefined when mail really goes out. */
  readonly devMailbox?: { list(): DevMail[] };
}

/** SMTP delivery (any provider: SES, Postmark, Mailgun, a relay) from an smtp:// URL. */
export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

const LINK_RE = /https?:\/\/[^\s)>\]]+/g;

/**
 * Without SMTP, mail is written to the log and kept (newest first, bounded) for
 * the dev mailbox page, so sign-up and password reset work on a laptop.
 */
export function createDevMailer({
  log,
  exposeMailbox,
  capacity = 200,
}: {
  log: Logger;
  /** False in production: there the mails are only logged, never served by the API. */
  exposeMailbox: boolean;
  capacity?: number;
}): Mailer {
  const items: DevMail[] = [];
  return {
    async send(mail) {
      const entry: DevMail = {
        id: randomUUID(),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        links: mail.text.match(LINK_RE) ?? [],
        sentAt: new Date().toISOString(),
      };
      items.unshift(entry);
      if (items.length > capacity) items.length = capacity;
      log.info(
        { to: mail.to, subject: mail.subject, links: entry.links },
        'mail kept in dev mailbox (SMTP_URL unset)',
      );
    },
    ...(exposeMailbox ? { devMailbox: { list: () => [...items] } } : {}),
  };
}
