import type { Chunk, ChunkableDocument } from './ingestion.types.ts';

/** Chunk size knobs, in estimated tokens (roughly words). */
export interface ChunkOptions {
  /** Most tokens a chunk holds before overlap; default 300 (~1,800 characters of prose). */
  targetTokens?: number;
  /** Tokens repeated from the end of the previous chunk of the same section; default 50. */
  overlapTokens?: number;
}

const DEFAULT_TARGET_TOKENS = 300;
const DEFAULT_OVERLAP_TOKENS = 50;
// A "word" longer than this counts as several tokens, so a 5 MB line without spaces
// (base64, minified JSON) still ends up in bounded chunks.
const CHARS_PER_TOKEN = 12;
// When the chunk being filled is smaller than this share of the target, a paragraph that does not
// fit is opened up into sentences to fill it, instead of leaving a stub chunk behind.
const FILL_SHARE = 0.5;

type Level = 'block' | 'line' | 'sentence' | 'window' | 'chars';

interface Block {
  kind: 'heading' | 'code' | 'text';
  start: number;
  end: number;
  level?: number;
  title?: string;
}

interface Section {
  headingPath: string[];
  blocks: Block[];
}

interface Piece {
  start: number;
  end: number;
  tokens: number;
  kind: Block['kind'];
  level: Level;
}

interface Span {
  start: number;
  end: number;
  tokens: number;
}

interface PageRange {
  number: number;
  start: number;
  end: number;
}

/**
 * Cuts a document into overlapping chunks for search, following its
 * structure: Markdown headings first (each chunk records its `headingPath`),
 * then paragraphs, then lines (lists, tables, code) or sentences, then words.
 * Code blocks stay whole when they fit. Consecutive chunks of one section
 * share ~`overlapTokens` at a sentence or word boundary; chunks do not
 * overlap across headings or pages. PDF chunks record their page; a new page
 * starts a new chunk, so a citation names the right page (`pageEnd` is set
 * only if a chunk ever does span pages). Every chunk is a non-empty,
 * trimmed slice of `doc.text` (`text === doc.text.slice(charStart, charEnd)`),
 * and the output depends only on the input, so re-ingesting a file yields
 * the same chunks.
 *
 * @example
 * chunkDocument({ text: '# Guide\n\n## Install\n\nRun it.', language: 'en' })
 * // [{ position: 0, text: '# Guide\n\n## Install\n\nRun it.', headingPath: ['Guide', 'Install'], charStart: 0, charEnd: 28 }]
 */
export function chunkDocument(doc: ChunkableDocument, opts: ChunkOptions = {}): Chunk[] {
  const target = Math.max(1, Math.floor(opts.targetTokens ?? DEFAULT_TARGET_TOKENS));
  const overlap = Math.max(
    0,
    Math.min(Math.floor(opts.overlapTokens ?? DEFAULT_OVERLAP_TOKENS), Math.floor(target / 2)),
  );
  const { text } = doc;
  const pages = locatePages(doc);
  const blocks = parseBlocks(text, doc.format !== 'plain', new Set(pages.map((p) => p.start)));
  const chunks: Chunk[] = [];
  for (const section of groupSections(blocks, new Set(pages.slice(1).map((p) => p.start)))) {
    const spans = packSection(text, section, target);
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      const previous = spans[i - 1];
      let start =
        previous && overlap > 0 ? overlapStart(text, previous, span.start, overlap, section) : span.start;
      let end = span.end;
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (start >= end) continue;
      const chunk: Chunk = {
        position: chunks.length,
        text: text.slice(start, end),
        headingPath: [...section.headingPath],
        charStart: start,
        charEnd: end,
      };
      if (pages.length) {
        const first = pageAt(pages, start);
        const last = pageAt(pages, end - 1);
        chunk.page = first;
        if (last !== first) chunk.pageEnd = last;
      }
      chunks.push(chunk);
    }
  }
  return chunks;
}

/** Where each non-empty page's text sits in `doc.text` (extraction joins pages with a blank line). */
function locatePages(doc: ChunkableDocument): PageRange[] {
  const ranges: PageRange[] = [];
  let cursor = 0;
  for (const page of doc.pages ?? []) {
    if (!page.text) continue;
    const start = doc.text.indexOf(page.text, cursor);
    if (start < 0) return []; // text and pages disagree: better no page numbers than wrong ones
    ranges.push({ number: page.number, start, end: start + page.text.length });
    cursor = start + page.text.length;
  }
  return ranges;
}

/** The page holding `offset`, or the next page when `offset` falls in the gap between two pages. */
function pageAt(pages: PageRange[], offset: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return pages[lo]!.number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_OR_TABLE = /^[ \t]*([-*+][ \t]|\d+[.)][ \t]|\|)/;

/**
 * Splits the text into headings, fenced code blocks and paragraphs (runs of
 * non-blank lines), with offsets. A page start always ends a paragraph. In
 * `plain` mode there are no headings or fences, only paragraphs.
 */
function parseBlocks(text: string, markdown: boolean, pageStarts: Set<number>): Block[] {
  const blocks: Block[] = [];
  let para: { start: number; end: number; lines: number; firstLine: string } | undefined;
  const closePara = () => {
    if (para) blocks.push({ kind: 'text', start: para.start, end: para.end });
    para = undefined;
  };
  let pos = 0;
  if (markdown) {
    // YAML front matter is metadata, not a paragraph to read for headings.
    const front = /^---[ \t]*\n[\s\S]*?\n(---|\.\.\.)[ \t]*(\n|$)/.exec(text.slice(0, 16_384));
    if (front) {
      const end = front[0].length - (front[2] ?? '').length;
      blocks.push({ kind: 'text', start: 0, end });
      pos = end;
    }
  }
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    const next = newline < 0 ? text.length : newline + 1;
    if (pageStarts.has(pos)) closePara();
    // Only the first 1,000 characters decide what a line is: a 5 MB line must not be copied per test.
    const head = text.slice(pos, Math.min(lineEnd, pos + 1000));
    if (!head.trim() && isBlank(text, pos, lineEnd)) {
      closePara();
      pos = next;
      continue;
    }
    if (markdown) {
      const fence = FENCE_OPEN.exec(head);
      if (fence) {
        closePara();
        const end = findFenceEnd(text, next, fence[1]!);
        blocks.push({ kind: 'code', start: pos, end: end.blockEnd });
        pos = end.next;
        continue;
      }
      const atx = ATX.exec(head);
      if (atx && lineEnd - pos <= 1000 && atx[2]) {
        closePara();
        blocks.push({
          kind: 'heading',
          start: pos,
          end: lineEnd,
          level: atx[1]!.length,
          title: headingTitle(atx[2]),
        });
        pos = next;
        continue;
      }
      if (para && para.lines === 1 && SETEXT.test(head) && !LIST_OR_TABLE.test(para.firstLine)) {
        const title = headingTitle(text.slice(para.start, para.end));
        blocks.push({
          kind: 'heading',
          start: para.start,
          end: lineEnd,
          level: head.trim()[0] === '=' ? 1 : 2,
          title,
        });
        para = undefined;
        pos = next;
        continue;
      }
    }
    if (para) {
      para.end = lineEnd;
      para.lines++;
    } else {
      para = { start: pos, end: lineEnd, lines: 1, firstLine: head };
    }
    pos = next;
  }
  closePara();
  return blocks;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A fence closes on a line of the same character, at least as long; an unclosed fence runs to the end. */
function findFenceEnd(text: string, from: number, open: string): { blockEnd: number; next: number } {
  let pos = from;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(pos, Math.min(lineEnd, pos + 200)).trim();
    if (line.length >= open.length && line[0] === open[0] && /^(`+|~+)$/.test(line)) {
      return { blockEnd: lineEnd, next: newline < 0 ? text.length : newline + 1 };
    }
    pos = newline < 0 ? text.length : newline + 1;
  }
  return { blockEnd: text.length, next: text.length };
}

/** "**Install** [the app](x)" → "Install the app": headingPath is for people and prompts. */
function headingTitle(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Groups blocks under their headings. A heading directly followed by another
 * ("# Guide" then "## Install", or a title then "# Goals") has no text of its
 * own: it joins the next section instead of becoming a chunk with nothing but
 * a title, and that section's heading path applies.
 */
function groupSections(blocks: Block[], pageStarts: Set<number>): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; title: string }[] = [];
  let current: Section = { headingPath: [], blocks: [] };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (current.blocks.length) sections.push(current);
      const level = block.level ?? 1;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, title: block.title ?? '' });
      current = { headingPath: stack.map((s) => s.title).filter(Boolean), blocks: [block] };
    } else if (pageStarts.has(block.start) && current.blocks.some((b) => b.kind !== 'heading')) {
      // A new page starts a new section (same heading path), so a chunk cites one page.
      sections.push(current);
      current = { headingPath: current.headingPath, blocks: [block] };
    } else {
      current.blocks.push(block);
    }
  }
  if (current.blocks.length) sections.push(current);
  const merged: Section[] = [];
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    const next = sections[i + 1];
    if (next && section.blocks.every((b) => b.kind === 'heading')) {
      next.blocks.unshift(...section.blocks);
      continue;
    }
    merged.push(section);
  }
  return merged;
}

/**
 * Greedy packing of a section's pieces into spans of at most `target`
 * tokens. A piece bigger than the target is split one level finer (lines or
 * sentences, then word windows, then character windows); code blocks and
 * paragraphs that fit stay whole. Works on a stack, so a 5 MB paragraph of
 * 200,000 sentences is linear.
 */
function packSection(text: string, section: Section, target: number): Span[] {
  const stack: Piece[] = section.blocks
    .map(
      (b): Piece => ({
        start: b.start,
        end: b.end,
        tokens: estimateTokens(text, b.start, b.end),
        kind: b.kind,
        level: 'block',
      }),
    )
    .reverse();
  const spans: Span[] = [];
  let current: Span | undefined;
  while (stack.length) {
    const piece = stack.pop()!;
    const fits = current ? current.tokens + piece.tokens <= target : piece.tokens <= target;
    const mayFill =
      current && current.tokens < target * FILL_SHARE && piece.kind === 'text' && piece.level === 'block';
    if (!fits && (piece.tokens > target || mayFill)) {
      const parts = splitPiece(text, piece, target);
      if (parts.length > 1) {
        for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
        continue;
      }
    }
    if (current && fits) {
      current.end = piece.end;
      current.tokens += piece.tokens;
    } else {
      if (current) spans.push(current);
      current = { start: piece.start, end: piece.end, tokens: piece.tokens };
    }
  }
  if (current) spans.push(current);
  return spans;
}

/** One level finer: block → lines (lists, tables, code) or sentences → word windows → character windows. */
function splitPiece(text: string, piece: Piece, target: number): Piece[] {
  const make = (start: number, end: number, level: Level): Piece => ({
    start,
    end,
    tokens: estimateTokens(text, start, end),
    kind: piece.kind,
    level,
  });
  if (piece.level === 'block' || piece.level === 'line') {
    const byLines = piece.level === 'block' && (piece.kind === 'code' || isListOrTable(text, piece));
    const ranges = byLines
      ? lineRanges(text, piece.start, piece.end)
      : sentenceRanges(text, piece.start, piece.end);
    if (ranges.length > 1) return ranges.map(([s, e]) => make(s, e, byLines ? 'line' : 'sentence'));
    if (byLines) return splitPiece(text, { ...piece, level: 'line' }, target);
  }
  if (piece.level !== 'window' && piece.level !== 'chars') {
    const windows = wordWindows(text, piece.start, piece.end, target);
    if (windows.length > 1) return windows.map(([s, e]) => make(s, e, 'window'));
  }
  return charWindows(piece.start, piece.end, target * CHARS_PER_TOKEN, text).map(([s, e]) =>
    make(s, e, 'chars'),
  );
}

function isListOrTable(text: string, piece: Piece): boolean {
  const lines = lineRanges(text, piece.start, piece.end);
  const structured = lines.filter(([s]) => LIST_OR_TABLE.test(text.slice(s, s + 12))).length;
  return lines.length > 1 && structured * 2 >= lines.length;
}

function lineRanges(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let pos = start;
  while (pos < end) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    if (!isBlank(text, pos, lineEnd)) out.push([pos, lineEnd]);
    pos = lineEnd + 1;
  }
  return out;
}

// After ., !, ?, … (and closing quotes/brackets), before whitespace. Abbreviations ("e.g. ") split
// too: harmless, a sentence is only a candidate boundary.
const SENTENCE_END = /[.!?…][)"'”’»\]]*\s+/g;

function sentenceRanges(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(SENTENCE_END)) {
    const boundary = start + m.index + m[0].length;
    if (boundary >= end) break;
    out.push([from, start + m.index + m[0].trimEnd().length]);
    from = boundary;
  }
  out.push([from, end]);
  return out;
}

/** Consecutive runs of words worth at most `target` tokens each. */
function wordWindows(text: string, start: number, end: number, target: number): [number, number][] {
  const out: [number, number][] = [];
  let windowStart = -1;
  let windowEnd = start;
  let tokens = 0;
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const wordStart = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    const weight = Math.max(1, Math.ceil((i - wordStart) / CHARS_PER_TOKEN));
    if (windowStart >= 0 && tokens + weight > target) {
      out.push([windowStart, windowEnd]);
      windowStart = -1;
      tokens = 0;
    }
    if (windowStart < 0) windowStart = wordStart;
    windowEnd = i;
    tokens += weight;
  }
  if (windowStart >= 0) out.push([windowStart, windowEnd]);
  return out;
}

/** Fixed-size windows, never splitting a surrogate pair (an emoji must not become two halves). */
function charWindows(start: number, end: number, size: number, text: string): [number, number][] {
  const out: [number, number][] = [];
  let pos = start;
  while (pos < end) {
    let next = Math.min(end, pos + Math.max(1, size));
    const code = text.charCodeAt(next - 1);
    if (next < end && code >= 0xd800 && code <= 0xdbff) next++;
    out.push([pos, next]);
    pos = next;
  }
  return out;
}

/**
 * Where the next chunk starts so that it repeats the end of the previous one:
 * at most `overlap` tokens (and at most half the previous chunk), moved
 * forward to a sentence start when there is one, and never into a heading or
 * a code block (half a code block or a title fragment helps nobody).
 */
function overlapStart(
  text: string,
  previous: Span,
  ownStart: number,
  overlap: number,
  section: Section,
): number {
  const limit = Math.min(overlap, Math.floor(previous.tokens / 2));
  if (limit < 1) return ownStart;
  let tokens = 0;
  let candidate = previous.end;
  let i = previous.end - 1;
  while (i >= previous.start) {
    while (i >= previous.start && isSpace(text.charCodeAt(i))) i--;
    const wordEnd = i + 1;
    while (i >= previous.start && !isSpace(text.charCodeAt(i))) i--;
    const wordStart = i + 1;
    if (wordStart >= wordEnd) break;
    tokens += Math.max(1, Math.ceil((wordEnd - wordStart) / CHARS_PER_TOKEN));
    if (tokens > limit) break;
    candidate = wordStart;
  }
  if (candidate >= previous.end) return ownStart;
  const tail = text.slice(candidate, previous.end);
  const sentence = /(?:[.!?…][)"'”’»\]]*\s+|\n\s*)(?=\S)/.exec(tail);
  if (
    sentence &&
    estimateTokens(text, candidate + sentence.index + sentence[0].length, previous.end) >= limit / 3
  ) {
    candidate += sentence.index + sentence[0].length;
  }
  for (const block of section.blocks) {
    if (block.kind !== 'text' && candidate >= block.start && candidate < block.end) candidate = block.end;
  }
  return candidate < previous.end ? Math.min(candidate, ownStart) : ownStart;
}

/** Words, with a long "word" (URL, base64, a line without spaces) counting one token per 12 characters. */
function estimateTokens(text: string, start: number, end: number): number {
  let tokens = 0;
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const wordStart = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    tokens += Math.max(1, Math.ceil((i - wordStart) / CHARS_PER_TOKEN));
  }
  return tokens;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}
