import type { ExtractionLimits } from './ingestion.types.ts';
import { IngestionError } from './ingestion-error.ts';
import type { ZipDirectoryEntry } from './read-zip-directory.ts';

const MB = 1024 * 1024;

/**
 * Refuses a zip whose directory already announces a bomb: more than
 * `maxUncompressedBytes` in total, or one big entry compressed beyond
 * `maxCompressionRatio` (deflate tops out near 1000:1 on runs of one byte;
 * real XML stays well under 50:1). Cheap: reads no data.
 */
export function assertZipWithinLimits(
  entries: ZipDirectoryEntry[],
  limits: Pick<ExtractionLimits, 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioCheckMinBytes'>,
): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (
      e.uncompressedSize >= limits.ratioCheckMinBytes &&
      e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize)
    ) {
      throw new IngestionError(
        'ZIP_BOMB',
        `the file was refused for safety: one of its parts is compressed ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times (a "zip bomb"). Save the document again from Word and re-upload it.`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new IngestionError(
      'ZIP_BOMB',
      `the file was refused for safety: it unpacks to more than ${Math.floor(limits.maxUncompressedBytes / MB)} MB. Split the document or remove large images, then re-upload it.`,
    );
  }
}
