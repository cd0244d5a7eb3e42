import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import {
  compareHits,
  type RankedHit,
  SEARCH_WINDOW,
  type SearchEngine,
  type WindowRequest,
} from './engine.js';
import { foldText, WORD } from './fold.js';
import type { SearchTerm } from './query.js';

// SQLite: FTS5's newest matches, ranked by how many of the query's terms their title holds (bm25()
// reads each term's whole posting list first). A prefix is asked as the words it stands for: FTS5
// merges a prefix's posting lists in full, but walks an OR of words lazily.

/** A prefix standing for more words than this is left to FTS5's own (complete, slower) prefix query. */
export const MAX_PREFIX_EXPANSION = 64;
/** A term's spellings asked of FTS5 at most (each "ss" may stand for ß): 3 such places in a term. */
export const MAX_SHARP_S_VARIANTS = 8;

export function createSqliteSearch(db: Kysely<Database>): SearchEngine {
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const expansions = await Promise.all(terms.map((term) => expandPrefix(db, term)));
      const feedFilter =
        feedId === undefined
          ? sql``
          : sql`AND items_fts.rowid IN (SELECT id FROM items WHERE feed_id = ${feedId})`;
      const { rows } = await sql<{ id: number; title: string }>`SELECT items.id, items.title FROM (
          SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ${toFts5Match(terms, expansions)} ${feedFilter}
          ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW}
        ) AS recent JOIN items ON items.id = recent.id`.execute(db);
      const inTitle = titleMatcher(terms.filter((term) => !term.exclude));
      return rows.map((row) => ({ id: Number(row.id), rank: inTitle(row.title) })).sort(compareHits);
    },
  };
}

/**
 * A term's spellings for an index that keeps ß (FTS5's unicode61): the tokens, then each "ss" also
 * as ß, up to MAX_SHARP_S_VARIANTS in all (places past that keep ss only).
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

/** One term: its ß spellings ORed, a prefix as its listed words (`expansion`) or with FTS5's `*`. */
function fts5Term(term: SearchTerm, expansion: string[] | null): string {
  const strings = expansion
    ? expansion.map((word) => fts5String([word]))
    : sharpSVariants(term.typed).map((tokens) => `${fts5String(tokens)}${term.prefix ? ' *' : ''}`);
  return strings.length === 1 ? strings[0]! : `(${strings.join(' OR ')})`;
}

/** FTS5 MATCH: the terms ANDed, NOT the exclusions ORed (FTS5's NOT is binary). */
export function toFts5Match(terms: SearchTerm[], expansions: readonly (string[] | null)[] = []): string {
  const strings = terms.map((term, index) => fts5Term(term, expansions[index] ?? null));
  const included = strings.filter((_, index) => !terms[index]!.exclude);
  const excluded = strings.filter((_, index) => terms[index]!.exclude);
  const all = included.join(' AND ');
  return excluded.length === 0 ? all : `(${all}) NOT (${excluded.join(' OR ')})`;
}

/**
 * The indexed words a one-word prefix stands for (each ß spelling, typed and folded), or null for FTS5's
 * own prefix query. Each word is one seek into the vocabulary (the next word after the last + \x01).
 */
async function expandPrefix(db: Kysely<Database>, term: SearchTerm): Promise<string[] | null> {
  if (!term.prefix || term.tokens.length !== 1) return null;
  const prefixes = [
    ...new Set([term.typed[0]!, term.tokens[0]!].flatMap((token) => sharpSVariants([token]).flat())),
  ];
  const words = new Set<string>();
  for (const prefix of prefixes) {
    const { rows } = await sql<{ term: string }>`WITH RECURSIVE listed(term) AS (
        SELECT (SELECT term FROM items_fts_words WHERE term >= ${prefix} LIMIT 1)
        UNION ALL
        SELECT (SELECT term FROM items_fts_words WHERE term >= listed.term || char(1) LIMIT 1) FROM listed
        WHERE listed.term < ${prefix} || char(1114111)
        LIMIT ${MAX_PREFIX_EXPANSION + 2}
      )
      SELECT term FROM listed WHERE term >= ${prefix} AND term < ${prefix} || char(1114111)
      LIMIT ${MAX_PREFIX_EXPANSION + 1}`.execute(db);
    for (const row of rows) words.add(row.term);
  }
  // None listed: FTS5's own prefix query, as cheap when no word has the prefix.
  return words.size === 0 || words.size > MAX_PREFIX_EXPANSION ? null : [...words];
}

/** A compiled query: how many of its terms a title holds, its words folded as search compares them. */
export function titleMatcher(terms: SearchTerm[]): (title: string) => number {
  const folded = terms.map((term) => ({ tokens: term.tokens.map(foldText), prefix: term.prefix }));
  return (title) => {
    const text = foldText(title);
    let words: string[] | null = null;
    let found = 0;
    for (const { tokens, prefix } of folded) {
      // Most titles do not hold the term at all: a substring test rules them out without splitting.
      if (!text.includes(tokens[0]!)) continue;
      words ??= text.match(WORD) ?? [];
      const last = tokens.length - 1;
      for (let start = 0; start + last < words.length; start += 1) {
        let matched = true;
        for (let index = 0; index <= last && matched; index += 1) {
          const word = words[start + index]!;
          matched = prefix && index === last ? word.startsWith(tokens[index]!) : word === tokens[index];
        }
        if (matched) {
          found += 1;
          break;
        }
      }
    }
    return found;
  };
}
