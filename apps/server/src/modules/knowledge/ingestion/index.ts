// The extraction and chunking stage of the knowledge base: pure functions, no database, no HTTP.
export { type ChunkOptions, chunkDocument } from './chunk-document.ts';
export { DEFAULT_EXTRACTION_LIMITS } from './default-extraction-limits.ts';
export { type DetectedFileType, detectFileType } from './detect-file-type.ts';
export { extractText } from './extract-text.ts';
export type {
  Chunk,
  ChunkableDocument,
  DocumentKind,
  DocumentLanguage,
  ExtractedDocument,
  ExtractedPage,
  ExtractionLimits,
} from './ingestion.types.ts';
export { IngestionError, type IngestionErrorCode } from './ingestion-error.ts';
