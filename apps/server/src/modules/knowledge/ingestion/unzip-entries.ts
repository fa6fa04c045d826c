import { inflateRawSync } from 'node:zlib';
import { assertZipWithinLimits } from './assert-zip-within-limits.ts';
import { crc32 } from './crc32.ts';
import type { ExtractionLimits } from './ingestion.types.ts';
import { IngestionError } from './ingestion-error.ts';
import type { ZipDirectoryEntry } from './read-zip-directory.ts';

const LOCAL = 0x04034b50;

type ZipLimits = Pick<
  ExtractionLimits,
  'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioCheckMinBytes'
>;

const damaged = (why: string) =>
  new IngestionError(
    'CORRUPT_DOCX',
    `the Word document is damaged or incomplete (${why}). Open it in Word, save it again and re-upload it.`,
  );

/**
 * Inflates the selected entries with a hard ceiling. The directory's declared
 * sizes are checked first (`assertZipWithinLimits`); then each entry may
 * produce at most its declared size (node's `maxOutputLength` aborts the
 * inflater mid-stream) and must produce exactly that. So all together never
 * exceed `maxUncompressedBytes`, even when the directory lies.
 * Checks CRCs, so a damaged part is reported as `CORRUPT_DOCX`, not parsed.
 *
 * @example unzipEntries(bytes, readZipDirectory(bytes), (n) => n.endsWith('.xml'), limits).get('word/document.xml')
 */
export function unzipEntries(
  bytes: Uint8Array,
  entries: ZipDirectoryEntry[],
  select: (name: string) => boolean,
  limits: ZipLimits,
): Map<string, Uint8Array> {
  assertZipWithinLimits(entries, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/') || !select(e.name)) continue;
    if (e.isEncrypted) {
      throw new IngestionError(
        'ENCRYPTED_DOCUMENT',
        'the Word document is password-protected. Remove the password in Word and upload it again.',
      );
    }
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw damaged(`missing part ${e.name}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw damaged(`part ${e.name} is cut short`);
    const data = bytes.subarray(start, end);
    let inflated: Uint8Array;
    if (e.method === 0) {
      inflated = data;
    } else if (e.method === 8) {
      try {
        // maxOutputLength must be >= 1; a declared 0 that inflates to 1 byte still fails the size check below.
        const buffer = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
        inflated = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new IngestionError(
            'ZIP_BOMB',
            'the file was refused for safety: a part unpacks to more than its declared size (a "zip bomb").',
          );
        }
        throw damaged(`part ${e.name} cannot be unpacked`);
      }
    } else {
      throw damaged(`part ${e.name} uses an unsupported compression method`);
    }
    if (inflated.length !== e.uncompressedSize) throw damaged(`part ${e.name} has the wrong size`);
    if (crc32(inflated) !== e.crc32) throw damaged(`part ${e.name} fails its checksum`);
    out.set(e.name, inflated);
  }
  return out;
}
