import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../sql/cursor.js';
import { toFeedRef } from '../sql/feed-ref.js';
import { toIsoOrNull } from '../sql/time.js';
import { pickOutlets } from '../stories/story-outlets.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from '../types.js';
import { compareHits, type RankedHit, type SearchEngine } from './engine.js';
import { type HitRow, readPage } from './page-read.js';
import { createPostgresSearch } from './postgres.js';
import { parseSearchQuery } from './query.js';
import { buildSnippet } from './snippet.js';
import { createSqliteSearch } from './sqlite.js';

// Search, the same on both engines but for the window: each engine finds a query's newest matches
// and ranks them its own way (sqlite.ts, postgres.ts). Here the page is read in one statement, one hit
// per story, with their stories' other outlets (page-read.ts), and snippets are built by buildSnippet.

export function createSearchApi(ctx: DbContext): SearchApi {
  const { kysely } = ctx;
  const engine: SearchEngine =
    ctx.engine === 'sqlite' ? createSqliteSearch(kysely) : createPostgresSearch(ctx);

  return {
    async query(request: SearchRequest): Promise<Page<SearchHit>> {
      const limit = pageSize(request.limit);
      const terms = parseSearchQuery(request.query ?? '');
      if (terms.length === 0) return { items: [], nextCursor: null };
      const window = await engine.window({
        terms,
        ...(request.feedId === undefined ? {} : { feedId: request.feedId }),
      });
      let from = 0;
      if (request.cursor) {
        const [rank, id] = decodeCursor('search', request.cursor, ['number', 'number']);
        from = firstAfter(window, { rank: rank as number, id: id as number });
      }
      if (from === window.length) return { items: [], nextCursor: null };
      const { hits, members } = await readPage(ctx, window, from, limit + 1);
      const outlets = pickOutlets(
        hits
          .slice(0, limit)
          .flatMap((hit) =>
            hit.story_id === null
              ? []
              : [{ storyId: Number(hit.story_id), shownFeedId: Number(hit.feed_id) }],
          ),
        members,
      );
      const rankOf = (row: HitRow) => window[Number(row.position)]!.rank;
      return toPage(
        hits,
        limit,
        (row): SearchHit => ({
          itemId: row.id,
          storyId: row.story_id,
          title: row.title,
          url: row.url,
          feed: toFeedRef(row.feed_id, row),
          publishedAt: toIsoOrNull(row.published_at),
          language: row.language,
          snippetHtml: buildSnippet(row.text ?? '', terms),
          rank: rankOf(row),
          sourceCount: row.source_count ?? 1,
          outlets: row.story_id === null ? [] : (outlets.get(Number(row.story_id)) ?? []),
        }),
        (row) => encodeCursor('search', [rankOf(row), Number(row.id)]),
      );
    },
  };
}

/** The index of the first hit after the cursor's (rank, id) in compareHits order, the window's order. */
export function firstAfter(window: readonly RankedHit[], cursor: RankedHit): number {
  const index = window.findIndex((hit) => compareHits(hit, cursor) > 0);
  return index === -1 ? window.length : index;
}
