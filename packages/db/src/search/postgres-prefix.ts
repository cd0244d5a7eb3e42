import { type RawBuilder, sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { SEARCH_WINDOW } from './engine.js';
import { toTsQuery, tsQueryLexeme } from './postgres-tsquery.js';
import { type WindowRow, wordWindow } from './postgres-word-window.js';
import type { SearchTerm } from './query.js';

// PostgreSQL prefixes: GIN reads the whole posting list of every word a prefix stands for, for each
// id range, where it skips through a word's list to the range. A query's prefixes are asked as the
// words they stand for, listed in search_words (migration 041), which records an item's words when
// it leaves the clusterer's queue: the items still queued are tested for the query as typed. Ranks
// are those of the query as typed.

/** A prefix standing for more words than this is left to GIN's own prefix matching (complete, slower). */
export const POSTGRES_MAX_PREFIX_WORDS = 64;
/**
 * The most items waiting in the cluster queue (their words perhaps not yet recorded) that a prefix
 * query tests one by one; with more, GIN's own prefix matching answers.
 */
export const POSTGRES_MAX_QUEUED_TESTS = 500;

interface ListsRow {
  queued: string;
  [column: `words${number}`]: string[];
  [column: `parsed${number}`]: boolean;
}

/**
 * The newest matches of a query with prefixes (none a phrase or an exclusion is expanded), found
 * through the prefixes' words; null when one stands for too many or too many items are queued.
 */
export async function prefixWindow(
  ctx: DbContext,
  terms: SearchTerm[],
  feedId: number | undefined,
): Promise<WindowRow[] | null> {
  const prefixes = terms.flatMap((term, index) => (term.prefix && !term.exclude ? [index] : []));
  // Each prefix's words, and whether PostgreSQL parses the term as that one prefix (as the index's
  // words were parsed), in one statement.
  const lists = prefixes.map((index) => {
    const term = terms[index]!;
    const prefix = term.tokens[0]!;
    return sql`ARRAY(SELECT word FROM search_words WHERE word ^@ ${prefix} ORDER BY word
        LIMIT ${POSTGRES_MAX_PREFIX_WORDS + 1}) AS ${sql.ref(`words${index}`)},
      to_tsquery('simple', ${toTsQuery([term])})::text = ${`'${prefix}':*`} AS ${sql.ref(`parsed${index}`)}`;
  });
  const { rows } = await sql<ListsRow>`SELECT
      (SELECT count(*) FROM (SELECT 1 FROM cluster_queue LIMIT ${POSTGRES_MAX_QUEUED_TESTS + 1}) AS q) AS queued,
      ${sql.join(lists)}`.execute(ctx.kysely);
  const found = rows[0];
  if (!found || Number(found.queued) > POSTGRES_MAX_QUEUED_TESTS) return null;
  const words = new Map<number, string[]>();
  for (const index of prefixes) {
    const list = found[`words${index}`] ?? [];
    if (!found[`parsed${index}`] || list.length > POSTGRES_MAX_PREFIX_WORDS) return null;
    words.set(index, list);
  }
  const typed = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
  const hits: WindowRow[] = [];
  // A prefix none of the recorded words starts with matches only queued items.
  if ([...words.values()].every((list) => list.length > 0)) {
    const expanded = terms.map((term, index) => {
      const list = words.get(index);
      return list
        ? sql`${list.map(tsQueryLexeme).join(' | ')}::tsquery`
        : sql`to_tsquery('simple', ${toTsQuery([term])})`;
    });
    hits.push(...(await wordWindow(ctx, sql`(${sql.join(expanded, sql` && `)})`, feedId, typed)));
  }
  if (Number(found.queued) > 0) hits.push(...(await queuedMatches(ctx, typed, feedId)));
  const byId = new Map(hits.map((row) => [Number(row.id), row]));
  return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, SEARCH_WINDOW);
}

/** The queued items matching the query, tested one by one (their words may not be recorded yet). */
async function queuedMatches(
  ctx: DbContext,
  tsquery: RawBuilder<unknown>,
  feedId: number | undefined,
): Promise<WindowRow[]> {
  const feed = feedId === undefined ? sql`` : sql`AND items.feed_id = ${feedId}`;
  const { rows } = await sql<WindowRow>`SELECT items.id, ts_rank(items.search_vector, ${tsquery}) AS rank
    FROM cluster_queue JOIN items ON items.id = cluster_queue.item_id
    WHERE (items.search_vector @@ ${tsquery}) IS TRUE ${feed}`.execute(ctx.kysely);
  return rows;
}
