import { join } from 'node:path';
import type { FileStorage } from './file-storage.ts';
import { createLocalDiskStorage } from './local-disk-storage.ts';

/**
 * The configured file storage: local disk under `DATA_DIR/files`. (An
 * S3-compatible adapter would be chosen here from its own settings.)
 *
 * @example
 * const storage = createFileStorage({ dataDir: config.dataDir });
 */
export function createFileStorage(opts: { dataDir: string }): FileStorage {
  return createLocalDiskStorage({ rootDir: join(opts.dataDir, 'files') });
}
