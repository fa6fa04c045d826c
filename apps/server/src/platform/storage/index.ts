export { createFileStorage } from './create-file-storage.ts';
export { FileNotFoundError, type FileStorage } from './file-storage.ts';
export { createLocalDiskStorage } from './local-disk-storage.ts';
export { createMemoryStorage } from './memory-storage.ts';
export { assertStorageKey, normalizeStoragePrefix, storageKeyFor } from './storage-key.ts';
