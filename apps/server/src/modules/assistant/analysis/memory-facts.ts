import type { ChatLanguage } from './detect-language.ts';
import {
  type FactGroups,
  MEMORY_FACT_RULES,
  type MemoryFactKey,
  type MemoryFactKind,
  type MemoryFactRule,
} from './memory-fact-rules.ts';
import { normalizeWithOffsets, originalSpan } from './normalize.ts';
import { splitSentences } from './split-sentences.ts';

export type { MemoryFactKey, MemoryFactKind } from './memory-fact-rules.ts';

export interface MemoryFact {
  kind: MemoryFactKind;
  /** Stable slug: a newer fact with the same key supersedes an older one. */
  key: MemoryFactKey;
  /** What to remember, in the user's own words: "nuts", "Madrid", "bajar 5 kilos". */
  value: string;
  /** A clean sentence for the coach, in the user's language: "Allergic to nuts", "Vive en Madrid". */
  text: string;
}

// "If I were vegan...", "Si fuera vegana..." (but not "Sí, soy vegana": the accent, or the comma, says yes).
const HYPOTHETICAL =
  /^[¡¿]?(?:if|what\s+if|imagine|suppose|say|y\s+si|si|imagina|imaginate|supongamos|suponiendo)\s/;
const AFFIRMATIVE_SI = /^[¡¿]?s[íÍ]/u;
// "I'm NOT vegetarian", "ya NO vivo en Madrid": the statement is denied.
const NEGATED_BEFORE = /\b(?:not|never|no\s+longer|don'?t|didn'?t|doesn'?t|no|nunca|jamas|tampoco)\s+$/;
// What is not worth keeping at the end of a value: punctuation, emoji and filler words.
const TRAILING_NOISE =
  /(?:[\s,;:.!?¡¿…"'()\-–—]|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D|\b(?:too|as\s+well|though|tho|lol|haha\w*|jaja\w*|jeje\w*|tbh|honestly|really|actually|anyway|btw|also|tambi[eé]n|la\s+verdad|por\s+cierto|you\s+know|ya\s+sabes|y\s+eso|o\s+algo\s+as[ií]|or\s+something|and\s+stuff))+$/iu;
const MAX_VALUE_CHARS = 80;

/**
 * Picks out what a user says about themselves that a coach would want remembered: name, age, goals,
 * diet, allergies and conditions, injuries, where they live, their schedule and job, likes, dislikes
 * and preferences, in English and Spanish. Rule-based and conservative: questions, hypotheticals and
 * denied statements yield nothing. Facts come in message order; when two share a key, the later wins.
 *
 * @example
 * extractMemoryFacts('Soy alérgica a los frutos secos y vivo en Madrid')
 * // [{ kind: 'fact', key: 'allergy', value: 'frutos secos', text: 'Alérgica a los frutos secos' },
 * //  { kind: 'fact', key: 'location', value: 'Madrid', text: 'Vive en Madrid' }]
 */
export function extractMemoryFacts(text: string, lang?: ChatLanguage): MemoryFact[] {
  const normalized = normalizeWithOffsets(text);
  const typed = (start: number, end: number) => originalSpan(text, normalized, start, end);
  const sentences = splitSentences(normalized.text);
  const isStatement = sentences.map(
    (s) => !s.isQuestion && !(HYPOTHETICAL.test(s.text) && !AFFIRMATIVE_SI.test(typed(s.start, s.start + 3))),
  );
  const rules = MEMORY_FACT_RULES.filter(
    (r) => (!lang || r.language === lang) && r.cue.test(normalized.text),
  );
  const taken: Array<[number, number]> = [];
  const found: Array<MemoryFact & { at: number }> = [];

  // Each rule runs once over the whole message (one pass per rule is what keeps this fast); each match
  // is then checked against the sentence it falls in.
  for (const rule of rules) {
    for (const m of normalized.text.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      const i = sentences.findLastIndex((s) => s.start <= start);
      const sentence = sentences[i];
      if (!sentence || !isStatement[i] || end > sentence.start + sentence.text.length) continue;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      if (NEGATED_BEFORE.test(normalized.text.slice(sentence.start, start))) continue;
      const fact = toFact(rule, m, typed);
      if (!fact) continue;
      taken.push([start, end]);
      found.push({ ...fact, at: start });
    }
  }

  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return found
    .filter((f) => {
      const id = `${f.key}\u0000${f.value.toLowerCase()}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .map(({ at: _, ...fact }) => fact);
}

function toFact(
  rule: MemoryFactRule,
  m: RegExpMatchArray,
  typed: (start: number, end: number) => string,
): MemoryFact | null {
  const groups: FactGroups = {};
  for (const [name, span] of Object.entries(m.indices?.groups ?? {})) {
    if (span) groups[name] = clean(typed(span[0], span[1]));
  }
  const raw = groups.value ?? groups.value2 ?? groups.value3;
  if (!raw || raw.length > MAX_VALUE_CHARS) return null;
  const value = rule.shape ? rule.shape(raw, groups) : raw;
  if (!value) return null;
  const key = typeof rule.key === 'function' ? rule.key(value) : rule.key;
  return { kind: rule.kind, key, value, text: rule.describe(value, groups) };
}

function clean(value: string): string {
  return value.replace(/\s+/g, ' ').replace(TRAILING_NOISE, '').trim();
}
