// Lower-casing happens before NFD so that letters whose lower case decomposes (Turkish "İ") lose their mark
// too; both functions below apply the same steps in the same order, so their outputs are identical.
const COMBINING_MARKS = /\p{M}/gu;
// Typographic and keyboard apostrophes ("don’t", the Spanish-keyboard "don´t") become one ASCII apostrophe.
const APOSTROPHES = /[\u2018\u2019\u02bc\u00b4`]/g;
// Invisible characters that would split or glue words: soft hyphen, zero-width space/joiners, BOM.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE = /\s+/g;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/**
 * The one normal form every analysis matches against: lower case, no accents or other combining
 * marks (so "ñ" becomes "n" and "está" equals a hurried "esta"), one kind of apostrophe, single spaces.
 * Punctuation, digits and emoji are kept: sentence splitting and emphasis still need them.
 *
 * @example normalizeText('  ¿Qué  TAL el Año? ') // '¿que tal el ano?'
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
}

/**
 * The word tokens of a text, normalised: letters and digits, with inner apostrophes kept so that
 * contractions stay one token ("don't", "i'm"). Spanish "¿" and "¡" and all other punctuation are dropped.
 *
 * @example tokenize('¡No sé! I don’t know.') // ['no', 'se', 'i', "don't", 'know']
 */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** `normalizeText` output with, for every output character, the span of input it came from. */
export interface NormalizedWithOffsets {
  text: string;
  /** `starts[i]` is the index in the input of the character that produced `text[i]`. */
  starts: number[];
  /** `ends[i]` is the index just after that input character (2 past `starts[i]` for an astral one). */
  ends: number[];
}

/**
 * Normalises like `normalizeText` while remembering where each character came from, so a match found
 * in the normal form can be shown to the coach in the user's own spelling. Slower than `normalizeText`
 * (one step per character): use it once something has matched.
 *
 * @example
 * const n = normalizeWithOffsets('Me DESMAYÉ ayer');
 * originalSpan('Me DESMAYÉ ayer', n, n.text.indexOf('desmaye'), n.text.indexOf('desmaye') + 7) // 'DESMAYÉ'
 */
export function normalizeWithOffsets(text: string): NormalizedWithOffsets {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  // A run of whitespace is emitted as one space only when a visible character follows it (this is the
  // collapse + trim of `normalizeText`); it points at the run's first whitespace character.
  let spaceAt = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const piece = code < 0x80 ? asciiPiece(code) : unicodePiece(text.slice(i, i + width));
    // A dropped combining mark belongs to the letter before it: "e\u0301" maps back whole.
    if (piece === '' && spaceAt < 0 && ends.length > 0) ends[ends.length - 1] = i + width;
    // By UTF-16 unit, so that `starts` and `ends` line up with string indices of the output.
    for (let k = 0; k < piece.length; k++) {
      const ch = piece[k]!;
      if (WHITESPACE_CHAR.test(ch)) {
        if (spaceAt < 0 && out.length > 0) spaceAt = i;
        continue;
      }
      if (spaceAt >= 0) {
        out += ' ';
        starts.push(spaceAt);
        ends.push(spaceAt + 1);
        spaceAt = -1;
      }
      out += ch;
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { text: out, starts, ends };
}

/** The input text behind `normalized.text.slice(start, end)`. */
export function originalSpan(
  original: string,
  normalized: NormalizedWithOffsets,
  start: number,
  end: number,
) {
  if (end <= start) return '';
  return original.slice(normalized.starts[start], normalized.ends[end - 1]);
}

const WHITESPACE_CHAR = /\s/;

function asciiPiece(code: number): string {
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  if (code === 96) return "'";
  return String.fromCharCode(code);
}

function unicodePiece(ch: string): string {
  return ch
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(INVISIBLE, '');
}
