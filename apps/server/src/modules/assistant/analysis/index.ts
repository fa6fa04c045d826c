// Offline message analysis for the assistant: pure, deterministic functions over one chat message, in
// English and Spanish, with no network and no dependencies beyond the standard library.
export { type CrisisKind, type CrisisMatch, crisisResponse, detectCrisis } from './crisis.ts';
export { type ChatLanguage, detectLanguage } from './detect-language.ts';
export {
  extractMemoryFacts,
  type MemoryFact,
  type MemoryFactKey,
  type MemoryFactKind,
} from './memory-facts.ts';
export { normalizeText, tokenize } from './normalize.ts';
export { analyzeSentiment, type SentimentLabel, type SentimentResult } from './sentiment.ts';
