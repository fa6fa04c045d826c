import { IngestionError } from './ingestion-error.ts';

/** One file listed in a zip's central directory, with the sizes the zip *claims* (a bomb may lie). */
export interface ZipDirectoryEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused when read. */
  method: number;
  isEncrypted: boolean;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const U32_MAX = 0xffffffff;
// A real DOCX has tens of parts, a few hundred with many images; more is an attack on our loop.
const MAX_ENTRIES = 10_000;

const damaged = (why: string) =>
  new IngestionError(
    'CORRUPT_DOCX',
    `the Word document is damaged or incomplete (${why}). Open it in Word, save it again and re-upload it.`,
  );

/**
 * Lists a zip's entries from its central directory without inflating
 * anything, so the declared sizes can be checked before a single byte is
 * decompressed. Supports ZIP64 fields. Throws `CORRUPT_DOCX` when there is no
 * readable directory (e.g. a truncated upload).
 *
 * @example readZipDirectory(bytes).map((e) => e.name) // ['[Content_Types].xml', 'word/document.xml', ...]
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) throw damaged('the end of the zip archive is missing');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || offset === U32_MAX) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === ZIP64_LOCATOR
  ) {
    const at = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== ZIP64_EOCD) throw damaged('bad ZIP64 record');
    count = Number(view.getBigUint64(at + 32, true));
    offset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > MAX_ENTRIES) {
    throw new IngestionError(
      'ZIP_BOMB',
      `the file holds ${count} packed parts; a Word document has far fewer.`,
    );
  }
  const decoder = new TextDecoder();
  const entries: ZipDirectoryEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw damaged('bad zip directory');
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength > bytes.length) throw damaged('bad zip directory');
    const entry: ZipDirectoryEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      isEncrypted: (flags & 1) === 1,
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    readZip64Extra(view, p + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = view.byteLength - 22;
  for (let p = last; p >= 0 && p >= last - 0xffff; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}

/** ZIP64 stores, in this order, only the 64-bit values whose 32-bit field is saturated. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipDirectoryEntry) {
  let p = start;
  while (p + 4 <= start + length) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + size) throw damaged('bad ZIP64 field');
        const value = Number(view.getBigUint64(q, true));
        q += 8;
        return value;
      };
      if (entry.uncompressedSize === U32_MAX) entry.uncompressedSize = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localHeaderOffset === U32_MAX) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + size;
  }
}
