import { getDocumentProxy } from 'unpdf';
import type { ExtractedPage, ExtractionLimits } from './ingestion.types.ts';
import { IngestionError } from './ingestion-error.ts';

/** The text layer of a PDF, page by page. */
export interface ExtractedPdf {
  pages: ExtractedPage[];
  warnings: string[];
}

/** The fields of a pdf.js text item we read (marked-content items, which have no `str`, are skipped). */
interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  /** Baseline, in PDF units from the bottom of the page. */
  y: number;
  size: number;
}

// A line that is more than this share of control characters comes from a font without a
// Unicode mapping (glyph ids leak out as U+0002, U+0003...): it is unreadable, not text.
const MAX_GARBAGE_SHARE = 0.3;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting leaked glyph ids is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Reads a PDF's text layer with pdf.js (through unpdf), keeping pages
 * (1-based) and paragraphs (from line spacing), undoing end-of-line
 * hyphenation, and dropping lines whose font has no Unicode mapping. pdf.js
 * recovers many damaged files (bad xref, wrong lengths). Every page is
 * returned, an empty text for a page without a text layer, so
 * `pages.length` is the page count.
 * Throws `ENCRYPTED_PDF` (password needed), `CORRUPT_PDF`, `TOO_LARGE`, `NO_TEXT` (scanned: needs OCR).
 *
 * @example (await extractPdf(bytes, limits)).pages[0] // { number: 1, text: 'Overview of ...' }
 */
export async function extractPdf(
  bytes: Uint8Array,
  limits: Pick<ExtractionLimits, 'maxPages'>,
  /** Called with each page as soon as it is read, in order (`total` is the page count), before this resolves. */
  onPage?: (page: ExtractedPage, total: number) => void,
): Promise<ExtractedPdf> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0, // errors only: pdf.js warns on stdout about every recovered defect
      isEvalSupported: false,
      disableFontFace: true,
      stopAtErrors: false,
    });
  } catch (err) {
    if ((err as { name?: string }).name === 'PasswordException') {
      throw new IngestionError(
        'ENCRYPTED_PDF',
        'the PDF is password-protected. Open it, save or print it as a PDF without a password, and upload that.',
      );
    }
    throw new IngestionError(
      'CORRUPT_PDF',
      'the PDF is damaged and cannot be read. Open it in a PDF viewer, save or export it again, and re-upload it.',
    );
  }
  try {
    if (pdf.numPages > limits.maxPages) {
      throw new IngestionError(
        'TOO_LARGE',
        `the PDF has ${pdf.numPages} pages; the limit is ${limits.maxPages}. Split it into smaller files.`,
      );
    }
    const pages: ExtractedPage[] = [];
    const unreadable: number[] = [];
    const failed: number[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      try {
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        const items = content.items.flatMap((i) => ('str' in i ? [i] : []));
        const { text, hadGarbage } = pageText(items);
        if (hadGarbage) unreadable.push(number);
        pages.push({ number, text });
        page.cleanup();
      } catch {
        // One broken page (bad content stream) should not lose the others.
        failed.push(number);
        pages.push({ number, text: '' });
      }
      onPage?.(pages[pages.length - 1]!, pdf.numPages);
      // pdf.js only awaits promises between pages: let I/O in (a database reply, another job's request).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failed.length === pdf.numPages) {
      throw new IngestionError(
        'CORRUPT_PDF',
        'the PDF is damaged and its pages cannot be read. Open it in a PDF viewer, save or export it again, and re-upload it.',
      );
    }
    if (pages.every((p) => p.text === '')) {
      throw new IngestionError(
        'NO_TEXT',
        'the PDF has no text layer (it looks scanned or made of images), so it needs OCR. Run it through a text-recognition tool (e.g. "Make searchable" in your PDF app) and upload the result.',
      );
    }
    const warnings: string[] = [];
    if (failed.length) warnings.push(`Page(s) ${ranges(failed)} could not be read and were skipped.`);
    if (unreadable.length) {
      warnings.push(
        `Page(s) ${ranges(unreadable)} use fonts without a text mapping: unreadable lines were left out (OCR would recover them).`,
      );
    }
    const empty = pages
      .filter((p) => p.text === '' && !unreadable.includes(p.number) && !failed.includes(p.number))
      .map((p) => p.number);
    if (empty.length) warnings.push(`Page(s) ${ranges(empty)} have no text layer (scanned or images?).`);
    return { pages, warnings };
  } finally {
    await pdf.destroy();
  }
}

function pageText(items: TextItem[]): { text: string; hadGarbage: boolean } {
  const lines: Line[] = [];
  let current: Line = { text: '', y: Number.NaN, size: 0 };
  let hadGarbage = false;
  const flush = () => {
    const raw = current.text;
    const visible = raw.replace(/\s/g, '');
    const garbage = visible.match(CONTROL)?.length ?? 0;
    if (garbage > 0 && garbage / visible.length > MAX_GARBAGE_SHARE) hadGarbage = true;
    else {
      // Leaked glyph ids on a mostly readable line are usually the space glyph: read them as spaces.
      const text = raw
        .replace(CONTROL, ' ')
        .replace(/[ \t]+/g, ' ')
        .trim();
      if (text) lines.push({ ...current, text });
    }
    current = { text: '', y: Number.NaN, size: 0 };
  };
  for (const item of items) {
    current.text += item.str;
    if (item.str.trim()) {
      if (Number.isNaN(current.y)) current.y = item.transform[5] ?? 0;
      current.size = Math.max(current.size, Math.abs(item.transform[3] ?? 0) || item.height);
    }
    if (item.hasEOL) flush();
  }
  flush();
  return { text: joinLines(lines), hadGarbage };
}

/**
 * Lines become paragraphs where the vertical gap is clearly wider than the
 * page's usual line spacing, or where the text jumps up (next column); inside
 * a paragraph "com-\npile" becomes "compile" when both sides are lower case.
 */
function joinLines(lines: Line[]): string {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap > 0 && gap < 3 * Math.max(lines[i]!.size, 1)) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  const usual = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : Number.POSITIVE_INFINITY;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i === 0) {
      out = line.text;
      continue;
    }
    const gap = lines[i - 1]!.y - line.y;
    const newParagraph = gap > usual * 1.4 + 0.5 || gap < -Math.max(line.size, 1) * 0.5;
    if (newParagraph) out += `\n\n${line.text}`;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line.text)) out = out.slice(0, -1) + line.text;
    else out += `\n${line.text}`;
  }
  return out;
}

/** [2, 3, 4, 9] → "2–4, 9": warnings stay short on a 300-page scan. */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const start = numbers[i]!;
    let end = start;
    while (numbers[i + 1] === end + 1) end = numbers[++i]!;
    parts.push(end > start ? `${start}–${end}` : `${start}`);
  }
  return parts.join(', ');
}
