import type { Personality } from '@companero/contracts';
import { contentTerms } from './content-terms.ts';
import { splitSentences } from './sentences.ts';

export type Voice = Omit<Personality, 'updatedAt'>;
export type ReplyLanguage = 'en' | 'es';

export interface ComposerPassage {
  /** Citation marker number, [n] in the text. */
  n: number;
  content: string;
  kind: 'document' | 'correction';
}

export type Intent = 'greeting' | 'thanks' | 'question';

const GREETING =
  /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|hola|buenas( tardes| noches)?|buenos dias|que tal)\b/;
const THANKS = /^(thanks?( you)?|thank u|ty|cheers|gracias|muchas gracias|mil gracias)\b/;

/** Small talk needs no knowledge base: a greeting or a thank-you with no question in it. */
export function detectIntent(text: string): Intent {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[¡!¿?.,:;]+/g, ' ')
    .trim();
  const words = plain.split(/\s+/).length;
  if (words <= 6 && contentTerms(text).length <= 2) {
    if (THANKS.test(plain)) return 'thanks';
    if (GREETING.test(plain)) return 'greeting';
  }
  return 'question';
}

const T = {
  en: {
    hello: (name: string | null) => (name ? `Hi ${name}!` : 'Hi!'),
    leadIn: {
      warm: 'Great question. Here is what I teach about it:',
      direct: 'Here is the short answer:',
      plain: 'Here is what my material says:',
    },
    correctionLeadIn: 'Here is my answer:',
    askWhat: 'What would you like to work on today?',
    welcome: 'You are welcome! Keep going, you are doing the work.',
    noAnswer:
      'I don’t have anything in my material about that, so I’d rather not guess. I’ve noted your question so it can be covered.',
    tryTopics: (topics: string) => `I can help you with ${topics}.`,
    more: 'Ask me if you’d like more detail.',
  },
  es: {
    hello: (name: string | null) => (name ? `¡Hola, ${name}!` : '¡Hola!'),
    leadIn: {
      warm: 'Buena pregunta. Esto es lo que enseño sobre ello:',
      direct: 'La respuesta corta:',
      plain: 'Esto dice mi material:',
    },
    correctionLeadIn: 'Esta es mi respuesta:',
    askWhat: '¿En qué quieres trabajar hoy?',
    welcome: '¡De nada! Sigue así, lo estás haciendo muy bien.',
    noAnswer:
      'No tengo nada en mi material sobre eso, así que prefiero no adivinar. He anotado tu pregunta para que se pueda cubrir.',
    tryTopics: (topics: string) => `Puedo ayudarte con ${topics}.`,
    more: 'Pregúntame si quieres más detalle.',
  },
} as const;

const WARM = /warm|friendly|encourag|kind|cálid|calid|cercan|amable|motivad|alentador/i;
const DIRECT = /direct|concise|brief|no.?nonsense|directo|concis|breve/i;

function leadIn(voice: Voice, lang: ReplyLanguage): string {
  const tone = voice.tone.join(' ');
  if (WARM.test(tone)) return T[lang].leadIn.warm;
  if (DIRECT.test(tone)) return T[lang].leadIn.direct;
  return T[lang].leadIn.plain;
}

function joinTopics(items: readonly string[], lang: ReplyLanguage): string {
  const list = items.slice(0, 4);
  if (list.length <= 1) return list.join('');
  const and = lang === 'es' ? ' y ' : ' and ';
  return `${list.slice(0, -1).join(', ')}${and}${list[list.length - 1]}`;
}

/** Removes Markdown decoration a chat bubble would show literally. */
function tidy(sentence: string): string {
  return sentence
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Picks the sentences of the passages that best answer the query: each
 * passage's best sentence (and the next one when it continues the thought),
 * at most `maxSentences`, in passage order. Extractive on purpose: every
 * claim in an offline reply is the creator's own words.
 */
export function selectSentences(
  query: string,
  passages: readonly ComposerPassage[],
  maxSentences = 4,
  maxChars = 700,
): { n: number; text: string }[] {
  const q = new Set(contentTerms(query));
  const picked: { n: number; text: string; order: number }[] = [];
  let chars = 0;
  passages.forEach((passage, pi) => {
    if (picked.length >= maxSentences) return;
    const sentences = splitSentences(passage.content)
      .map(tidy)
      .filter((x) => x.length >= 12);
    if (sentences.length === 0) return;
    let best = 0;
    let bestScore = -1;
    sentences.forEach((sentence, i) => {
      const terms = contentTerms(sentence);
      const hits = terms.filter((t) => q.has(t)).length;
      // Prefer sentences that mention the query, then earlier ones (leads summarise).
      const score = hits + (hits > 0 ? 0.5 / (1 + i) : 0) - (terms.length > 40 ? 0.5 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    // A passage none of whose sentences mention the question adds nothing.
    if (bestScore <= 0 && passage.kind !== 'correction') return;
    const take = [best];
    // A correction is the creator's exact answer: keep all of it (within bounds).
    if (passage.kind === 'correction') {
      for (let i = 0; i < sentences.length; i++) if (i !== best) take.push(i);
    } else if (pi === 0 && sentences[best + 1]) {
      take.push(best + 1);
    }
    for (const i of take.sort((a, b) => a - b)) {
      const text = sentences[i]!;
      if (picked.length >= maxSentences || chars + text.length > maxChars) break;
      if (picked.some((x) => x.text === text)) continue;
      picked.push({ n: passage.n, text, order: pi * 1000 + i });
      chars += text.length;
    }
  });
  return picked.sort((a, b) => a.order - b.order).map(({ n, text }) => ({ n, text }));
}

/**
 * The offline provider: a helpful reply composed from the top retrieved
 * passages in the creator's voice (greeting, tone, sign-off, language), with
 * [n] citation markers, or a plain "I don't know" when nothing relevant was
 * found. Deterministic, instant, no network.
 *
 * @example
 * composeOfflineReply({ query: 'How much should I sleep?', passages, voice, language: 'en', firstTurn: true, userName: 'Ana' })
 * // { text: 'Hi Ana!\n\nHere is what my material says:\nAdults need 7–9 hours of sleep. [1]', used: [1] }
 */
export function composeOfflineReply(input: {
  query: string;
  intent?: Intent;
  passages: readonly ComposerPassage[];
  voice: Voice;
  language: ReplyLanguage;
  firstTurn: boolean;
  userName?: string | null;
}): { text: string; used: number[]; noAnswer: boolean } {
  const { voice, language: lang } = input;
  const t = T[lang];
  const intent = input.intent ?? detectIntent(input.query);
  const greeting = voice.greeting.trim() || t.hello(input.userName ?? null);
  const parts: string[] = [];
  if (input.firstTurn || intent === 'greeting') parts.push(greeting);

  if (intent === 'greeting') {
    parts.push(t.askWhat);
    return { text: parts.join('\n\n'), used: [], noAnswer: false };
  }
  if (intent === 'thanks') {
    parts.push(t.welcome);
    if (voice.signOff.trim()) parts.push(voice.signOff.trim());
    return { text: parts.join('\n\n'), used: [], noAnswer: false };
  }

  const sentences = selectSentences(input.query, input.passages);
  if (sentences.length === 0) {
    parts.push(t.noAnswer);
    if (voice.expertise.length > 0) parts.push(t.tryTopics(joinTopics(voice.expertise, lang)));
    return { text: parts.join('\n\n'), used: [], noAnswer: true };
  }
  const fromCorrection = input.passages[0]?.kind === 'correction' && sentences[0]?.n === input.passages[0].n;
  const body = sentences.map((x) => `${x.text} [${x.n}]`).join(' ');
  parts.push(`${fromCorrection ? t.correctionLeadIn : leadIn(voice, lang)}\n${body}`);
  if (voice.signOff.trim()) parts.push(voice.signOff.trim());
  else if (sentences.length >= 3) parts.push(t.more);
  return { text: parts.join('\n\n'), used: [...new Set(sentences.map((x) => x.n))], noAnswer: false };
}

/** Splits a composed reply into word-sized deltas, so it streams like a model's. */
export function* wordDeltas(text: string): Generator<string> {
  const re = /\S+\s*|\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m[0];
}
