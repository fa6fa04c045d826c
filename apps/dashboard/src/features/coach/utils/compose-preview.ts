import type { Personality } from '@companero/contracts';

/** The sample words of a preview, in the coach's reply language (not the dashboard's). */
export interface PreviewWords {
  /** The greeting used when the creator set none. */
  hello: string;
  question: string;
  answer: string;
  leadIn: { warm: string; direct: string; plain: string };
}

export interface ReplyPreview {
  question: string;
  greeting: string;
  isDefaultGreeting: boolean;
  leadIn: string;
  body: string;
  signOff: string;
}

// The same tone words the server's offline composer reacts to
// (apps/server/src/modules/assistant/offline-composer.ts): the preview must
// open the way a real offline reply does.
const WARM = /warm|friendly|encourag|kind|cálid|calid|cercan|amable|motivad|alentador/i;
const DIRECT = /direct|concise|brief|no.?nonsense|directo|concis|breve/i;

/**
 * How a first reply would read with these (unsaved) settings: greeting, the
 * lead-in the tone words choose, an answer (the creator's first example when
 * there is one, so it is in their own words) and the sign-off. Client-side
 * only; a model may phrase things differently.
 *
 * @example
 * composePreview({ greeting: '', signOff: 'Onwards!', tone: ['warm'], exampleReplies: [] }, words)
 * // { greeting: words.hello, leadIn: words.leadIn.warm, body: words.answer, signOff: 'Onwards!', ... }
 */
export function composePreview(
  voice: Pick<Personality, 'greeting' | 'signOff' | 'tone' | 'exampleReplies'>,
  words: PreviewWords,
): ReplyPreview {
  const tone = voice.tone.join(' ');
  const example = voice.exampleReplies.find((e) => e.question.trim() && e.answer.trim());
  const greeting = voice.greeting.trim();
  return {
    question: example?.question.trim() ?? words.question,
    greeting: greeting || words.hello,
    isDefaultGreeting: !greeting,
    leadIn: WARM.test(tone)
      ? words.leadIn.warm
      : DIRECT.test(tone)
        ? words.leadIn.direct
        : words.leadIn.plain,
    body: example?.answer.trim() ?? words.answer,
    signOff: voice.signOff.trim(),
  };
}
