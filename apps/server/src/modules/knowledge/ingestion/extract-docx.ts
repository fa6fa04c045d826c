import mammoth from 'mammoth';
import { createZip } from './create-zip.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import type { ExtractionLimits } from './ingestion.types.ts';
import { IngestionError } from './ingestion-error.ts';
import { readZipDirectory } from './read-zip-directory.ts';
import { unzipEntries } from './unzip-entries.ts';

/** The body of a DOCX as Markdown. */
export interface ExtractedDocx {
  markdown: string;
  warnings: string[];
}

// Word's built-in "Title"/"Subtitle" styles are headings in all but name; mammoth maps only "Heading N".
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

// The XML and relationship parts mammoth reads. Media (images, embedded files) are never inflated:
// we do not index images, and they are most of a DOCX's bytes.
const isTextPart = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * Converts a DOCX to Markdown with mammoth, which applies tracked changes
 * (deletions are left out, insertions kept), reads footnotes and endnotes,
 * and ignores headers and footers (repeated on every page, noise for search).
 * Before mammoth sees anything, the zip is checked and inflated here within
 * `limits` (`ZIP_BOMB`), and any DTD is stripped from the XML so no entity is
 * ever expanded or fetched (XXE, "billion laughs"): mammoth gets a re-packed,
 * uncompressed copy of the sanitised parts.
 * Throws `CORRUPT_DOCX`, `ZIP_BOMB`, `ENCRYPTED_DOCUMENT`, `UNSUPPORTED_TYPE`, `NO_TEXT`.
 *
 * @example (await extractDocx(bytes, limits)).markdown // '# Guide\n\n- One\n- Two'
 */
export async function extractDocx(
  bytes: Uint8Array,
  limits: Pick<ExtractionLimits, 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioCheckMinBytes'>,
): Promise<ExtractedDocx> {
  const entries = readZipDirectory(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new IngestionError(
      'UNSUPPORTED_TYPE',
      'this zip file is not a Word document (it has no word/document.xml).',
    );
  }
  const parts = unzipEntries(bytes, entries, isTextPart, limits);
  const warnings: string[] = [];
  let hadDtd = false;
  const sanitised = [...parts].map(([name, data]) => {
    const clean = stripDtd(data);
    if (clean !== data) hadDtd = true;
    return { name, data: clean };
  });
  if (hadDtd) warnings.push('The document declared XML entities; they were ignored for safety.');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(createZip(sanitised)) },
      {
        styleMap: STYLE_MAP,
        // Never read image data: the parts are not there, and we do not index images.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw new IngestionError(
      'CORRUPT_DOCX',
      'the Word document could not be read (its content is malformed). Open it in Word, save it again and re-upload it.',
    );
  }
  const markdown = htmlToMarkdown(html);
  if (!markdown.replace(/[\s|\-#*]/g, '')) {
    throw new IngestionError('NO_TEXT', 'the Word document contains no text.');
  }
  return { markdown, warnings };
}

/**
 * OOXML forbids DTDs, so a `<!DOCTYPE` in a part is an attack (external
 * entities that fetch URLs or files, or exponential entity expansion). We cut
 * the DTD out and drop references to entities it declared; the five XML
 * entities and numeric references stay. Returns the same array when clean.
 */
function stripDtd(data: Uint8Array): Uint8Array {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096)).toString('latin1');
  if (!head.includes('<!DOCTYPE')) return data;
  const xml = new TextDecoder().decode(data);
  const cleaned = xml
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/, '')
    .replace(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^;\s<>&]+;/g, '');
  return new TextEncoder().encode(cleaned);
}
