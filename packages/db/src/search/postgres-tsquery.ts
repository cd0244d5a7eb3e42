import type { SearchTerm } from './query.js';

/**
 * to_tsquery: each token single-quoted (it holds no quote), a phrase's tokens joined by <->, a
 * prefix's last one with :*, the terms ANDed, an exclusion negated with !.
 */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const last = term.tokens.length - 1;
      const tokens = term.tokens.map((token, index) => tsQueryWord(token, term.prefix && index === last));
      return `${term.exclude ? '!' : ''}(${tokens.join(' <-> ')})`;
    })
    .join(' & ');
}

/** One word of a tsquery: single-quoted (a token holds no quote), with :* for a prefix. */
export function tsQueryWord(token: string, prefix: boolean): string {
  return `'${token}'${prefix ? ':*' : ''}`;
}
