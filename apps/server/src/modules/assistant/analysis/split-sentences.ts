/** One sentence of a normalised text. */
export interface Sentence {
  text: string;
  /** Index of `text` in the normalised string it came from. */
  start: number;
  /** Ends with "?" or opens with the Spanish "¿". */
  isQuestion: boolean;
}

// A sentence ends at . ! ? or … (a dot between digits, as in "1.5 kg", does not end it), and a new one
// starts at the Spanish opening marks ¿ ¡ even without a full stop before them: "soy vegana ¿qué como?".
const SENTENCE = /[¿¡]?(?:[^.!?…¿¡]|\.(?=\d))+[.!?…]*/g;

/**
 * Splits a normalised text (see `normalizeText`) into sentences, keeping their positions.
 *
 * @example splitSentences('hola. ¿que tal?').map((s) => s.isQuestion) // [false, true]
 */
export function splitSentences(normalized: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const m of normalized.matchAll(SENTENCE)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text === '' || !/[\p{L}\p{N}]/u.test(text)) continue;
    sentences.push({ text, start: m.index + lead, isQuestion: text.startsWith('¿') || text.endsWith('?') });
  }
  return sentences;
}
