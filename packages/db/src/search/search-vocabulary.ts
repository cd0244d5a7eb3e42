import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import { foldedWords } from './search-fold.js';
import type { SearchTerm } from './search-query.js';

// SQLite: every word the full-text index holds, in a table of its own (migration 003), so that a
// prefix query can be expanded into the words it stands for. FTS5 answers `"gove" *` by merging the
// posting lists of every word starting with "gove" over the whole index before it can return the
// newest match (~50 ms at a million items for a common word); `("government" OR "governor")` it reads
// lazily, newest first, and stops at the search window. Words are added as items are written; a
// process remembers the words it knows are stored so a poll adds only the new ones.
//
// The words are split and folded as FTS5's unicode61 tokenizer with remove_diacritics does for
// letters and digits (lower case, accents removed): a word it splits differently (rare scripts,
// ligatures) can be missing here, and then a prefix query with few enough expansions misses it.

/** A prefix with more words than this is left to FTS5 (a short prefix of a common stem). */
export const MAX_PREFIX_EXPANSION = 64;
/** Words a process remembers as stored; past this the memory starts over (re-adding is a no-op). */
export const MAX_KNOWN_WORDS = 500_000;

export class SearchVocabulary {
  private readonly known = new Set<string>();

  /** Stores the words of these texts that this process has not stored yet. */
  async add(trx: Kysely<Database>, texts: (string | null)[]): Promise<void> {
    const fresh = new Set<string>();
    for (const text of texts) {
      if (!text) continue;
      for (const word of foldedWords(text)) if (!this.known.has(word)) fresh.add(word);
    }
    if (fresh.size === 0) return;
    await sql`INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(${JSON.stringify([...fresh])})`.execute(
      trx,
    );
    if (this.known.size + fresh.size > MAX_KNOWN_WORDS) this.known.clear();
    for (const word of fresh) this.known.add(word);
  }

  /** A write was rolled back: the words it added may not be stored after all. */
  forget(): void {
    this.known.clear();
  }
}

/**
 * The words a bare prefix term stands for (at most MAX_PREFIX_EXPANSION, else null: leave it to
 * FTS5). Null too when none is known, so a word missing here is still found by FTS5's own prefix query.
 */
export async function expandPrefix(db: Kysely<Database>, term: SearchTerm): Promise<string[] | null> {
  if (!term.prefix || term.tokens.length !== 1) return null;
  const prefix = foldedWords(term.tokens[0]!).join('');
  const { rows } = await sql<{ term: string }>`SELECT term FROM search_terms
    WHERE term >= ${prefix} AND term < ${`${prefix}\u{10FFFF}`} ORDER BY term LIMIT ${MAX_PREFIX_EXPANSION + 1}`.execute(
    db,
  );
  if (rows.length === 0 || rows.length > MAX_PREFIX_EXPANSION) return null;
  return rows.map((row) => row.term);
}
