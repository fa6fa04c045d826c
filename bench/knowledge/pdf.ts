// A book-sized PDF for the ingestion benchmark, written with the same tiny PDF
// 1.4 writer as apps/server/src/modules/knowledge/__fixtures__/generate-fixtures.ts
// (standard Helvetica, one uncompressed content stream per page, correct xref),
// filled with generated English coaching-like prose.
import { buildVocabulary, pick, prng, prose, type Rand, type Vocabulary } from './text.ts';

interface PdfPage {
  title?: string;
  paragraphs: string[][];
}

const LINE_CHARS = 85; // Helvetica 11 pt over a 451 pt text width

function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function wrap(text: string, width = LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The fixture generator's writer; input is ASCII here, so Latin-1 bytes are its WinAnsi encoding. */
function buildPdf(pages: PdfPage[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    let y = 770;
    if (page.title) {
      ops.push(`BT /F2 16 Tf 72 ${y} Td ${pdfString(page.title)} Tj ET`);
      y -= 30;
    }
    for (const paragraph of page.paragraphs) {
      for (const line of paragraph) {
        ops.push(`BT /F1 11 Tf 72 ${y} Td ${pdfString(line)} Tj ET`);
        y -= 14;
      }
      y -= 12;
    }
    const stream = ops.join('\n');
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const SUBJECTS = [
  'The client',
  'Your coach',
  'A good session',
  'Every new habit',
  'The team',
  'A clear goal',
  'Most people',
  'The manager',
  'A small experiment',
  'The weekly review',
  'An honest question',
  'Your calendar',
];
const VERBS = [
  'needs',
  'builds',
  'reveals',
  'changes',
  'protects',
  'supports',
  'clarifies',
  'tests',
  'strengthens',
  'replaces',
  'shapes',
  'depends on',
];
const ADJECTIVES = [
  'steady',
  'honest',
  'small',
  'daily',
  'clear',
  'shared',
  'quiet',
  'specific',
  'realistic',
  'visible',
  'difficult',
  'personal',
];
const TAILS = [
  'before the next session',
  'when the week gets busy',
  'without judgement',
  'one step at a time',
  'in the first month',
  'with honest feedback',
  'because trust grows slowly',
  'so that progress stays visible',
  'even on a bad day',
  'long after the programme ends',
];
const QUESTIONS = [
  'What would make {n} easier this week?',
  'How will you know that your {n} has changed?',
  'Which {n} matters most right now?',
  'Who could support your {n} when motivation drops?',
  'What did the last {n} teach you?',
];

/** A readable coaching sentence from templates, or (one in three) a Zipf sentence for vocabulary breadth. */
function coachingSentence(v: Vocabulary, rand: Rand): string {
  const noun = () => v.words[v.contentStart + Math.floor(rand() * (v.tailStart - v.contentStart))]!;
  const roll = rand();
  if (roll < 0.15) return pick(rand, QUESTIONS).replace('{n}', noun());
  if (roll < 0.67)
    return `${pick(rand, SUBJECTS)} ${pick(rand, VERBS)} a ${pick(rand, ADJECTIVES)} ${noun()} ${pick(rand, TAILS)}.`;
  return prose(v, rand, 8 + Math.floor(rand() * 8), v.tailStart);
}

function paragraph(v: Vocabulary, rand: Rand, words: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < words) {
    const s = coachingSentence(v, rand);
    parts.push(s);
    n += s.split(' ').length;
  }
  return parts.join(' ');
}

/**
 * A `pageCount`-page "coaching book": a chapter title every 10 pages, each page
 * ~`wordsPerPage` words in 3–5 paragraphs of coaching sentences (templates
 * and Zipf-drawn real words; no made-up ones). Deterministic.
 */
export function buildBookPdf(pageCount = 200, wordsPerPage = 300): { bytes: Uint8Array; words: number } {
  const vocab = buildVocabulary();
  const rand = prng(2024);
  const pages: PdfPage[] = [];
  let words = 0;
  for (let p = 0; p < pageCount; p++) {
    const paragraphCount = 3 + Math.floor(rand() * 3);
    const paragraphs: string[][] = [];
    for (let i = 0; i < paragraphCount; i++) {
      const text = paragraph(vocab, rand, Math.round(wordsPerPage / paragraphCount));
      words += text.split(' ').length;
      paragraphs.push(wrap(text));
    }
    pages.push({
      ...(p % 10 === 0 ? { title: `Chapter ${p / 10 + 1}: Coaching practice, part ${p / 10 + 1}` } : {}),
      paragraphs,
    });
  }
  return { bytes: buildPdf(pages), words };
}
