import type { ReplyLanguage } from './offline-composer.ts';

export type UserRequest = 'human' | 'forget';

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const HUMAN = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+)?(real\s+)?(human|person|people|someone real|real coach|the coach|my coach)\b/,
  /\b(human|real person)\s+(please|agent|now)\b/,
  /\bi\s+(want|need)\s+(a\s+)?(human|real person)\b/,
  /\b(hablar|charlar)\s+con\s+(una\s+)?(persona( real)?|humano|alguien real|el coach|la coach|mi coach|mi entrenador(a)?)\b/,
  /\b(quiero|necesito)\s+(a\s+)?(una\s+persona|un humano|alguien real)\b/,
];

const FORGET = [
  /\b(forget|delete|erase|remove)\b.{0,40}\b(about me|my (personal )?(data|information|info|details)|what you know)\b/,
  /\b(olvida|olvidate|borra|elimina)\b.{0,40}\b(sobre mi|de mi|lo que sabes|mis datos|mi informacion)\b/,
];

/**
 * What an end user asks of the service itself rather than of the coach's
 * material: a human (the creator) or to be forgotten. English and Spanish.
 *
 * @example
 * detectUserRequest('Can I talk to a real person?') // 'human'
 * detectUserRequest('Olvida todo lo que sabes de mí') // 'forget'
 */
export function detectUserRequest(text: string): UserRequest | null {
  const t = plain(text);
  if (FORGET.some((re) => re.test(t))) return 'forget';
  if (HUMAN.some((re) => re.test(t))) return 'human';
  return null;
}

export function userRequestReply(
  request: UserRequest,
  lang: ReplyLanguage,
  opts: { coachName: string; forgotten: number },
): string {
  const coach = opts.coachName || (lang === 'es' ? 'tu coach' : 'your coach');
  if (request === 'human')
    return lang === 'es'
      ? `He avisado a ${coach} para que se una a la conversación. Te responderá aquí en cuanto pueda.`
      : `I’ve asked ${coach} to join this conversation. They will reply here as soon as they can.`;
  return lang === 'es'
    ? `Hecho: he olvidado lo que sabía de ti (${opts.forgotten} ${opts.forgotten === 1 ? 'dato' : 'datos'}). Si vuelves a contarme algo, lo recordaré para ayudarte mejor.`
    : `Done: I’ve forgotten what I knew about you (${opts.forgotten} ${opts.forgotten === 1 ? 'item' : 'items'}). If you tell me things again, I’ll remember them to help you better.`;
}
