import { contentHash } from '../text/content-hash.js';
import { detectLanguage } from '../text/detect-language.js';
import { detectWire } from '../text/detect-wire.js';
import { simhash } from '../text/simhash.js';
import { isTruncatedText } from '../text/truncation.js';
import { countWords } from '../text/words.js';
import type { Article } from './types.js';

/** What an extractor knows before the shared finishing step derives the rest of the Article. */
export type ArticleDraft = Pick<
  Article,
  | 'url'
  | 'canonicalUrl'
  | 'title'
  | 'byline'
  | 'siteName'
  | 'publishedAt'
  | 'updatedAt'
  | 'language'
  | 'excerpt'
  | 'leadImageUrl'
  | 'contentHtml'
  | 'paragraphs'
  | 'removed'
  | 'warnings'
> & {
  /**
   * Set when the extractor dropped a "continue reading" stub or similar cut-off marker, which the
   * finished text no longer shows. The text's own ending is checked either way.
   */
  truncated?: boolean;
  /**
   * Extra text to look for an agency credit in (a dropped "© AFP" footer, a byline "By Jane Doe,
   * Reuters"): credits often live in the lines an extractor removes.
   */
  wireEvidence?: string;
};

/** Silent-reading speed used for readingTimeMinutes. */
export const WORDS_PER_MINUTE = 230;
/** Excerpts are cut near this many characters, at a sentence end when there is one. */
export const EXCERPT_MAX_CHARS = 300;
const EXCERPT_MIN_CHARS = 80;
const SENTENCE_END = /[.!?。！？]["”’»)]*(?=\s|$)/gu;

/** The first paragraph's opening sentences (up to EXCERPT_MAX_CHARS), for drafts without one. */
export function excerptFrom(paragraphs: readonly string[]): string | null {
  const lead = paragraphs.find((paragraph) => countWords(paragraph) >= 8) ?? paragraphs[0];
  if (!lead) return null;
  if (lead.length <= EXCERPT_MAX_CHARS) return lead;
  let cut = -1;
  for (const match of lead.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end > EXCERPT_MAX_CHARS) break;
    cut = end;
  }
  if (cut >= EXCERPT_MIN_CHARS) return lead.slice(0, cut);
  const wordBreak = lead.lastIndexOf(' ', EXCERPT_MAX_CHARS - 1);
  return `${lead.slice(0, wordBreak > 0 ? wordBreak : EXCERPT_MAX_CHARS - 1).replace(/[\s,;:–—-]+$/u, '')}…`;
}

/**
 * The step every extractor ends with (extractArticle, normalizeScrapedText): derives `text`, word
 * count, reading time, wire credit, truncation, both signatures, and the language and excerpt when
 * the source had none.
 */
export function finishArticle(draft: ArticleDraft): Article {
  const { truncated: droppedStub = false, wireEvidence = '', ...fields } = draft;
  const paragraphs = draft.paragraphs
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const text = paragraphs.join('\n\n');
  const wordCount = countWords(text);
  return {
    ...fields,
    language: draft.language ?? detectLanguage(text),
    excerpt: draft.excerpt ?? excerptFrom(paragraphs),
    text,
    paragraphs,
    wordCount,
    readingTimeMinutes: wordCount === 0 ? 0 : Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    wire: detectWire(text) ?? (wireEvidence ? detectWire(wireEvidence) : null),
    truncated: droppedStub || isTruncatedText(text),
    contentHash: contentHash(text),
    simhash: simhash(text),
  };
}
