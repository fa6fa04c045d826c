import { assertZipWithinLimits } from './assert-zip-within-limits.ts';
import { decodeText } from './decode-text.ts';
import { DEFAULT_EXTRACTION_LIMITS } from './default-extraction-limits.ts';
import type { DocumentKind } from './ingestion.types.ts';
import { IngestionError, type IngestionErrorCode } from './ingestion-error.ts';
import { looksLikeMarkdown } from './looks-like-markdown.ts';
import { readZipDirectory } from './read-zip-directory.ts';

/** What an upload is, or why it is refused at upload time. */
export type DetectedFileType = { kind: DocumentKind } | { error: IngestionErrorCode; message: string };

const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|mkdn|mdwn)$/i;

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats people upload by mistake, named so the creator knows what to convert. */
const KNOWN_BINARIES: { magic: number[]; at?: number; what: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: ascii('GIF8'), what: 'a GIF image' },
  { magic: ascii('WEBP'), at: 8, what: 'a WebP image' },
  { magic: ascii('ftyp'), at: 4, what: 'a video or HEIC image' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: ascii('Rar!'), what: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)' },
  { magic: ascii('{\\rtf'), what: 'an RTF document (save it as .docx)' },
];

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/**
 * Decides what an upload is from its bytes (magic numbers), not its name: a
 * PDF renamed to `.docx` is a PDF. The name only tells Markdown from plain
 * text, together with the text's own Markdown structure. Refuses empty files,
 * encrypted or legacy Word files, zips that are not Word documents, zip bombs
 * (by the sizes the zip declares) and binary data posing as text.
 *
 * @example detectFileType(bytes, 'notes.txt') // { kind: 'markdown' } when the text has # headings
 */
export function detectFileType(bytes: Uint8Array, filename: string): DetectedFileType {
  try {
    return { kind: detect(bytes, filename) };
  } catch (err) {
    if (err instanceof IngestionError) return { error: err.code, message: err.message };
    throw err;
  }
}

function detect(bytes: Uint8Array, filename: string): DocumentKind {
  if (bytes.length === 0) throw new IngestionError('EMPTY_FILE', 'the file is empty.');
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return detectZip(bytes);
  if (startsWith(bytes, OLE2)) throw oleError(bytes);
  const binary = KNOWN_BINARIES.find((b) => startsWith(bytes, b.magic, b.at));
  if (binary) {
    throw new IngestionError(
      'UNSUPPORTED_TYPE',
      `this is ${binary.what}, which the knowledge base cannot read. Upload a PDF, a Word document (.docx), a Markdown or a plain-text file.`,
    );
  }
  const { text } = decodeText(bytes);
  return MARKDOWN_EXTENSIONS.test(filename) || looksLikeMarkdown(text) ? 'markdown' : 'text';
}

/**
 * The PDF spec lets the header sit anywhere in the first 1 KB (viewers and pdf.js accept junk before it),
 * but a Markdown note *about* PDFs may quote "%PDF-1.7" too: past offset 0 we also want a PDF trailer.
 */
function isPdf(bytes: Uint8Array): boolean {
  const at = indexOfAscii(bytes.subarray(0, 1024), '%PDF-');
  return at === 0 || (at > 0 && indexOfAscii(bytes.subarray(Math.max(0, bytes.length - 4096)), '%%EOF') >= 0);
}

function detectZip(bytes: Uint8Array): DocumentKind {
  const entries = readZipDirectory(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('word/document.xml')) {
    const what = [...names].some((n) => n.startsWith('xl/'))
      ? 'an Excel workbook'
      : [...names].some((n) => n.startsWith('ppt/'))
        ? 'a PowerPoint presentation'
        : 'a zip archive';
    throw new IngestionError(
      'UNSUPPORTED_TYPE',
      `this is ${what}, not a Word document. Upload a PDF, a Word document (.docx), a Markdown or a plain-text file.`,
    );
  }
  // Refuse an announced bomb before it is stored; extraction enforces the limits again while inflating.
  assertZipWithinLimits(entries, DEFAULT_EXTRACTION_LIMITS);
  return 'docx';
}

/** OLE2 compound files are Word 97–2003 `.doc` files, or a modern Office file encrypted with a password. */
function oleError(bytes: Uint8Array): IngestionError {
  if (indexOfUtf16(bytes, 'EncryptedPackage') >= 0) {
    return new IngestionError(
      'ENCRYPTED_DOCUMENT',
      'the document is password-protected. Remove the password in Word (File › Info › Protect Document) and upload it again.',
    );
  }
  const what =
    indexOfUtf16(bytes, 'WordDocument') >= 0 ? 'an old Word 97–2003 document (.doc)' : 'an old Office file';
  return new IngestionError(
    'UNSUPPORTED_TYPE',
    `this is ${what}. Open it in Word and save it as .docx (or export a PDF), then upload that.`,
  );
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, 0, 'latin1');
}

/** OLE2 directory entries store stream names in UTF-16LE. */
function indexOfUtf16(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(
    Buffer.from(needle, 'utf16le'),
  );
}
