import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.ts';
import { detectFileType } from './detect-file-type.ts';
import { extractText } from './extract-text.ts';
import { readFixture } from './read-fixture.ts';

const MB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('extractText', () => {
  describe('PDF', () => {
    it('keeps every page, numbered from 1, with paragraphs and typographic quotes', async () => {
      const doc = await extractText(readFixture('coaching-guide.pdf'), 'pdf');
      expect(doc.pages?.map((p) => p.number)).toEqual([1, 2, 3]);
      expect(doc.pages?.[0]?.text).toMatch(
        /^Coaching Conversations: A Practical Guide\n\nA coaching conversation/,
      );
      expect(doc.pages?.[0]?.text).toContain('the client’s own');
      expect(doc.pages?.[2]?.text).toContain('¿qué quieres conseguir esta semana?');
      expect(doc.text).toBe(doc.pages?.map((p) => p.text).join('\n\n'));
      expect(doc).toMatchObject({ language: 'en', format: 'plain', warnings: [] });
    });

    it('hands each normalised page to onPage as it is read, in order, with the page count', async () => {
      const seen: { page: { number: number; text: string }; total: number }[] = [];
      const doc = await extractText(readFixture('coaching-guide.pdf'), 'pdf', {}, (page, total) =>
        seen.push({ page, total }),
      );
      expect(seen.map((s) => s.total)).toEqual([3, 3, 3]);
      // The very objects of the result: what a caller indexed early is what the document holds.
      expect(seen.map((s) => s.page)).toEqual(doc.pages);
      for (const [i, s] of seen.entries()) expect(s.page).toBe(doc.pages?.[i]);
    });

    it('reads a PDF that was uploaded with a .docx name', async () => {
      const bytes = readFixture('coaching-guide-really-a-pdf.docx');
      const detected = detectFileType(bytes, 'coaching-guide.docx');
      expect(detected).toEqual({ kind: 'pdf' });
      expect((await extractText(bytes, 'pdf')).text).toContain('The GROW model');
    });

    it('refuses a PDF with more pages than allowed', async () => {
      await expect(
        extractText(readFixture('coaching-guide.pdf'), 'pdf', { maxPages: 2 }),
      ).rejects.toMatchObject({
        code: 'TOO_LARGE',
      });
    });

    it('reports bytes that are not a readable PDF as corrupt', async () => {
      await expect(extractText(utf8('%PDF-1.4\nnot really a pdf'), 'pdf')).rejects.toMatchObject({
        code: 'CORRUPT_PDF',
      });
    });
  });

  describe('DOCX', () => {
    it('converts headings, lists, tables and footnotes to Markdown, with tracked changes applied', async () => {
      const doc = await extractText(readFixture('coaching-plan.docx'), 'docx');
      expect(doc.text).toBe(
        [
          '# Coaching Plan for Spring',
          '# Goals',
          'Three goals agreed in the first session[^1].',
          '- Sleep seven to eight hours every night\n- Walk thirty minutes after lunch\n- Write a short journal entry on Sundays',
          '## Weekly schedule',
          '| Day | Focus | Duration |\n| --- | --- | --- |\n| Monday | Review of the week | 45 minutes |\n| Thursday | Check-in call | 15 minutes |',
          '# Next steps',
          '1. Book the first session\n2. Share the journal template',
          'We meet every third Monday of the month.',
          '[^1]: Taken from our own intake questionnaire.',
        ].join('\n\n'),
      );
      expect(doc).toMatchObject({ language: 'en', format: 'markdown', warnings: [] });
    });

    it('refuses a zip bomb by its compression ratio', async () => {
      await expect(extractText(readFixture('zip-bomb.docx'), 'docx')).rejects.toMatchObject({
        code: 'ZIP_BOMB',
        message: expect.stringMatching(/zip bomb/),
      });
    });

    it('refuses a zip bomb by its total unpacked size', async () => {
      const limits = { maxUncompressedBytes: 5 * MB, maxCompressionRatio: 1e9 };
      await expect(extractText(readFixture('zip-bomb.docx'), 'docx', limits)).rejects.toMatchObject({
        code: 'ZIP_BOMB',
        message: expect.stringMatching(/more than 5 MB/),
      });
    });

    it('reports a truncated document as corrupt', async () => {
      const bytes = readFixture('coaching-plan.docx');
      await expect(extractText(bytes.subarray(0, bytes.length - 100), 'docx')).rejects.toMatchObject({
        code: 'CORRUPT_DOCX',
      });
    });
  });

  describe('text and Markdown', () => {
    it('decodes UTF-8 text', async () => {
      const doc = await extractText(readFixture('morning-routine-utf8.txt'), 'text');
      expect(doc).toMatchObject({ encoding: 'utf-8', language: 'en', format: 'plain' });
      expect(doc.text).toContain('quiet planning — not email —');
    });

    it('decodes Latin-1 text without mojibake', async () => {
      const doc = await extractText(readFixture('notas-sesion-latin1.txt'), 'text');
      expect(doc).toMatchObject({ encoding: 'iso-8859-1', language: 'es' });
      expect(doc.text).toContain('¿Qué ha cambiado desde la última sesión? María');
    });

    it('keeps Markdown as it is', async () => {
      const bytes = readFixture('habit-tracker.md');
      const doc = await extractText(bytes, 'markdown');
      expect(doc.text).toBe(new TextDecoder().decode(bytes));
      expect(doc.format).toBe('markdown');
    });

    it('normalises newlines and strips NUL and invisible characters', async () => {
      const tail = ' A stray NUL in a long text is dropped, not taken for binary data.';
      const doc = await extractText(utf8(`one\r\ntwo\rthree\u0000 caf\u0065\u0301\u200b.${tail}`), 'text');
      expect(doc.text).toBe(`one\ntwo\nthree café.${tail}`);
    });

    it('keeps a 5 MB line without newlines, and chunks it into bounded pieces', async () => {
      const sentence = 'Coaching is a partnership that helps people grow. ';
      const bytes = utf8(sentence.repeat(Math.ceil((5 * MB) / sentence.length)));
      const doc = await extractText(bytes, 'text');
      expect(doc.text.length).toBeGreaterThan(5 * MB - 100);
      const chunks = chunkDocument(doc);
      expect(chunks.length).toBeGreaterThan(1000);
      expect(Math.max(...chunks.map((c) => c.text.split(/\s+/).length))).toBeLessThanOrEqual(350);
    });

    it('refuses empty, blank and oversized files', async () => {
      await expect(extractText(new Uint8Array(), 'text')).rejects.toMatchObject({ code: 'EMPTY_FILE' });
      await expect(extractText(utf8(' \n\t\n'), 'text')).rejects.toMatchObject({ code: 'NO_TEXT' });
      await expect(extractText(utf8('x'.repeat(100)), 'text', { maxInputBytes: 10 })).rejects.toMatchObject({
        code: 'TOO_LARGE',
      });
      await expect(extractText(utf8('x'.repeat(100)), 'text', { maxTextChars: 10 })).rejects.toMatchObject({
        code: 'TOO_LARGE',
      });
    });
  });
});
