import type { WidgetTheme } from '@companero/contracts';
import type { Locale } from '../bridge.ts';

const EN = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  chat: 'Chat',
  messages: 'Messages',
  message: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  attach: 'Attach a file',
  removeFile: 'Remove {}',
  uploading: 'Uploading…',
  you: 'You',
  said: '{} said:',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  seen: 'Seen',
  typing: '{} is typing…',
  sources: 'Sources',
  page: 'p. {}',
  connecting: 'Connecting…',
  offline: 'Connection lost. Reconnecting…',
  refused: 'This chat is not available on this site.',
  rateLimited: 'You are sending messages too fast. Wait a moment, then retry.',
  sendFailed: 'The message could not be sent.',
  fileRejected: 'Only images (PNG, JPEG, GIF, WebP) and PDFs up to 5 MB.',
  uploadFailed: 'The file could not be uploaded.',
  tooManyFiles: 'Up to 5 files per message.',
  human: 'A person from the team has joined the chat.',
  closed: 'This conversation has ended.',
  coach: 'Coach',
  sampleQuestion: 'Hi! Can you help me build a morning routine?',
  sampleAnswer: 'Of course! Let’s start small: **one glass of water** and five minutes of stretching.',
};
export type Strings = typeof EN;

// Partial on purpose: a string not translated yet shows in English rather than blank.
const ES: Partial<Strings> = {
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  chat: 'Chat',
  messages: 'Mensajes',
  message: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  attach: 'Adjuntar un archivo',
  removeFile: 'Quitar {}',
  uploading: 'Subiendo…',
  you: 'Tú',
  said: '{} dijo:',
  sending: 'Enviando…',
  notSent: 'No enviado',
  retry: 'Reintentar',
  seen: 'Visto',
  typing: '{} está escribiendo…',
  sources: 'Fuentes',
  page: 'pág. {}',
  connecting: 'Conectando…',
  offline: 'Se perdió la conexión. Reconectando…',
  refused: 'Este chat no está disponible en este sitio.',
  rateLimited: 'Estás enviando mensajes demasiado rápido. Espera un momento y reintenta.',
  sendFailed: 'No se pudo enviar el mensaje.',
  fileRejected: 'Solo imágenes (PNG, JPEG, GIF, WebP) y PDF de hasta 5 MB.',
  uploadFailed: 'No se pudo subir el archivo.',
  tooManyFiles: 'Hasta 5 archivos por mensaje.',
  human: 'Una persona del equipo se unió al chat.',
  closed: 'Esta conversación terminó.',
  coach: 'Coach',
  sampleQuestion: '¡Hola! ¿Me ayudas a crear una rutina de mañana?',
  sampleAnswer: '¡Claro! Empecemos con poco: **un vaso de agua** y cinco minutos de estiramientos.',
};

const DICTIONARIES: Record<Locale, Partial<Strings>> = { en: EN, es: ES };

/**
 * The language the widget speaks: the page's explicit choice (`data-locale`),
 * else the creator's theme, else the visitor's browser; English when none of
 * them is a language the widget has.
 *
 * @example
 * resolveLocale(undefined, 'auto', 'es-MX'); // 'es'
 */
export function resolveLocale(
  explicit: Locale | undefined,
  themeLanguage: WidgetTheme['language'],
  browserLanguage: string | undefined,
): Locale {
  if (explicit === 'en' || explicit === 'es') return explicit;
  if (themeLanguage !== 'auto') return themeLanguage;
  const base = (browserLanguage ?? '').toLowerCase().split('-')[0];
  return base === 'es' ? 'es' : 'en';
}

/** The strings in `locale`, English where a translation is missing. */
export function getStrings(locale: Locale, dictionaries = DICTIONARIES): Strings {
  return { ...EN, ...dictionaries[locale] };
}

/**
 * Fills the `{}` of a string. A replacer function, so a `$&` in a coach's name
 * is not read as a replacement pattern.
 */
export const format = (template: string, value: string | number) =>
  template.replace('{}', () => String(value));
