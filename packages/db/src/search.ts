import { sql } from 'kysely';
import type { DbContext } from './context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from './cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from './feed-ref.js';
import { parseSearchQuery, toFts5Match, toTsQuery } from './search-query.js';
import { toIsoOrNull } from './time.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from './types.js';

// Ranked full-text search. SQLite: FTS5 bm25 (title weighs 10× the text). PostgreSQL: ts_rank over a
// weighted tsvector (title A, text B). `rank` is higher-is-better on both; its scale differs by engine.
// Snippets come from the engine (snippet / ts_headline) with private-use marker characters, then are
// HTML-escaped here, so only our <mark> tags reach the page.
//
// Bounded cost: a query is ranked among its SEARCH_WINDOW most recent matches (newest ids first), so a
// word found in half a million items costs the same as a rare one. For news, the best of the recent
// matches is what people look for; a query with fewer matches than the window is ranked in full.

/** How many of the most recent matches a query ranks. */
export const SEARCH_WINDOW = 1000;
/** Words of context around the matches in a snippet. */
export const SNIPPET_WORDS = 24;
/** PostgreSQL highlights at most this much of an item's text (ts_headline re-parses what it is given). */
const HEADLINE_TEXT_LIMIT = 20_000;
const MARK_START = '\uE000';
const MARK_END = '\uE001';
// PostgreSQL's parser takes "<word>" for a markup tag and ts_headline drops it: angle brackets are
// swapped for these stand-ins before highlighting and turned back into &lt; &gt; after.
const LESS_THAN = '\uE002';
const GREATER_THAN = '\uE003';
const ELLIPSIS = '…';

interface HitRow extends FeedRefRow {
  id: number;
  story_id: number | null;
  title: string;
  url: string | null;
  published_at: number | null;
  feed_id: number;
  rank: number;
  snippet: string | null;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function snippetToHtml(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
    .replaceAll(LESS_THAN, '&lt;')
    .replaceAll(GREATER_THAN, '&gt;')
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>');
}

function toHit(row: HitRow): SearchHit {
  return {
    itemId: row.id,
    storyId: row.story_id,
    title: row.title,
    url: row.url,
    feed: toFeedRef(row.feed_id, row),
    publishedAt: toIsoOrNull(row.published_at),
    snippetHtml: snippetToHtml(row.snippet ?? ''),
    rank: row.rank,
  };
}

export function createSearchApi(ctx: DbContext): SearchApi {
  const { kysely } = ctx;

  async function querySqlite(match: string, request: SearchRequest, limit: number): Promise<HitRow[]> {
    const feedFilter =
      request.feedId === undefined
        ? sql``
        : sql`AND items_fts.rowid IN (SELECT id FROM items WHERE feed_id = ${request.feedId})`;
    let after = sql``;
    if (request.cursor) {
      // FTS5 rank is bm25: lower is better. The cursor holds the engine's own value.
      const [rank, id] = decodeCursor('search', request.cursor, ['number', 'number']);
      after = sql`WHERE (recent.rank > ${rank} OR (recent.rank = ${rank} AND recent.id > ${id}))`;
    }
    // First the page's ids by rank among the recent matches (FTS5 walks its index newest first and
    // scores only those), then snippets and columns for just the page's rows.
    const { rows: ranked } = await sql<{ id: number; rank: number }>`SELECT id, rank FROM (
        SELECT items_fts.rowid AS id, items_fts.rank AS rank FROM items_fts
        WHERE items_fts MATCH ${match} ${feedFilter}
        ORDER BY items_fts.rowid DESC LIMIT ${SEARCH_WINDOW}
      ) AS recent ${after}
      ORDER BY rank, id LIMIT ${limit + 1}`.execute(kysely);
    if (ranked.length === 0) return [];
    const { rows } = await sql<Omit<HitRow, 'rank'>>`SELECT items.id, items.story_id, items.title, items.url,
        items.published_at, items.feed_id, ${FEED_REF_COLUMNS},
        snippet(items_fts, 1, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${SNIPPET_WORDS}) AS snippet
      FROM items_fts JOIN items ON items.id = items_fts.rowid JOIN feeds ON feeds.id = items.feed_id
      WHERE items_fts MATCH ${match} AND items_fts.rowid IN (${sql.join(ranked.map((row) => row.id))})`.execute(
      kysely,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ranked.flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ ...row, rank: hit.rank }] : [];
    });
  }

  async function queryPostgres(tsquery: string, request: SearchRequest, limit: number): Promise<HitRow[]> {
    const conditions = [sql`items.search_vector @@ to_tsquery('simple', ${tsquery})`];
    if (request.feedId !== undefined) conditions.push(sql`items.feed_id = ${request.feedId}`);
    let after = sql``;
    if (request.cursor) {
      const [rank, id] = decodeCursor('search', request.cursor, ['number', 'number']);
      // ts_rank is a real (float4): compare as one, or the cursor's own row would not compare equal.
      after = sql`WHERE (ranked.rank < ${rank}::real OR (ranked.rank = ${rank}::real AND ranked.id > ${id}))`;
    }
    const headlineOptions = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=${SNIPPET_WORDS + 6}, MinWords=${Math.floor(SNIPPET_WORDS / 2)}, MaxFragments=2, FragmentDelimiter=" ${ELLIPSIS} "`;
    const { rows } = await sql<HitRow>`WITH recent AS (
        SELECT items.id, items.search_vector FROM items WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY items.id DESC LIMIT ${SEARCH_WINDOW}
      ), ranked AS (
        SELECT id, ts_rank(search_vector, to_tsquery('simple', ${tsquery})) AS rank FROM recent
      ), page AS (
        SELECT id, rank FROM ranked ${after} ORDER BY rank DESC, id LIMIT ${limit + 1}
      )
      SELECT items.id, items.story_id, items.title, items.url, items.published_at, items.feed_id,
        ${FEED_REF_COLUMNS},
        page.rank,
        ts_headline('simple',
          translate(left(coalesce(items.content_text, ''), ${HEADLINE_TEXT_LIMIT}), '<>', ${LESS_THAN + GREATER_THAN}),
          to_tsquery('simple', ${tsquery}), ${headlineOptions}) AS snippet
      FROM page JOIN items ON items.id = page.id JOIN feeds ON feeds.id = items.feed_id
      ORDER BY page.rank DESC, page.id`.execute(kysely);
    return rows;
  }

  return {
    async query(request: SearchRequest): Promise<Page<SearchHit>> {
      const limit = pageSize(request.limit);
      const terms = parseSearchQuery(request.query ?? '');
      if (terms.length === 0) return { items: [], nextCursor: null };
      const rows =
        ctx.engine === 'sqlite'
          ? await querySqlite(toFts5Match(terms), request, limit)
          : await queryPostgres(toTsQuery(terms), request, limit);
      const page = toPage(rows, limit, toHit, (row) => encodeCursor('search', [row.rank, row.id]));
      // The API's rank is higher-is-better on both engines; bm25 is lower-is-better.
      if (ctx.engine === 'sqlite') for (const hit of page.items) hit.rank = -hit.rank;
      return page;
    },
  };
}
