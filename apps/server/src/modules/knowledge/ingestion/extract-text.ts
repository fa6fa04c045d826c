import { decodeText } from './decode-text.ts';
import { DEFAULT_EXTRACTION_LIMITS } from './default-extraction-limits.ts';
import { detectLanguage } from './detect-language.ts';
import { extractDocx } from './extract-docx.ts';
import { extractPdf } from './extract-pdf.ts';
import type { DocumentKind, ExtractedDocument, ExtractedPage, ExtractionLimits } from './ingestion.types.ts';
import { IngestionError } from './ingestion-error.ts';
import { normalizeText } from './normalize-text.ts';

const MB = 1024 * 1024;

/**
 * Turns the bytes of an upload of a known kind (see `detectFileType`) into
 * normalised text plus its language: PDF keeps its pages, DOCX becomes
 * Markdown, TXT/MD are decoded from their detected encoding and kept as they
 * are (Markdown included). Very long lines are kept: `chunkDocument` splits
 * them. Throws an `IngestionError` (a reason for the creator) for empty,
 * encrypted, damaged, scanned, binary, bomb or oversized files; any other
 * error is a bug.
 *
 * `onPage` (PDF only) receives each normalised page as soon as it is read, in
 * order, with the page count: the same objects as the result's `pages`, so a
 * caller can chunk and index the first pages while later ones are parsed. The
 * checks on the whole text (size, no text) still run at the end.
 *
 * @example
 * const doc = await extractText(bytes, 'pdf');
 * doc.pages?.[0] // { number: 1, text: '...' }; doc.language // 'en'
 */
export async function extractText(
  bytes: Uint8Array,
  kind: DocumentKind,
  limits: Partial<ExtractionLimits> = {},
  onPage?: (page: ExtractedPage, total: number) => void,
): Promise<ExtractedDocument> {
  const l: ExtractionLimits = { ...DEFAULT_EXTRACTION_LIMITS, ...limits };
  if (bytes.length === 0) throw new IngestionError('EMPTY_FILE', 'the file is empty.');
  if (bytes.length > l.maxInputBytes) {
    throw new IngestionError(
      'TOO_LARGE',
      `the file is larger than ${Math.floor(l.maxInputBytes / MB)} MB, the most we can process. Split it into smaller files.`,
    );
  }
  const doc = await extract(bytes, kind, l, onPage);
  if (doc.text.length > l.maxTextChars) {
    throw new IngestionError(
      'TOO_LARGE',
      `the document holds more than ${l.maxTextChars.toLocaleString('en')} characters of text, the most we can index. Split it into smaller files.`,
    );
  }
  if (!doc.text.trim()) throw new IngestionError('NO_TEXT', 'the file contains no text.');
  return { ...doc, language: detectLanguage(doc.text) };
}

async function extract(
  bytes: Uint8Array,
  kind: DocumentKind,
  limits: ExtractionLimits,
  onPage: ((page: ExtractedPage, total: number) => void) | undefined,
): Promise<Omit<ExtractedDocument, 'language'>> {
  switch (kind) {
    case 'pdf': {
      const normalised: ExtractedPage[] = [];
      const { warnings } = await extractPdf(bytes, limits, (p, total) => {
        const page = { number: p.number, text: normalizeText(p.text).trim() };
        normalised.push(page);
        onPage?.(page, total);
      });
      // The chunker finds each page in `text` by this exact join.
      const text = normalised.map((p) => p.text).join('\n\n');
      return { text, pages: normalised, format: 'plain', warnings };
    }
    case 'docx': {
      const { markdown, warnings } = await extractDocx(bytes, limits);
      return { text: normalizeText(markdown), format: 'markdown', warnings };
    }
    case 'markdown':
    case 'text': {
      const { text, encoding, warnings } = decodeText(bytes);
      return {
        text: normalizeText(text),
        encoding,
        format: kind === 'markdown' ? 'markdown' : 'plain',
        warnings,
      };
    }
  }
}
