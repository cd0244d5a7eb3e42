// User search input → a query each engine's full-text syntax cannot misread. Supported: words (all must
// match), "quoted phrases", and prefix* terms. Everything else (operators, brackets, colons, stray
// quotes) is text: tokens are reduced to letters, digits and marks, then quoted, so no input can break
// FTS5 MATCH or to_tsquery syntax. Words are folded as the index folds them (search-fold.ts).

import { foldedWords } from './search-fold.js';

/** Longer input is cut here: nobody types more, and it bounds the query's cost. */
export const MAX_QUERY_LENGTH = 512;
/** At most this many terms (words, phrases, prefixes) are used. */
export const MAX_QUERY_TERMS = 16;

/** A term's spellings asked of FTS5 at most (each "ss" may stand for ß): 3 such places in a term. */
export const MAX_SHARP_S_VARIANTS = 8;

export interface SearchTerm {
  /** The term's words, folded (foldText), as the engines' tokenizers would split them. */
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
  /**
   * The same words as typed, lower-cased, ß as ss: for FTS5, whose tokenizer folds (or keeps) accents
   * of a query exactly as it did for the indexed text, which foldText does not always match (it keeps
   * Cyrillic й and Greek accents). Absent: the folded tokens are used.
   */
  typed?: string[];
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const SHARP_S = /ß/gu;

const PART = /"([^"]*)("?\*?)|([^\s"]+)/gu;

export function parseSearchQuery(query: string): SearchTerm[] {
  const text = query.normalize('NFKC').slice(0, MAX_QUERY_LENGTH);
  const terms: SearchTerm[] = [];
  for (const match of text.matchAll(PART)) {
    const [, phrase, phraseEnd, word] = match;
    const source = phrase ?? word ?? '';
    const words = (source.toLowerCase().match(TOKEN) ?? []).flatMap((typed) => {
      const folded = foldedWords(typed).join('');
      return folded ? [{ typed: typed.replace(SHARP_S, 'ss'), folded }] : [];
    });
    if (words.length === 0) continue;
    const prefix = phrase === undefined ? /\*+\W*$/u.test(source) : (phraseEnd ?? '').endsWith('*');
    terms.push({ tokens: words.map((word) => word.folded), prefix, typed: words.map((word) => word.typed) });
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}

/**
 * A term's spellings for an index that keeps ß (FTS5's unicode61): the folded tokens, then each "ss"
 * also as ß, up to MAX_SHARP_S_VARIANTS in all (places past that keep ss only).
 */
export function sharpSVariants(tokens: readonly string[]): string[][] {
  let variants: string[][] = [[]];
  for (const token of tokens) {
    const parts = token.split('ss');
    let spellings = [parts[0]!];
    for (const part of parts.slice(1)) {
      const both = spellings.length * 2 * variants.length <= MAX_SHARP_S_VARIANTS;
      spellings = spellings.flatMap((start) =>
        both ? [`${start}ss${part}`, `${start}ß${part}`] : [`${start}ss${part}`],
      );
    }
    variants = variants.flatMap((done) => spellings.map((spelling) => [...done, spelling]));
  }
  return variants;
}

function fts5String(words: readonly string[]): string {
  return `"${words.join(' ').replaceAll('"', '""')}"`;
}

/**
 * FTS5: each term a double-quoted string (tokens contain no quote), `*` after it for a prefix, its ß
 * spellings ORed, all terms ANDed; a prefix with its words listed in `expansions`
 * (search-vocabulary.ts) becomes their OR.
 */
export function toFts5Match(terms: SearchTerm[], expansions: readonly (string[] | null)[] = []): string {
  return terms
    .map((term, index) => {
      const words = expansions[index];
      const strings = words
        ? words.flatMap((word) => sharpSVariants([word]).map(fts5String))
        : sharpSVariants(term.typed ?? term.tokens).map(
            (tokens) => `${fts5String(tokens)}${term.prefix ? ' *' : ''}`,
          );
      return strings.length === 1 && !words ? strings[0]! : `(${strings.join(' OR ')})`;
    })
    .join(' AND ');
}

/** to_tsquery: each token single-quoted (it contains no quote), phrases with <->, prefix with :*. */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const last = term.tokens.length - 1;
      const tokens = term.tokens.map(
        (token, index) => `'${token}'${term.prefix && index === last ? ':*' : ''}`,
      );
      return `(${tokens.join(' <-> ')})`;
    })
    .join(' & ');
}
