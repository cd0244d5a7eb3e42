import type { SearchTerm } from './query.js';

/** A term's words in a tsquery: single-quoted (a token holds no quote), a prefix's last one with :*. */
export function tsQueryWords(term: SearchTerm): string[] {
  const last = term.tokens.length - 1;
  return term.tokens.map((token, index) => `'${token}'${term.prefix && index === last ? ':*' : ''}`);
}

/** to_tsquery: a phrase's words joined by <->, the terms ANDed, an exclusion negated with !. */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms.map((term) => `${term.exclude ? '!' : ''}(${tsQueryWords(term).join(' <-> ')})`).join(' & ');
}
