import type { ExtractionLimits } from './ingestion.types.ts';

const MB = 1024 * 1024;

/**
 * The limits extraction runs with unless told otherwise. Sized for a coach's
 * material (a 300-page book is ~1 M characters) with room to spare, and small
 * enough that one hostile upload cannot exhaust a 2-core, few-GB worker.
 */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxInputBytes: 100 * MB,
  maxUncompressedBytes: 100 * MB,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 1 * MB,
  maxPages: 2_000,
  maxTextChars: 20_000_000,
};
