import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { type SearchTerm, toFts5Match, toTsQuery } from './search-query.js';
import { estimateDocuments, idf, termWeights, weightedTokens } from './search-rank.js';

// How common each word of a query is, for its weight (search-rank.ts): without reading a posting list
// in full, which is what makes the engines' own ranking slow on a large database.
// - SQLite: the ids of the word's WORD_WEIGHT_SAMPLE most recent matches (FTS5 reads its index
//   newest first and stops there); their density over the ids they span is the word's frequency.
// - PostgreSQL: the planner's statistics of the search column (ANALYZE's most common lexemes and
//   their frequencies; a word not among them is rarer than all of them), read once per
//   WORD_STATS_TTL_MS. Sampling as on SQLite would de-TOAST every row it reads. A table never
//   analyzed (a new database) falls back to sampling.

/** How many of a word's most recent matches estimate how common it is; see estimateDocuments. */
export const WORD_WEIGHT_SAMPLE = 100;
/** At most this many distinct words of a query are weighed; the rest weigh 0. */
export const MAX_WEIGHTED_WORDS = 16;
/** How long PostgreSQL's column statistics are reused before they are read again. */
export const WORD_STATS_TTL_MS = 60_000;

interface ColumnStats {
  readAt: number;
  /** Fraction of rows holding each of the most common lexemes. */
  frequency: Map<string, number>;
  /** A lexeme not in `frequency` is assumed this frequent (half the least frequent listed). */
  rare: number;
}

export interface WordWeights {
  /** Each term's weight (search-rank.ts termWeights) from how common its words are. */
  weigh(terms: SearchTerm[]): Promise<number[]>;
  /**
   * PostgreSQL: the expected fraction of rows matching all the terms (independent words; a prefix
   * counts the listed lexemes it starts), from the column statistics; null without them (SQLite).
   */
  frequency(terms: SearchTerm[]): Promise<number | null>;
}

export function createWordWeights(ctx: DbContext): WordWeights {
  const { kysely } = ctx;
  let stats: ColumnStats | null = null;

  async function postgresStats(): Promise<ColumnStats | null> {
    if (stats && Date.now() - stats.readAt < WORD_STATS_TTL_MS) return stats;
    const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null }>`SELECT
        most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
      FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'items' AND attname = 'search_vector'`.execute(
      kysely,
    );
    const elems = rows[0]?.elems ?? [];
    const freqs = rows[0]?.freqs ?? [];
    if (elems.length === 0) return null;
    // The frequencies list has the lexemes' own, then summary values (min, max, ...): only the former.
    const frequency = new Map(elems.map((elem, index) => [elem, Number(freqs[index] ?? 0)]));
    const rare = Math.min(...frequency.values()) / 2;
    stats = { readAt: Date.now(), frequency, rare };
    return stats;
  }

  /** Ids of a word's WORD_WEIGHT_SAMPLE most recent matches, newest first. */
  async function sampleWord(word: string): Promise<number[]> {
    const term: SearchTerm[] = [{ tokens: [word], prefix: false }];
    const query =
      ctx.engine === 'sqlite'
        ? sql<{ id: number }>`SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ${toFts5Match(term)}
            ORDER BY rowid DESC LIMIT ${WORD_WEIGHT_SAMPLE}`
        : sql<{ id: number }>`SELECT id FROM items
            WHERE search_vector @@ to_tsquery('simple', ${toTsQuery(term)})
            ORDER BY id DESC LIMIT ${WORD_WEIGHT_SAMPLE}`;
    const { rows } = await query.execute(kysely);
    return rows.map((row) => Number(row.id));
  }

  async function frequency(terms: SearchTerm[]): Promise<number | null> {
    const columnStats = ctx.engine === 'postgres' ? await postgresStats() : null;
    if (!columnStats) return null;
    const of = (token: string) => columnStats.frequency.get(token) ?? columnStats.rare;
    let all = 1;
    for (const term of terms) {
      const last = term.tokens[term.tokens.length - 1]!;
      for (const token of weightedTokens(term)) all *= of(token);
      if (term.prefix) {
        let starting = 0;
        for (const [lexeme, share] of columnStats.frequency) if (lexeme.startsWith(last)) starting += share;
        all *= Math.min(1, Math.max(starting, columnStats.rare));
      }
    }
    return all;
  }

  async function weigh(terms: SearchTerm[]): Promise<number[]> {
    const words = [...new Set(terms.flatMap(weightedTokens))].slice(0, MAX_WEIGHTED_WORDS);
    const idfOf = new Map<string, number>();
    // One term: its weight scales every rank alike and orders nothing, so it is not looked up.
    if (words.length === 0 || terms.length === 1) return terms.map(() => 1);
    const columnStats = ctx.engine === 'postgres' ? await postgresStats() : null;
    if (columnStats) {
      for (const word of words) {
        const frequency = columnStats.frequency.get(word) ?? columnStats.rare;
        idfOf.set(word, idf(frequency * 1_000_000, 1_000_000));
      }
      return termWeights(terms, idfOf);
    }
    const { rows } = await sql<{ oldest: number | null; newest: number | null }>`SELECT
        (SELECT min(id) FROM items) AS oldest, (SELECT max(id) FROM items) AS newest`.execute(kysely);
    const newest = Number(rows[0]?.newest ?? 0);
    // Ids are dense but for deletions: the id span is the row count, near enough for a weight.
    const total = newest - Number(rows[0]?.oldest ?? 0) + 1;
    for (const word of words) {
      const sample = await sampleWord(word);
      idfOf.set(word, idf(estimateDocuments(sample, WORD_WEIGHT_SAMPLE, newest, total), total));
    }
    return termWeights(terms, idfOf);
  }

  return { weigh, frequency };
}
