import type { Locale } from '@companero/contracts';

// Transactional mail in the creator's language. Plain text: readable in every
// client, and links are the whole point.
const T = {
  en: {
    verify: (name: string, link: string) => ({
      subject: 'Confirm your email for Compañero',
      text: `Hi ${name},\n\nConfirm your email address to start using Compañero:\n\n${link}\n\nThe link is valid for 24 hours. If you did not sign up, ignore this mail.\n`,
    }),
    reset: (name: string, link: string) => ({
      subject: 'Reset your Compañero password',
      text: `Hi ${name},\n\nSomeone (hopefully you) asked to reset your password. Choose a new one here:\n\n${link}\n\nThe link is valid for 1 hour. If it was not you, ignore this mail: your password is unchanged.\n`,
    }),
    alert: (name: string, what: string, excerpt: string, link: string) => ({
      subject: `Urgent: a client may need you (${what})`,
      text: `Hi ${name},\n\nA client wrote something that may need you personally (${what}):\n\n  "${excerpt}"\n\nThe AI coach answered with a safety message and handed the conversation to you. Open it here:\n\n${link}\n`,
    }),
  },
  es: {
    verify: (name: string, link: string) => ({
      subject: 'Confirma tu correo en Compañero',
      text: `Hola ${name}:\n\nConfirma tu dirección de correo para empezar a usar Compañero:\n\n${link}\n\nEl enlace es válido durante 24 horas. Si no te registraste, ignora este mensaje.\n`,
    }),
    reset: (name: string, link: string) => ({
      subject: 'Restablece tu contraseña de Compañero',
      text: `Hola ${name}:\n\nAlguien (esperamos que tú) pidió restablecer tu contraseña. Elige una nueva aquí:\n\n${link}\n\nEl enlace es válido durante 1 hora. Si no fuiste tú, ignora este mensaje: tu contraseña no ha cambiado.\n`,
    }),
    alert: (name: string, what: string, excerpt: string, link: string) => ({
      subject: `Urgente: un cliente puede necesitarte (${what})`,
      text: `Hola ${name}:\n\nUn cliente escribió algo que puede necesitar tu atención personal (${what}):\n\n  "${excerpt}"\n\nEl coach IA respondió con un mensaje de seguridad y te pasó la conversación. Ábrela aquí:\n\n${link}\n`,
    }),
  },
} as const;

export const mailTemplates = (locale: Locale) => T[locale];
