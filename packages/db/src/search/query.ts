// The one search query parser: words (all must match), "quoted phrases", prefix* terms and
// -exclusions. Anything else is text reduced to its words, so no input can break FTS5 or to_tsquery.

import { foldedWords, WORD } from './fold.js';

/** Longer input is cut here: nobody types more, and it bounds the query's cost. */
export const MAX_QUERY_LENGTH = 512;
/** At most this many terms (words, phrases, prefixes, exclusions) are used. */
export const MAX_QUERY_TERMS = 16;
/**
 * A prefix* shorter than this many characters is searched as a whole word: a one- or two-letter
 * prefix stands for much of the vocabulary and would make the engines read most of their index.
 */
export const MIN_PREFIX_LENGTH = 3;

export interface SearchTerm {
  /** The term's words, folded (foldText), as the engines' tokenizers would split them. */
  tokens: string[];
  /**
   * The same words as typed, lower-cased, ß as ss: for FTS5, whose tokenizer folds (or keeps) accents
   * of a query exactly as it did for the indexed text, which foldText does not always match (it keeps
   * Cyrillic й and Greek accents).
   */
  typed: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
  /** Items matching this term are left out. */
  exclude: boolean;
}

const SHARP_S = /ß/gu;
/** An optional leading minus, then a "phrase" (its closing quote and star optional) or a word. */
const PART = /(-?)(?:"([^"]*)("?\*?)|([^\s"]+))/gu;
const TRAILING_STAR = /\*+\W*$/u;

/** The terms of a user's query; none when it has no words to search for. */
export function parseSearchQuery(query: string): SearchTerm[] {
  const text = query.normalize('NFKC').slice(0, MAX_QUERY_LENGTH);
  const terms: SearchTerm[] = [];
  for (const match of text.matchAll(PART)) {
    const [, minus, phrase, phraseEnd, word] = match;
    const source = phrase ?? word ?? '';
    const words = (source.toLowerCase().match(WORD) ?? []).flatMap((typed) => {
      const folded = foldedWords(typed).join('');
      return folded ? [{ typed: typed.replace(SHARP_S, 'ss'), folded }] : [];
    });
    if (words.length === 0) continue;
    const starred = phrase === undefined ? TRAILING_STAR.test(source) : (phraseEnd ?? '').endsWith('*');
    const last = words[words.length - 1]!.folded;
    terms.push({
      tokens: words.map((entry) => entry.folded),
      typed: words.map((entry) => entry.typed),
      prefix: starred && [...last].length >= MIN_PREFIX_LENGTH,
      exclude: minus === '-',
    });
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  // Exclusions alone select nothing to rank: no result rather than "everything but".
  return terms.some((term) => !term.exclude) ? terms : [];
}
