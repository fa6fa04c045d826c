import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.ts';
import { extractText } from './extract-text.ts';
import type { Chunk, ChunkableDocument } from './ingestion.types.ts';
import { readFixture } from './read-fixture.ts';

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const md = (text: string): ChunkableDocument => ({ text, language: 'en', format: 'markdown' });

/** Deterministic prose: n sentences of eight words, numbered so every sentence is distinct. */
const prose = (n: number, topic = 'habit') =>
  Array.from({ length: n }, (_, i) => `Sentence ${i} explains one small ${topic} worth keeping daily.`).join(
    ' ',
  );

function expectWellFormed(doc: ChunkableDocument, chunks: Chunk[]) {
  chunks.forEach((c, i) => {
    expect(c.position).toBe(i);
    expect(c.text).toBe(doc.text.slice(c.charStart, c.charEnd));
    expect(c.text.trim()).toBe(c.text);
    expect(c.text.length).toBeGreaterThan(0);
  });
}

describe('chunkDocument', () => {
  it('records the heading path of every chunk, and folds a bare heading into the next section', () => {
    const doc = md(
      '# Guide\n\n## Installation\n\nInstall the app.\n\n### On Linux\n\nUse the package.\n\n## Usage\n\nOpen it.\n',
    );
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [['Guide', 'Installation'], '# Guide\n\n## Installation\n\nInstall the app.'],
      [['Guide', 'Installation', 'On Linux'], '### On Linux\n\nUse the package.'],
      [['Guide', 'Usage'], '## Usage\n\nOpen it.'],
    ]);
    expectWellFormed(doc, chunks);
  });

  it('understands setext headings and strips Markdown from heading titles', () => {
    const chunks = chunkDocument(md('Sleep **basics**\n===============\n\nGo to bed at the same time.\n'));
    expect(chunks[0]?.headingPath).toEqual(['Sleep basics']);
  });

  it('keeps a code block whole when it fits, and never reads its lines as headings', async () => {
    const doc = await extractText(readFixture('habit-tracker.md'), 'markdown');
    const chunks = chunkDocument(doc, { targetTokens: 40, overlapTokens: 8 });
    const code = doc.text.slice(doc.text.indexOf('```ts'), doc.text.indexOf('```\n\n## Weekly') + 3);
    expect(chunks.filter((c) => c.text.includes(code))).toHaveLength(1);
    expect(chunks.flatMap((c) => c.headingPath)).not.toContain(
      'not a heading: this line is inside a code block',
    );
    expect(chunks.find((c) => c.text.includes('tail -n 7'))?.headingPath).toEqual([
      'Habit tracker',
      'Weekly review',
      'Example',
    ]);
    expectWellFormed(doc, chunks);
  });

  it('splits a code block bigger than a chunk at line ends', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `const value${i} = compute(${i}, 'argument');`);
    const doc = md(`## Code\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`);
    const chunks = chunkDocument(doc, { targetTokens: 50, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(words(c.text)).toBeLessThanOrEqual(50);
      expect(['\n', undefined]).toContain(doc.text[c.charEnd]); // every chunk ends at a line end
    }
    expectWellFormed(doc, chunks);
  });

  it('does not read "#" lines of plain text as headings', () => {
    const chunks = chunkDocument({ text: '# not a heading\n\nJust text.', language: 'en', format: 'plain' });
    expect(chunks.map((c) => c.headingPath)).toEqual([[]]);
  });

  it('overlaps consecutive chunks of a section by at most overlapTokens, starting at a sentence', () => {
    const doc = md(`# Habits\n\n${prose(120)}\n`);
    const chunks = chunkDocument(doc, { targetTokens: 100, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(5);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]!;
      const current = chunks[i]!;
      expect(current.charStart).toBeLessThan(previous.charEnd);
      const shared = doc.text.slice(current.charStart, previous.charEnd);
      expect(words(shared)).toBeGreaterThan(0);
      expect(words(shared)).toBeLessThanOrEqual(20);
      expect(current.text).toMatch(/^Sentence \d+/);
    }
    expectWellFormed(doc, chunks);
  });

  it('does not overlap across headings', () => {
    const doc = md(`## One\n\n${prose(30)}\n\n## Two\n\n${prose(30, 'routine')}\n`);
    const chunks = chunkDocument(doc, { targetTokens: 100, overlapTokens: 30 });
    const firstOfTwo = chunks.findIndex((c) => c.headingPath.includes('Two'));
    expect(chunks[firstOfTwo]?.text.startsWith('## Two')).toBe(true);
    expect(chunks[firstOfTwo]!.charStart).toBeGreaterThanOrEqual(chunks[firstOfTwo - 1]!.charEnd);
  });

  it('bounds chunk sizes to the target plus the overlap', () => {
    const doc = md(
      Array.from({ length: 40 }, (_, i) => `## Part ${i}\n\n${prose(5 + ((i * 7) % 50))}`).join('\n\n'),
    );
    const chunks = chunkDocument(doc, { targetTokens: 120, overlapTokens: 30 });
    for (const c of chunks) expect(words(c.text)).toBeLessThanOrEqual(150);
    expectWellFormed(doc, chunks);
  });

  it('splits text without sentences or spaces into bounded windows', () => {
    const doc: ChunkableDocument = { text: 'x'.repeat(50_000), language: 'simple', format: 'plain' };
    const chunks = chunkDocument(doc, { targetTokens: 100 });
    expect(chunks.length).toBe(Math.ceil(50_000 / 1200));
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1200);
    expectWellFormed(doc, chunks);
  });

  it('keeps each PDF chunk on one page and records it, so citations name the right page', async () => {
    const doc = await extractText(readFixture('coaching-guide.pdf'), 'pdf');
    const chunks = chunkDocument(doc, { targetTokens: 60, overlapTokens: 10 });
    const pageOf = (offset: number) => {
      let start = 0;
      for (const p of doc.pages ?? []) {
        if (offset < start + p.text.length) return p.number;
        start += p.text.length + 2;
      }
      return undefined;
    };
    for (const c of chunks) {
      expect(c.page).toBe(pageOf(c.charStart));
      expect(c.pageEnd ?? c.page).toBe(pageOf(c.charEnd - 1));
    }
    expect(chunks.every((c) => c.pageEnd === undefined)).toBe(true);
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    expect(chunks.find((c) => c.text.includes('Preguntas poderosas'))?.page).toBe(3);
    expectWellFormed(doc, chunks);
  });

  it('never records pages for documents without them', () => {
    const [chunk] = chunkDocument(md('Hello.'));
    expect(chunk).toEqual({ position: 0, text: 'Hello.', headingPath: [], charStart: 0, charEnd: 6 });
  });

  it('is deterministic: the same document always gives the same chunks', async () => {
    const doc = await extractText(readFixture('coaching-plan.docx'), 'docx');
    expect(chunkDocument(doc, { targetTokens: 30 })).toEqual(
      chunkDocument(structuredClone(doc), { targetTokens: 30 }),
    );
  });

  it('returns no chunks for a document without text', () => {
    expect(chunkDocument(md(''))).toEqual([]);
    expect(chunkDocument(md('\n\n   \n'))).toEqual([]);
  });
});
