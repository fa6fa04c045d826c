import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.ts';
import { detectFileType } from './detect-file-type.ts';
import { extractText } from './extract-text.ts';
import type { ExtractedDocument } from './ingestion.types.ts';
import { IngestionError, type IngestionErrorCode } from './ingestion-error.ts';

/**
 * Third-party sample documents (real PDFs, DOCX, Markdown and text files, and
 * hostile ones) with verified expectations, kept beside the repository in
 * shared/evals/docs because their licences vary: never copy them into the repo.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const DOCS = resolve(repoRoot, '..', 'shared', 'evals', 'docs');
const hasDocs = existsSync(resolve(DOCS, 'manifest.json'));
if (!hasDocs) console.warn(`[ingestion] ${DOCS} not found: skipping the real-world document suite.`);

interface ManifestEntry {
  file: string;
  check:
    | 'contains'
    | 'contains-raw-xml'
    | 'empty'
    | 'stderr'
    | 'contains-with-password'
    | 'bad-zip'
    | 'ooxml-not-docx';
  expected: string[];
  magic?: string;
}

/**
 * What the product answers where the manifest records what a reference tool
 * printed. Deliberate: an empty text layer is refused (`NO_TEXT`, "needs OCR")
 * instead of indexing nothing; password PDFs are refused (we take no
 * passwords); an OLE2 file named .docx is reported as encrypted, not as a bad zip.
 */
function expectedError(entry: ManifestEntry): IngestionErrorCode | undefined {
  switch (entry.check) {
    case 'empty':
      return 'NO_TEXT';
    case 'stderr':
      return 'CORRUPT_PDF';
    case 'contains-with-password':
      return 'ENCRYPTED_PDF';
    case 'bad-zip':
      return entry.magic?.startsWith('d0cf11e0') ? 'ENCRYPTED_DOCUMENT' : 'CORRUPT_DOCX';
    case 'ooxml-not-docx':
      return 'UNSUPPORTED_TYPE';
    default:
      return undefined;
  }
}

/** Languages we are sure of; the rest (lists, tables, one-liners) may fairly be `simple`. */
const LANGUAGE: Record<string, 'en' | 'es'> = {
  'pdf/pdfjs__tracemonkey.pdf': 'en',
  'pdf/pdfjs__TAMReview.pdf': 'en',
  'pdf/pdfjs__bug1815476.pdf': 'es',
  'docx/poi__stress018.docx': 'es',
  'md/pandoc__MANUAL.txt': 'en',
  'txt/uchardet__es-utf-8.txt': 'es',
  'txt/uchardet__es-iso-8859-1.txt': 'es',
  'txt/uchardet__es-windows-1252.txt': 'es',
  'txt/uchardet__es-iso-8859-15.txt': 'es',
  'txt/uchardet__es-wikipedia-plantae.txt': 'es',
};

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Upload-time detection then worker extraction, as the product runs them. */
async function ingest(file: string): Promise<{ doc: ExtractedDocument } | { code: IngestionErrorCode }> {
  const bytes = new Uint8Array(readFileSync(resolve(DOCS, file)));
  const detected = detectFileType(bytes, file.split('/').pop() ?? file);
  if ('error' in detected) return { code: detected.error };
  try {
    return { doc: await extractText(bytes, detected.kind) };
  } catch (err) {
    if (err instanceof IngestionError) return { code: err.code };
    throw err;
  }
}

describe.skipIf(!hasDocs)('real-world documents (shared/evals/docs/manifest.json)', () => {
  const manifest: ManifestEntry[] = hasDocs
    ? JSON.parse(readFileSync(resolve(DOCS, 'manifest.json'), 'utf8'))
    : [];

  it('covers the whole manifest', () => {
    expect(manifest).toHaveLength(47);
  });

  it.each(manifest.map((m) => [m.file, m] as const))('%s', async (file, entry) => {
    const result = await ingest(file);
    const error = expectedError(entry);
    if (error) {
      expect(result).toEqual({ code: error });
      return;
    }
    if (!('doc' in result)) throw new Error(`${file} was refused with ${result.code}`);
    const text = normalise(result.doc.text);
    for (const snippet of entry.expected) {
      expect(text).toContain(normalise(snippet));
      // Text boxes are stored twice in the XML (drawing + VML fallback); they must be indexed once.
      if (entry.check === 'contains-raw-xml') expect(occurrences(text, normalise(snippet))).toBe(1);
    }
    if (LANGUAGE[file]) expect(result.doc.language).toBe(LANGUAGE[file]);
    // No mojibake: UTF-8 read as Latin-1 shows "Ã", undecodable bytes show U+FFFD.
    expect(text).not.toMatch(/Ã[\u0080-\u00bf]|\ufffd/);
    const chunks = chunkDocument(result.doc);
    expect(chunks.length).toBeGreaterThan(0);
    for (const c of chunks) expect(c.text).toBe(result.doc.text.slice(c.charStart, c.charEnd));
  });

  it('leaves tracked deletions out of Word documents', async () => {
    const result = await ingest('docx/pandoc__track_changes_deletion.docx');
    expect('doc' in result && result.doc.text).not.toContain('excessively modified');
  });

  it('never expands the external entity of an XXE document, and says so', async () => {
    const result = await ingest('hostile/poi__ExternalEntityInText.docx');
    if (!('doc' in result)) throw new Error('expected text');
    expect(result.doc.text).not.toMatch(/apache|<html/i);
    expect(result.doc.warnings.join(' ')).toMatch(/entities/);
  });

  it('keeps footnotes and endnotes as Markdown notes', async () => {
    const result = await ingest('docx/pandoc__notes.docx');
    if (!('doc' in result)) throw new Error('expected text');
    expect(result.doc.text).toContain('[^1]: My note.');
    expect(result.doc.text).toContain('[^2]: This is an endnote at the end of the document.');
  });

  it('turns Word tables into pipe tables', async () => {
    const result = await ingest('docx/pandoc__tables.docx');
    if (!('doc' in result)) throw new Error('expected text');
    expect(result.doc.text).toContain('| Lebron James | Basketball | Very High | Leaving Cleveland |');
  });

  it('keeps the 23 pages of a long PDF, numbered from 1, and records pages on chunks', async () => {
    const result = await ingest('pdf/pdfjs__TAMReview.pdf');
    if (!('doc' in result)) throw new Error('expected text');
    expect(result.doc.pages?.map((p) => p.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // Pages 2–22 use a font without a Unicode mapping: readable lines are kept, the rest reported.
    expect(result.doc.warnings.join(' ')).toMatch(/2–22/);
    expect([...result.doc.text].some((c) => c.charCodeAt(0) < 9)).toBe(false); // no leaked glyph ids
    const chunks = chunkDocument(result.doc);
    expect(chunks[0]?.page).toBe(1);
    expect(chunks.at(-1)?.pageEnd ?? chunks.at(-1)?.page).toBe(23);
  });

  it('decodes every Spanish sample to the same words whatever its encoding', async () => {
    const texts = await Promise.all(
      ['utf-8', 'iso-8859-1', 'windows-1252', 'iso-8859-15'].map(async (enc) => {
        const result = await ingest(`txt/uchardet__es-${enc}.txt`);
        if (!('doc' in result)) throw new Error('expected text');
        expect(result.doc.encoding).toBe(enc);
        return result.doc.text;
      }),
    );
    for (const t of texts) expect(t).toContain('Cataluña');
    expect(texts[3]).toContain('€'); // 0xA4 in ISO-8859-15
  });
});
