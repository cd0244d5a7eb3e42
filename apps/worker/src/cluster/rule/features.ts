import { simhash } from '@newsfeed/parser';
import type { ClusterDoc } from './doc.js';
import { FUTURE_DATE_SLACK_MS, type RuleTuning, WIRE_COPY_MIN_WORDS } from './settings.js';
import { contentWords, contentWordsOf, foldedWords, namedWords } from './terms.js';

// What the rule extracts from an item once: weighted terms, the wire-copy signature, the time.

export interface DocFeatures {
  /** Term -> weight before IDF: title words, title bigrams ("a b"), words of the text's lead. */
  terms: Map<string, number>;
  /** Distinct content words of the title. */
  titleWords: number;
  /** Whether the item brought a text, not only a title. */
  hasText: boolean;
  /** Simhash of title and text when the text is long enough for one to mean anything. */
  simhash: string | null;
  /** The title folded to its words: the same headline again from one feed is a republication. */
  titleKey: string;
  /** When the event was reported: the publication date unless it lies in the future. */
  time: number;
}

function add(terms: Map<string, number>, term: string, weight: number): void {
  terms.set(term, (terms.get(term) ?? 0) + weight);
}

const WHITESPACE_RUN = /\s+/g;

/** `text.split(/\s+/).length`, counted up to `atMost` without making the pieces. */
function whitespacePieces(text: string, atMost: number): number {
  let pieces = 1;
  WHITESPACE_RUN.lastIndex = 0;
  while (pieces < atMost && WHITESPACE_RUN.test(text)) pieces++;
  WHITESPACE_RUN.lastIndex = 0;
  return pieces;
}

export function eventTime(doc: ClusterDoc): number {
  const published = doc.publishedAt;
  if (published === null || !Number.isFinite(published)) return doc.firstSeenAt;
  return published > doc.firstSeenAt + FUTURE_DATE_SLACK_MS ? doc.firstSeenAt : published;
}

export function docFeatures(doc: ClusterDoc, tuning: RuleTuning): DocFeatures {
  const terms = new Map<string, number>();
  const titleFolded = foldedWords(doc.title ?? '');
  const title = contentWordsOf(titleFolded, doc.language, tuning.stopwordsPerLanguage);
  const names = tuning.nameBoost !== 1 ? namedWords(doc.title ?? '') : new Set<string>();
  for (const word of title)
    add(terms, word, names.has(word) ? tuning.titleWeight * tuning.nameBoost : tuning.titleWeight);
  if (tuning.bigramWeight > 0) {
    for (let index = 1; index < title.length; index++) {
      add(terms, `${title[index - 1]} ${title[index]}`, tuning.bigramWeight);
    }
  }
  const text = doc.text?.trim() ? doc.text : null;
  if (text && tuning.textWeight > 0) {
    for (const word of contentWords(text, doc.language, tuning.stopwordsPerLanguage, tuning.textLeadWords))
      add(terms, word, tuning.textWeight);
  }
  const longText = text !== null && whitespacePieces(text, WIRE_COPY_MIN_WORDS) >= WIRE_COPY_MIN_WORDS;
  return {
    terms,
    titleWords: new Set(title).size,
    hasText: text !== null,
    simhash: longText ? (doc.simhash ?? simhash(`${doc.title ?? ''}\n${text}`)) : null,
    titleKey: titleFolded.join(' '),
    time: eventTime(doc),
  };
}
