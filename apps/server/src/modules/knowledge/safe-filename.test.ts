import { describe, expect, it } from 'vitest';
import { safeFilename, titleFromFilename } from './safe-filename.ts';

describe('safeFilename', () => {
  it.each(['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', 'a/../b.txt', '..', '.', ''])(
    'refuses %j',
    (name) => {
      expect(safeFilename(name)).toBeUndefined();
    },
  );
  it('keeps the last segment of a folder upload path and drops control characters', () => {
    expect(safeFilename('notes/week1.md')).toBe('week1.md');
    expect(safeFilename('gu\u0000ía\n.pdf')).toBe('guía.pdf');
  });
  it('derives a title without the extension', () => {
    expect(titleFromFilename('Week 1 – Sleep.pdf')).toBe('Week 1 – Sleep');
    expect(titleFromFilename('README')).toBe('README');
  });
});
