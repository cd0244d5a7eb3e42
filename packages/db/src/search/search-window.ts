import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { ITEM_MEMBERSHIP_JOIN, storyOfEachItem } from '../stories/story-members.js';
import { type SearchTerm, toFts5Match, toTsQuery } from './search-query.js';
import { expandPrefix } from './search-vocabulary.js';

// A query's window: its SEARCH_WINDOW (with a phrase: PHRASE_SEARCH_WINDOW) most recent matches
// (optionally of one feed), newest first, with their titles for ranking (search-rank.ts) and their
// stories (a page shows one hit per story).
//
// SQLite: FTS5 walks its index newest first and stops at the window (a prefix is first expanded
// into its words, which FTS5 can walk that way; see search-vocabulary.ts).
// PostgreSQL: walking the primary key backwards and testing each row (what the planner picks for a
// common word) de-TOASTs every row's tsvector it passes, ~15 µs each; a phrase with few matches
// passes them all. Instead the window is read from the GIN index one id range at a time, newest
// range first: the GIN index gives the range's matches without reading their tsvectors (a phrase is
// still re-checked on its rows), and only those rows are fetched. The first range is sized from the
// query's expected frequency so that it usually holds the whole window; each next one is
// PG_RANGE_GROWTH times wider, so a rare query covers the table in a few steps. A query with a
// phrase reads the word-pair index instead (migration 007): the items holding every adjacent pair of
// its phrases, far fewer than those holding the words; only they are checked against the query.

/** How many of the most recent matches a query ranks. */
export const SEARCH_WINDOW = 1000;
/**
 * The same for a query with a "phrase": the engines compare position lists in every item that holds
 * all of a phrase's words, several times the cost per match of plain words (at a million items,
 * 1,000 matches of a two-word phrase cost SQLite ~30 ms at p95, 250 cost ~13 ms).
 */
export const PHRASE_SEARCH_WINDOW = 250;

/** How many of a query's most recent matches are ranked. */
export function windowSize(terms: SearchTerm[]): number {
  return terms.some((term) => term.tokens.length > 1) ? PHRASE_SEARCH_WINDOW : SEARCH_WINDOW;
}
/** Each further id range read for a PostgreSQL window is this many times wider than the one before. */
export const PG_RANGE_GROWTH = 4;
/** The smallest first id range of a PostgreSQL window. */
export const PG_MIN_RANGE = 2 * SEARCH_WINDOW;

export interface WindowRow {
  id: number;
  title: string;
  storyId: number | null;
}

export interface WindowRequest {
  terms: SearchTerm[];
  feedId?: number;
  /** Expected fraction of rows matching (PostgreSQL range sizing); null when unknown. */
  frequency: number | null;
}

export async function findWindow(ctx: DbContext, request: WindowRequest): Promise<WindowRow[]> {
  return ctx.engine === 'sqlite' ? sqliteWindow(ctx, request) : postgresWindow(ctx, request);
}

async function sqliteWindow(ctx: DbContext, { terms, feedId }: WindowRequest): Promise<WindowRow[]> {
  const feedFilter =
    feedId === undefined
      ? sql``
      : sql`AND items_fts.rowid IN (SELECT id FROM items WHERE feed_id = ${feedId})`;
  // Prefixes as the words they stand for: FTS5 then reads newest first and stops at the window.
  const expansions = await Promise.all(terms.map((term) => expandPrefix(ctx.kysely, term)));
  const { rows } =
    await sql<WindowRow>`SELECT items.id, items.title, story_members.story_id AS "storyId" FROM (
      SELECT items_fts.rowid AS id FROM items_fts WHERE items_fts MATCH ${toFts5Match(terms, expansions)} ${feedFilter}
      ORDER BY items_fts.rowid DESC LIMIT ${windowSize(terms)}
    ) AS recent JOIN items ON items.id = recent.id ${ITEM_MEMBERSHIP_JOIN}`.execute(ctx.kysely);
  return rows;
}

/**
 * The words of each phrase whose adjacency the word-pair index can show: all of them, but a
 * prefix's last word (a pair holds whole words). Phrases of fewer than two such words have none.
 */
function pairedPhrases(terms: SearchTerm[]): string[] {
  return terms
    .map((term) => (term.prefix ? term.tokens.slice(0, -1) : term.tokens))
    .filter((tokens) => tokens.length > 1)
    .map((tokens) => tokens.join(' '));
}

async function postgresWindow(ctx: DbContext, request: WindowRequest): Promise<WindowRow[]> {
  const tsquery = sql`to_tsquery('simple', ${toTsQuery(request.terms)})`;
  const feedFilter = request.feedId === undefined ? sql`` : sql`AND items.feed_id = ${request.feedId}`;
  // ctx.transaction: inside db.transaction it joins that transaction (Kysely has no nested ones).
  return ctx.transaction(async (trx) => {
    let match = sql`items.search_vector @@ ${tsquery}`;
    const phrases = pairedPhrases(request.terms);
    if (phrases.length > 0) {
      // The phrases' pairs, as the stored vectors have them (the same parser and nf_word_pairs).
      const { rows } = await sql<{ pairs: string | null }>`SELECT
          string_agg(DISTINCT quote_literal(pair.lexeme), ' & ') AS pairs
        FROM unnest(${phrases}::text[]) AS phrase(text),
          unnest(nf_word_pairs(to_tsvector('simple', phrase.text))) AS pair`.execute(trx);
      const pairs = rows[0]?.pairs ?? null;
      // The whole query is then checked on those items only: IS TRUE keeps the planner from also
      // reading the word index, which is the cost avoided.
      if (pairs !== null)
        match = sql`nf_word_pairs(items.search_vector) @@ ${pairs}::tsquery AND (items.search_vector @@ ${tsquery}) IS TRUE`;
    }
    const { rows: bounds } = await sql<{ oldest: string | null; newest: string | null }>`SELECT
        (SELECT min(id) FROM items) AS oldest, (SELECT max(id) FROM items) AS newest`.execute(trx);
    // Bitmap scans only from here: the GIN index ANDed with the primary key's id range (see above).
    await sql`SET LOCAL enable_indexscan = off`.execute(trx);
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const oldest = Number(bounds[0]?.oldest ?? 1);
    let high = Number(bounds[0]?.newest ?? 0);
    // Without statistics (a table never analyzed) the first range is the smallest, and grows.
    const size = windowSize(request.terms);
    let range =
      request.frequency === null
        ? PG_MIN_RANGE
        : Math.max(PG_MIN_RANGE, Math.ceil((size / Math.max(request.frequency, 1e-6)) * 1.5));
    const window: WindowRow[] = [];
    while (window.length < size && high >= oldest) {
      const low = high - range;
      const { rows } = await sql<{ id: number; title: string }>`SELECT items.id, items.title FROM items
        WHERE ${match} AND items.id > ${low} AND items.id <= ${high} ${feedFilter}
        ORDER BY items.id DESC LIMIT ${size - window.length}`.execute(trx);
      for (const row of rows) window.push({ id: Number(row.id), title: row.title, storyId: null });
      high = low;
      range *= PG_RANGE_GROWTH;
    }
    // Back to the session's settings for whatever else runs in this transaction.
    await sql`RESET enable_indexscan`.execute(trx);
    await sql`RESET enable_seqscan`.execute(trx);
    // Read after the scans above: with index scans off, a join would read the membership table whole.
    const stories = await storyOfEachItem(
      trx,
      'postgres',
      window.map((row) => row.id),
    );
    for (const row of window) row.storyId = stories.get(row.id) ?? null;
    return window;
  });
}
