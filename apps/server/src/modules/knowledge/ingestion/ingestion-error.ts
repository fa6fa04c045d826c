import type { FileRejectionCode } from '@companero/contracts';

/**
 * Why a file cannot be ingested. A closed list: the dashboard translates by
 * code, and the ingestion job marks the version failed (no retry) for these.
 */
export type IngestionErrorCode = Exclude<FileRejectionCode, 'UNSAFE_NAME' | 'QUOTA_EXCEEDED'>;

/**
 * A file the creator has to fix (encrypted, damaged, scanned, binary...).
 * `message` is shown to the creator after the file name ("guide.pdf: <message>"),
 * so it starts in lower case, says what is wrong and what to do, and never
 * carries parser internals. Any other error thrown during extraction is a bug
 * and is retried by the job.
 */
export class IngestionError extends Error {
  constructor(
    readonly code: IngestionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestionError';
  }
}
