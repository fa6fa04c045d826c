import { tokenize } from './normalize.ts';

/**
 * A hand-written sentiment lexicon for one language. Keys may carry accents and may be phrases of
 * several words; they are normalised when compiled, exactly like the messages they are matched against.
 */
export interface SentimentLexicon {
  /** Word or phrase → valence on VADER's scale, about -4 (worst) to +4 (best); 0 neutralises a phrase. */
  valence: Record<string, number>;
  /** Words that strengthen the next sentiment word ("very", "muy"). */
  boosters: readonly string[];
  /** Words that strengthen the sentiment word before them ("me gusta mucho", "love it a lot"). */
  postBoosters: readonly string[];
  /** Words that soften the next sentiment word ("a bit", "un poco"). */
  dampers: readonly string[];
  /** Words that flip the sentiment words shortly after them ("not", "nunca", "sin"). */
  negators: readonly string[];
  /** "but": what follows it counts more than what precedes it. */
  contrasts: readonly string[];
  /** Pronouns and auxiliaries that do not use up the negation window ("no ME HE SENTIDO bien"). */
  transparent: readonly string[];
  /** Judgement words that, inside a question, ask rather than feel ("is it bad to...?"). */
  evaluative: readonly string[];
  /** The forms a valence word stands for, the word itself first, each with a factor on its valence. */
  inflect: (word: string) => ReadonlyArray<readonly [form: string, factor: number]>;
}

export type LexiconRole = 'booster' | 'postBooster' | 'damper' | 'negator' | 'contrast';

/** What the scorer needs to know about one word or phrase. */
export interface LexiconEntry {
  valence: number;
  role: LexiconRole | null;
  /** Does not count toward the negation and booster window. */
  transparent: boolean;
  evaluative: boolean;
}

export interface CompiledLexicon {
  entries: Map<string, LexiconEntry>;
  /** First word of every phrase of two or more words → the longest such phrase, in words. */
  phraseStarts: Map<string, number>;
}

/** Turns one or more lexicons into lookup maps; the first lexicon wins where two define the same word. */
export function compileLexicon(...lexicons: SentimentLexicon[]): CompiledLexicon {
  const entries = new Map<string, LexiconEntry>();
  const phraseStarts = new Map<string, number>();
  const entryFor = (key: string) => {
    const words = tokenize(key);
    const normalized = words.join(' ');
    if (words.length > 1)
      phraseStarts.set(words[0]!, Math.max(phraseStarts.get(words[0]!) ?? 0, words.length));
    let entry = entries.get(normalized);
    if (!entry) {
      entry = { valence: 0, role: null, transparent: false, evaluative: false };
      entries.set(normalized, entry);
    }
    return entry;
  };
  for (const lexicon of [...lexicons].reverse()) {
    // Generated forms first, then the listed words, so a listed word always keeps its own weight
    // ("buenas" as a greeting, not as a form of "bueno").
    const listed = Object.entries(lexicon.valence);
    for (const [word, valence] of listed) {
      if (word.includes(' ')) continue;
      for (const [form, factor] of lexicon.inflect(word).slice(1)) entryFor(form).valence = valence * factor;
    }
    for (const [word, valence] of listed) entryFor(word).valence = valence;
    const roles: Array<[readonly string[], LexiconRole]> = [
      [lexicon.boosters, 'booster'],
      [lexicon.postBoosters, 'postBooster'],
      [lexicon.dampers, 'damper'],
      [lexicon.negators, 'negator'],
      [lexicon.contrasts, 'contrast'],
    ];
    for (const [list, role] of roles) for (const word of list) entryFor(word).role = role;
    for (const word of lexicon.transparent) entryFor(word).transparent = true;
    for (const word of lexicon.evaluative) {
      for (const [form] of lexicon.inflect(word)) entryFor(form).evaluative = true;
    }
  }
  return { entries, phraseStarts };
}
