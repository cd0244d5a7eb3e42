export { contentHash } from './content-hash.js';
export { detectLanguage } from './detect-language.js';
export { detectWire } from './detect-wire.js';
export { DEFAULT_MIN_GLUED_PARAGRAPH_WORDS } from './glued-sentences.js';
export {
  DEFAULT_MAX_INPUT_CHARS,
  type NormalizeScrapedTextOptions,
  normalizeScrapedText,
} from './normalize-scraped-text.js';
export { ScrapedTextError } from './scraped-text-error.js';
export { SignatureError } from './signature-error.js';
export { simhash, simhashDistance } from './simhash.js';
export { similarity } from './similarity.js';
export { ALL_STOPWORDS, STOPWORDS } from './stopwords.js';
export { isContinueReadingStub, isTruncatedText } from './truncation.js';
export { WIRE_AGENCIES, type WireAgency } from './wire-agencies.js';
export { countWords, normalizeForSignature, signatureWords } from './words.js';
