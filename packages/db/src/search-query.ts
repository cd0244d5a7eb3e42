// User search input → a query each engine's full-text syntax cannot misread. Supported: words (all must
// match), "quoted phrases", and prefix* terms. Everything else (operators, brackets, colons, stray
// quotes) is text: tokens are reduced to letters, digits and marks, then quoted, so no input can break
// FTS5 MATCH or to_tsquery syntax.

/** Longer input is cut here: nobody types more, and it bounds the query's cost. */
export const MAX_QUERY_LENGTH = 512;
/** At most this many terms (words, phrases, prefixes) are used. */
export const MAX_QUERY_TERMS = 16;

export interface SearchTerm {
  /** The term's words, lower-cased, as the engines' tokenizers would split them. */
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const PART = /"([^"]*)("?\*?)|([^\s"]+)/gu;

export function parseSearchQuery(query: string): SearchTerm[] {
  const text = query.normalize('NFKC').slice(0, MAX_QUERY_LENGTH).toLowerCase();
  const terms: SearchTerm[] = [];
  for (const match of text.matchAll(PART)) {
    const [, phrase, phraseEnd, word] = match;
    const source = phrase ?? word ?? '';
    const tokens = source.match(TOKEN) ?? [];
    if (tokens.length === 0) continue;
    const prefix = phrase === undefined ? /\*+\W*$/u.test(source) : (phraseEnd ?? '').endsWith('*');
    terms.push({ tokens, prefix });
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}

/**
 * FTS5: each term a double-quoted string (tokens contain no quote), `*` after it for a prefix, all
 * ANDed; a prefix with its words listed in `expansions` (search-vocabulary.ts) becomes their OR.
 */
export function toFts5Match(terms: SearchTerm[], expansions: readonly (string[] | null)[] = []): string {
  return terms
    .map((term, index) => {
      const words = expansions[index];
      if (words) return `(${words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' OR ')})`;
      return `"${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
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
