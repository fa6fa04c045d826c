import { describe, expect, it } from 'vitest';
import { createZip } from './create-zip.ts';
import { DEFAULT_EXTRACTION_LIMITS } from './default-extraction-limits.ts';
import { readZipDirectory } from './read-zip-directory.ts';
import { unzipEntries } from './unzip-entries.ts';

const MB = 1024 * 1024;
const all = () => true;

/** Rewrites the declared uncompressed size of the first entry, in the local header and the directory. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(22, size, true);
  const central = readZipDirectoryOffset(copy);
  view.setUint32(central + 24, size, true);
  return copy;
}

function readZipDirectoryOffset(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  return view.getUint32(zip.length - 22 + 16, true);
}

describe('unzipEntries', () => {
  it('round-trips what createZip wrote, stored or deflated', () => {
    const files = [
      { name: 'a.xml', data: new TextEncoder().encode('<a>hello</a>') },
      { name: 'b.xml', data: new Uint8Array(1000).fill(65) },
    ];
    for (const compress of [false, true]) {
      const zip = createZip(files, { compress });
      const out = unzipEntries(zip, readZipDirectory(zip), all, DEFAULT_EXTRACTION_LIMITS);
      expect(new TextDecoder().decode(out.get('a.xml'))).toBe('<a>hello</a>');
      expect(out.get('b.xml')).toEqual(files[1]?.data);
    }
  });

  it('refuses an announced total over the limit without inflating anything', () => {
    const zip = createZip([{ name: 'big.xml', data: new Uint8Array(3 * MB) }], { compress: true });
    const limits = { ...DEFAULT_EXTRACTION_LIMITS, maxUncompressedBytes: 2 * MB, maxCompressionRatio: 1e9 };
    expect(() => unzipEntries(zip, readZipDirectory(zip), all, limits)).toThrow(
      expect.objectContaining({ code: 'ZIP_BOMB', message: expect.stringMatching(/more than 2 MB/) }),
    );
  });

  it('stops inflating at the declared size when the directory lies (never more than the limit)', () => {
    const zip = lieAboutSize(
      createZip([{ name: 'lie.xml', data: new Uint8Array(8 * MB) }], { compress: true }),
      1000,
    );
    expect(() => unzipEntries(zip, readZipDirectory(zip), all, DEFAULT_EXTRACTION_LIMITS)).toThrow(
      expect.objectContaining({ code: 'ZIP_BOMB' }),
    );
  });

  it('reports a damaged part as a corrupt document', () => {
    const zip = createZip([{ name: 'a.xml', data: new TextEncoder().encode('<a>hello hello hello</a>') }]);
    const damaged = zip.slice();
    damaged[35] = (damaged[35] ?? 0) ^ 0xff; // flip a byte of the stored data: the CRC no longer matches
    expect(() => unzipEntries(damaged, readZipDirectory(damaged), all, DEFAULT_EXTRACTION_LIMITS)).toThrow(
      expect.objectContaining({ code: 'CORRUPT_DOCX' }),
    );
  });

  it('inflates only the selected entries', () => {
    const zip = createZip(
      [
        { name: 'word/document.xml', data: new TextEncoder().encode('<w/>') },
        { name: 'word/media/photo.jpg', data: new Uint8Array(100) },
      ],
      { compress: true },
    );
    const out = unzipEntries(
      zip,
      readZipDirectory(zip),
      (n) => n.endsWith('.xml'),
      DEFAULT_EXTRACTION_LIMITS,
    );
    expect([...out.keys()]).toEqual(['word/document.xml']);
  });
});
