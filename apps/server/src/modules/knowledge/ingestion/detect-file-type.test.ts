import { describe, expect, it } from 'vitest';
import { createZip } from './create-zip.ts';
import { detectFileType } from './detect-file-type.ts';
import { readFixture } from './read-fixture.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('detectFileType', () => {
  it('recognises a PDF by its bytes, even when it is named .docx', () => {
    expect(detectFileType(readFixture('coaching-guide-really-a-pdf.docx'), 'plan.docx')).toEqual({
      kind: 'pdf',
    });
  });

  it('recognises a zip with word/document.xml as a Word document, whatever its name', () => {
    expect(detectFileType(readFixture('coaching-plan.docx'), 'plan.bin')).toEqual({ kind: 'docx' });
  });

  it('refuses an empty file', () => {
    expect(detectFileType(new Uint8Array(), 'notes.txt')).toMatchObject({ error: 'EMPTY_FILE' });
  });

  it('tells Markdown from plain text by extension or by structure', () => {
    expect(detectFileType(text('Just a note.'), 'note.md')).toEqual({ kind: 'markdown' });
    expect(detectFileType(text('Just a note.'), 'note.txt')).toEqual({ kind: 'text' });
    expect(detectFileType(readFixture('habit-tracker.md'), 'habits.txt')).toEqual({ kind: 'markdown' });
    expect(detectFileType(readFixture('morning-routine-utf8.txt'), 'routine.txt')).toEqual({ kind: 'text' });
  });

  it('does not take a note that quotes "%PDF-1.7" for a PDF', () => {
    expect(detectFileType(text('A PDF starts with %PDF-1.7 and ends with a trailer.'), 'a.txt')).toEqual({
      kind: 'text',
    });
  });

  it('refuses binary data named .txt', () => {
    const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256);
    expect(detectFileType(binary, 'notes.txt')).toMatchObject({ error: 'BINARY_TEXT' });
  });

  it('names common binary formats instead of calling them corrupt text', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(detectFileType(png, 'photo.txt')).toMatchObject({
      error: 'UNSUPPORTED_TYPE',
      message: /PNG image/,
    });
  });

  it('refuses a zip that is not a Word document', () => {
    const zip = createZip([{ name: 'xl/workbook.xml', data: text('<workbook/>') }]);
    expect(detectFileType(zip, 'book.docx')).toMatchObject({ error: 'UNSUPPORTED_TYPE', message: /Excel/ });
  });

  it('refuses a truncated zip as a damaged Word document', () => {
    const zip = readFixture('coaching-plan.docx');
    expect(detectFileType(zip.subarray(0, zip.length - 200), 'plan.docx')).toMatchObject({
      error: 'CORRUPT_DOCX',
    });
  });

  it('refuses a zip bomb from the sizes its directory announces, before storing it', () => {
    expect(detectFileType(readFixture('zip-bomb.docx'), 'bomb.docx')).toMatchObject({ error: 'ZIP_BOMB' });
  });

  it('reports an OLE2 file as an encrypted document or a legacy .doc', () => {
    const ole = (stream: string) => {
      const name = Buffer.from(stream, 'utf16le');
      const bytes = new Uint8Array(512 + name.length);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.set(name, 512);
      return bytes;
    };
    expect(detectFileType(ole('EncryptedPackage'), 'secret.docx')).toMatchObject({
      error: 'ENCRYPTED_DOCUMENT',
    });
    expect(detectFileType(ole('WordDocument'), 'old.doc')).toMatchObject({
      error: 'UNSUPPORTED_TYPE',
      message: /\.doc/,
    });
  });
});
