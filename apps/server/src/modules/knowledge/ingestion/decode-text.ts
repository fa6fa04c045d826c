import iconv from 'iconv-lite';
import { IngestionError } from './ingestion-error.ts';

/** Text decoded from the bytes of a TXT/MD upload. */
export interface DecodedText {
  text: string;
  /** WHATWG-style label of the encoding used: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, iso-8859-15. */
  encoding: string;
  warnings: string[];
}

// Above these shares the "text" is an image, an executable or a database file renamed to .txt.
// A few stray NULs (a bad copy, an editor bug) are only stripped: real binaries have thousands.
const MAX_NUL_SHARE = 0.01;
const MAX_STRAY_NULS = 8;
const MAX_CONTROL_SHARE = 0.05;

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Decodes an upload to a JS string without mojibake: BOMs first (UTF-8,
 * UTF-16 LE/BE), then UTF-16LE without BOM (NUL in every other byte), then
 * strict UTF-8, then the single-byte encodings Spanish and English files
 * really use (Windows-1252, ISO-8859-1, ISO-8859-15). Other legacy code pages
 * (Cyrillic, CJK...) are out of scope and decode as Windows-1252.
 * Throws `BINARY_TEXT` for binary content (NULs, control characters).
 *
 * @example decodeText(Uint8Array.of(0x63, 0x61, 0xf1, 0x61)) // { text: 'caña', encoding: 'iso-8859-1', warnings: [] }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];
  const { text, encoding } = decode(bytes, warnings);
  assertLooksLikeText(text);
  return { text, encoding, warnings };
}

function decode(bytes: Uint8Array, warnings: string[]): { text: string; encoding: string } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (b0 === 0xff && b1 === 0xfe)
    return { text: iconv.decode(toBuffer(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: iconv.decode(toBuffer(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: iconv.decode(toBuffer(bytes), utf16), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not strict UTF-8: mostly-UTF-8 with a few bad bytes, or a single-byte encoding
  }
  const { valid, invalid } = countUtf8Sequences(bytes);
  if (valid > 0 && invalid * 4 <= valid) {
    warnings.push(`${invalid} invalid byte(s) in the UTF-8 text were replaced with �.`);
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  }
  const encoding = guessSingleByte(bytes);
  return { text: iconv.decode(toBuffer(bytes), encoding), encoding };
}

/**
 * UTF-16 without a BOM shows as a NUL in (nearly) every other byte for Latin
 * text. We look at the first 4 KB and require NULs on one side only, so
 * binary files, which have NULs everywhere, do not qualify.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.02) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.02) return 'utf-16be';
  return undefined;
}

/** Counts well-formed multi-byte UTF-8 sequences and stray high bytes. */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length - 1;
    } else {
      invalid++;
    }
  }
  return { valid, invalid };
}

/**
 * Bytes 0x80–0x9F are control codes in ISO-8859-1/15 but curly quotes, dashes
 * and € in Windows-1252, so their presence means Windows-1252. Without them,
 * 0xA4 is "¤" in Latin-1 (never used in prose) but "€" in ISO-8859-15.
 * Otherwise the three agree on every letter Spanish and English use.
 */
function guessSingleByte(bytes: Uint8Array): 'windows-1252' | 'iso-8859-15' | 'iso-8859-1' {
  let hasC1 = false;
  let hasA4 = false;
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0x9f) hasC1 = true;
    else if (b === 0xa4) hasA4 = true;
  }
  if (hasC1) return 'windows-1252';
  return hasA4 ? 'iso-8859-15' : 'iso-8859-1';
}

function assertLooksLikeText(decoded: string) {
  // Some editors pre-allocate files and leave NUL padding at the end: that alone is not binary.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: trailing NUL padding is what we drop
  const text = decoded.replace(/\u0000+$/, '');
  if (text.length === 0) return;
  let nuls = 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nuls++;
    // C0 controls other than tab, LF, VT, FF, CR; DEL; C1 controls; U+FFFD from undecodable bytes.
    else if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) controls++;
  }
  const tooManyNuls = nuls > MAX_STRAY_NULS && nuls / text.length > MAX_NUL_SHARE;
  if (tooManyNuls || (nuls + controls) / text.length > MAX_CONTROL_SHARE) {
    throw new IngestionError(
      'BINARY_TEXT',
      'the file does not contain readable text (it looks like binary data with a text extension). Upload a PDF, a Word document (.docx), a Markdown or a plain-text file.',
    );
  }
}
