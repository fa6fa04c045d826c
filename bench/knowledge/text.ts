// Deterministic, English-like text for the knowledge-base benchmarks: a seeded
// PRNG, a vocabulary ranked for a Zipf distribution (function words and coaching
// topic words at the top, real coaching words next, a long tail of made-up
// words), prose for PDF pages and chunk-sized passages, and "needle" phrases
// that occur in exactly one chunk so a search can be checked, not just timed.

/** mulberry32: small, fast, good enough for test data; the same seed gives the same text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const between = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// English function words: to_tsvector('english') drops most of them, as it would in real prose.
const FUNCTION_WORDS = (
  'the of and to a in is you that it for on with as your this be are at by not or have from can what when ' +
  'how will more about if they we their one do an but all so which there has would each them then into than ' +
  'its been who other some most these our may also only just over before after because where while both few ' +
  'many any very again same such through during own those between should could does did were was had out up ' +
  'down no here why my me he she her him his us'
).split(' ');

// Words a coaching corpus repeats everywhere: they get ranks among the function words,
// so their posting lists cover a large share of the chunks (the expensive queries).
const TOPIC_WORDS = (
  'client goal coach session time change habit question plan work week progress feel people help ' +
  'practice step team energy'
).split(' ');

// Real words of coaching, wellbeing and work material (ranks after the function and topic words).
const CONTENT_WORDS = (
  'listen ask answer reflect notice choose decide commit review measure track reward routine morning ' +
  'evening sleep rest exercise walk run breathe focus attention distraction priority value purpose vision ' +
  'mission strength weakness feedback praise criticism trust respect conflict agreement boundary ' +
  'expectation assumption belief mindset growth learning skill mastery curiosity courage fear anxiety ' +
  'stress pressure deadline calendar schedule meeting agenda outcome result metric milestone obstacle ' +
  'barrier resource support accountability partner mentor manager leader leadership delegate ownership ' +
  'initiative motivation discipline willpower consistency patience resilience recovery burnout balance ' +
  'health nutrition water coffee caffeine alcohol journal notebook writing reading summary insight ' +
  'pattern trigger cue craving response reinforcement identity story narrative language tone empathy ' +
  'compassion kindness gratitude emotion anger sadness joy relief confidence doubt uncertainty risk ' +
  'experiment hypothesis evidence data decision option alternative tradeoff cost benefit budget money ' +
  'savings income career promotion interview resume network relationship family friend partner parent ' +
  'child conversation silence pause curiosity powerful open closed scale rating score baseline target ' +
  'quarter month year daily weekly monthly annual reflection retrospective celebration failure mistake ' +
  'lesson recovery setback relapse restart plateau breakthrough momentum friction environment space desk ' +
  'phone notification email inbox message reply boundary delegation interruption procrastination ' +
  'perfectionism overwhelm clarity simplicity priority urgent important delegate eliminate automate batch ' +
  'block deep shallow creative strategic tactical operational project task list checklist template ' +
  'framework model grow wheel ladder pyramid matrix canvas worksheet exercise prompt homework assignment ' +
  'client-led self-awareness self-talk inner critic permission commitment promise contract agreement ' +
  'confidentiality ethics supervision certification credential hours fee package offer pricing discovery ' +
  'intake onboarding offboarding referral testimonial marketing audience newsletter workshop course ' +
  'cohort community forum group retreat program curriculum module lesson video audio transcript recording'
).split(' ');

const ONSETS = 'b c d f g l m n p r s t v br st tr pl gr sh'.split(' ');
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'm', 't', 'nd', 'st', 'rk'];
// Needles use letters the ordinary vocabulary never does, so they cannot collide with it.
const NEEDLE_ONSETS = ['zq', 'xv', 'qz', 'vx', 'kz', 'zk', 'jx', 'xj'];

function madeUpWord(rand: Rand, onsets: readonly string[], syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += pick(rand, onsets) + pick(rand, VOWELS) + pick(rand, CODAS);
  return w;
}

export interface Vocabulary {
  /** Words by rank (0 = most frequent). */
  words: string[];
  /** Index of the first word after the function and topic words (where "content" ranks start). */
  contentStart: number;
  /** Index of the first made-up (long-tail) word. */
  tailStart: number;
  /** The topic words (ranked among the function words: the longest posting lists). */
  topic: string[];
  /** Cumulative Zipf probabilities, one per rank. */
  cdf: Float64Array;
}

/** `size` words ranked for Zipf(s): function words mixed with the topic words, then real content words, then made-up words. */
export function buildVocabulary(size = 40_000, s = 1.05, seed = 7): Vocabulary {
  const rand = prng(seed);
  const head = [...FUNCTION_WORDS];
  // Topic words at ranks 15..~60: each sits in a large share of the chunks.
  TOPIC_WORDS.forEach((w, i) => {
    head.splice(15 + i * 2, 0, w);
  });
  const seen = new Set(head);
  const words = [...head];
  const contentStart = words.length;
  for (const w of CONTENT_WORDS) {
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  const tailStart = words.length;
  while (words.length < size) {
    const w = madeUpWord(rand, ONSETS, between(rand, 2, 4));
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  const cdf = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) {
    total += 1 / (r + 1) ** s;
    cdf[r] = total;
  }
  for (let r = 0; r < cdf.length; r++) cdf[r]! /= total;
  return { words, contentStart, tailStart, topic: [...TOPIC_WORDS], cdf };
}

/** A rank drawn from the vocabulary's Zipf distribution. */
export function zipfRank(v: Vocabulary, rand: Rand): number {
  const x = rand();
  let lo = 0;
  let hi = v.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One sentence of `n` Zipf words, capitalised and closed with a full stop. */
export function sentence(v: Vocabulary, rand: Rand, n: number, maxRank = v.words.length): string {
  const out: string[] = [];
  while (out.length < n) {
    const r = zipfRank(v, rand);
    if (r < maxRank) out.push(v.words[r]!);
  }
  const first = out[0]!;
  out[0] = first[0]!.toUpperCase() + first.slice(1);
  return `${out.join(' ')}${rand() < 0.1 ? '?' : '.'}`;
}

/** Prose of about `words` words as sentences of 8–18 words. */
export function prose(v: Vocabulary, rand: Rand, words: number, maxRank?: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < words) {
    const len = Math.min(between(rand, 8, 18), Math.max(3, words - n));
    parts.push(sentence(v, rand, len, maxRank));
    n += len;
  }
  return parts.join(' ');
}

/** `count` distinct three-word phrases of made-up words that no vocabulary word can match. */
export function needlePhrases(count: number, seed = 99): string[][] {
  const rand = prng(seed);
  const seen = new Set<string>();
  const out: string[][] = [];
  while (out.length < count) {
    // The "xo" ending is one the English stemmer leaves alone, so distinct words stay distinct lexemes.
    const phrase = [0, 1, 2].map(() => `${madeUpWord(rand, NEEDLE_ONSETS, 2)}xo`);
    if (phrase.some((w) => seen.has(w))) continue;
    for (const w of phrase) seen.add(w);
    out.push(phrase);
  }
  return out;
}
