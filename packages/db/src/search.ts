import { sql } from 'kysely';
import type { DbContext } from './context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from './cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from './feed-ref.js';
import { parseSearchQuery, type SearchTerm, toFts5Match, toTsQuery } from './search-query.js';
import { buildSnippet, SNIPPET_TEXT_LIMIT } from './snippet.js';
import { toIsoOrNull } from './time.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from './types.js';

// Ranked full-text search. SQLite: FTS5 bm25 (title weighs 10× the text). PostgreSQL: ts_rank over a
// weighted tsvector (title A, text B). `rank` is higher-is-better on both; its scale differs by engine.
//
// Bounded cost: a query is ranked among its SEARCH_WINDOW most recent matches (newest ids first), so a
// word found in half a million items costs the same as a rare one. For news, the best of the recent
// matches is what people look for; a query with fewer matches than the window is ranked in full.
// Then only the page's rows are read, and their snippets built by buildSnippet.

/** How many of the most recent matches a query ranks. */
export const SEARCH_WINDOW = 1000;

interface RankedRow {
  id: number;
  rank: number;
}

interface HitRow extends FeedRefRow {
  id: number;
  story_id: number | null;
  title: string;
  url: string | null;
  published_at: number | null;
  feed_id: number;
  text: string | null;
}

export function createSearchApi(ctx: DbContext): SearchApi {
  const { kysely } = ctx;

  async function rankSqlite(
    terms: SearchTerm[],
    request: SearchRequest,
    limit: number,
  ): Promise<RankedRow[]> {
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
    // FTS5 walks its index newest first and scores only the window's rows.
    const { rows } = await sql<RankedRow>`SELECT id, rank FROM (
        SELECT items_fts.rowid AS id, items_fts.rank AS rank FROM items_fts
        WHERE items_fts MATCH ${toFts5Match(terms)} ${feedFilter}
        ORDER BY items_fts.rowid DESC LIMIT ${SEARCH_WINDOW}
      ) AS recent ${after}
      ORDER BY rank, id LIMIT ${limit + 1}`.execute(kysely);
    return rows;
  }

  async function rankPostgres(
    terms: SearchTerm[],
    request: SearchRequest,
    limit: number,
  ): Promise<RankedRow[]> {
    const tsquery = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
    const feedFilter = request.feedId === undefined ? sql`` : sql`AND items.feed_id = ${request.feedId}`;
    let after = sql``;
    if (request.cursor) {
      const [rank, id] = decodeCursor('search', request.cursor, ['number', 'number']);
      // ts_rank is a real (float4): compare as one, or the cursor's own row would not compare equal.
      after = sql`WHERE (ranked.rank < ${rank}::real OR (ranked.rank = ${rank}::real AND ranked.id > ${id}))`;
    }
    const { rows } = await sql<RankedRow>`WITH recent AS (
        SELECT items.id, items.search_vector FROM items WHERE items.search_vector @@ ${tsquery} ${feedFilter}
        ORDER BY items.id DESC LIMIT ${SEARCH_WINDOW}
      ), ranked AS (
        SELECT id, ts_rank(search_vector, ${tsquery}) AS rank FROM recent
      )
      SELECT id, rank FROM ranked ${after} ORDER BY rank DESC, id LIMIT ${limit + 1}`.execute(kysely);
    return rows;
  }

  return {
    async query(request: SearchRequest): Promise<Page<SearchHit>> {
      const limit = pageSize(request.limit);
      const terms = parseSearchQuery(request.query ?? '');
      if (terms.length === 0) return { items: [], nextCursor: null };
      const ranked =
        ctx.engine === 'sqlite'
          ? await rankSqlite(terms, request, limit)
          : await rankPostgres(terms, request, limit);
      if (ranked.length === 0) return { items: [], nextCursor: null };
      const { rows } =
        await sql<HitRow>`SELECT items.id, items.story_id, items.title, items.url, items.published_at,
          items.feed_id, substr(items.content_text, 1, ${SNIPPET_TEXT_LIMIT}) AS text, ${FEED_REF_COLUMNS}
        FROM items JOIN feeds ON feeds.id = items.feed_id
        WHERE items.id IN (${sql.join(ranked.map((row) => row.id))})`.execute(kysely);
      const byId = new Map(rows.map((row) => [row.id, row]));
      // A row deleted between the two reads is left out.
      const present = ranked.filter((hit) => byId.has(hit.id));
      return toPage(
        present,
        limit,
        (hit): SearchHit => {
          const row = byId.get(hit.id)!;
          return {
            itemId: row.id,
            storyId: row.story_id,
            title: row.title,
            url: row.url,
            feed: toFeedRef(row.feed_id, row),
            publishedAt: toIsoOrNull(row.published_at),
            snippetHtml: buildSnippet(row.text ?? '', terms),
            // Higher is better on both engines; bm25 is lower-is-better.
            rank: ctx.engine === 'sqlite' ? -hit.rank : hit.rank,
          };
        },
        (hit) => encodeCursor('search', [hit.rank, hit.id]),
      );
    },
  };
}
