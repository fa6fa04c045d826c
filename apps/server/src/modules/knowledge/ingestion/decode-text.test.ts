import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const SPANISH = '¿Qué tal? La niña camina cada mañana; el café cuesta 2 €.';

describe('decodeText', () => {
  it.each([
    ['utf-8', Buffer.from(SPANISH, 'utf8')],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SPANISH, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SPANISH, 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SPANISH, 'utf-16be')])],
    ['utf-16le', Buffer.from(SPANISH, 'utf16le')],
    ['windows-1252', iconv.encode(SPANISH, 'windows-1252')],
    ['iso-8859-15', iconv.encode(SPANISH, 'iso-8859-15')],
  ])('decodes %s without mojibake', (encoding, bytes) => {
    expect(decodeText(new Uint8Array(bytes))).toEqual({ text: SPANISH, encoding, warnings: [] });
  });

  it('reads Latin-1 text (no € in it) as ISO-8859-1', () => {
    const latin1 = 'La niña y el señor';
    expect(decodeText(new Uint8Array(Buffer.from(latin1, 'latin1')))).toMatchObject({
      text: latin1,
      encoding: 'iso-8859-1',
    });
  });

  it('keeps mostly-UTF-8 text with a stray byte, and warns', () => {
    const bytes = Buffer.concat([
      Buffer.from('mañana, canción, corazón, árbol y pingüino ', 'utf8'),
      Buffer.from([0xe9]),
    ]);
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('mañana');
    expect(decoded.warnings).toHaveLength(1);
  });

  it('tolerates NUL padding at the end of a text file', () => {
    const bytes = Buffer.concat([Buffer.from('Plain notes.', 'utf8'), Buffer.alloc(64)]);
    expect(decodeText(new Uint8Array(bytes)).text.startsWith('Plain notes.')).toBe(true);
  });

  it('refuses binary data', () => {
    const binary = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256);
    expect(() => decodeText(binary)).toThrow(expect.objectContaining({ code: 'BINARY_TEXT' }));
  });
});
