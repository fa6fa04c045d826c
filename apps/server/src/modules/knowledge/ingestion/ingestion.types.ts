/** The file kinds the knowledge base ingests; detected from content, not from the extension. */
export type DocumentKind = 'pdf' | 'docx' | 'markdown' | 'text';

/** The language of a document, which picks the PostgreSQL text search config (english | spanish | simple). */
export type DocumentLanguage = 'en' | 'es' | 'simple';

/** One page of a PDF; `number` is 1-based, as printed in a viewer. */
export interface ExtractedPage {
  number: number;
  text: string;
}

/** The text of one uploaded file, ready to be chunked. */
export interface ExtractedDocument {
  /** Full text. Markdown for DOCX (headings, lists, pipe tables); PDF pages joined by a blank line. */
  text: string;
  /** PDFs only: the text of each page that has readable text, in order. */
  pages?: ExtractedPage[];
  language: DocumentLanguage;
  /** TXT/MD only: the encoding the bytes were decoded from (e.g. `utf-8`, `windows-1252`). */
  encoding?: string;
  /**
   * How the chunker reads structure: `markdown` honours `#` headings and code fences (DOCX, MD),
   * `plain` only paragraphs (TXT, PDF), so a `# comment` line in a text file is not a heading.
   * Absent means `markdown`.
   */
  format?: 'markdown' | 'plain';
  /** Things the creator may want to know that did not stop ingestion (unreadable pages, bad bytes...). */
  warnings: string[];
}

/** The part of an extracted document the chunker reads. */
export type ChunkableDocument = Pick<ExtractedDocument, 'text' | 'pages' | 'language' | 'format'>;

/** One searchable piece of a document. `text === doc.text.slice(charStart, charEnd)`. */
export interface Chunk {
  /** 0-based order in the document. */
  position: number;
  text: string;
  /** PDFs: the page the chunk starts on (1-based). */
  page?: number;
  /** PDFs: the page the chunk ends on, only when it differs from `page`. */
  pageEnd?: number;
  /** The Markdown headings the chunk sits under, outermost first, e.g. `['Guide', 'Installation']`. */
  headingPath: string[];
  charStart: number;
  charEnd: number;
}

/** Hard limits of extraction; each guards memory or time against a hostile or absurd upload. */
export interface ExtractionLimits {
  /** Input files larger than this are refused before parsing. */
  maxInputBytes: number;
  /** DOCX: the most bytes all zip entries may inflate to, together (checked on the directory and while inflating). */
  maxUncompressedBytes: number;
  /** DOCX: an entry at least `ratioCheckMinBytes` big that compresses better than this is a zip bomb. */
  maxCompressionRatio: number;
  ratioCheckMinBytes: number;
  /** PDF: documents with more pages are refused. */
  maxPages: number;
  /** Extracted text longer than this (in UTF-16 code units) is refused: it would make tens of thousands of chunks. */
  maxTextChars: number;
}
