import { detectLanguage } from './ingestion/detect-language.ts';
import { chunkDocument, detectFileType as detect, extractText, IngestionError } from './ingestion/index.ts';
import type { DetectFileType } from './knowledge.service.ts';
import type { ExtractionStage } from './knowledge-ingestion.service.ts';

/** Upload-time check by content (magic bytes), before anything is stored. */
export const detectFileType: DetectFileType = (bytes, filename) => {
  const result = detect(bytes, filename);
  return 'error' in result ? { error: result.error, message: result.message } : { kind: result.kind };
};

/** The worker's extraction and chunking, as the ingestion service needs them. */
export const extractionStage: ExtractionStage = {
  extract: (bytes, kind, onPage) => extractText(bytes, kind, {}, onPage),
  chunk: (doc) => chunkDocument(doc),
  detectLanguage,
  isUserFacingError: (err): err is IngestionError => err instanceof IngestionError,
};
