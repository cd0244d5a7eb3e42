import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../sql/cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIsoOrNull } from '../sql/time.js';
import { ITEM_MEMBERSHIP_JOIN } from '../stories/story-members.js';
import { otherOutlets } from '../stories/story-outlets.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from '../types.js';
import { parseSearchQuery } from './search-query.js';
import { afterCursor, bestOfEachStory, rankWindow } from './search-rank.js';
import { createWordWeights } from './search-weights.js';
import { findWindow } from './search-window.js';
import { buildSnippet, SNIPPET_TEXT_LIMIT } from './snippet.js';

// Ranked full-text search. Each engine finds a query's window, its most recent matches (SEARCH_WINDOW,
// or PHRASE_SEARCH_WINDOW with a phrase) with their titles (search-window.ts); search-rank.ts ranks
// that window the same way on both engines (title matches weigh TITLE_WEIGHT times text matches, rarer words more, newer first
// on equal rank). Bounded cost: a word found in half a million items costs the same as a rare one,
// and no engine ranking function reads beyond the window (FTS5's bm25() would scan every row holding
// each term to count them; ts_rank() would de-TOAST every window row's tsvector). For news, the best of
// the recent matches is what people look for; a query with fewer matches than the window is ranked in
// full. A story's items collapse into its best-ranked one (bestOfEachStory, before the cursor, so pages
// agree). Then only the page's rows are read, with their stories' source counts and other outlets, and
// their snippets built by buildSnippet.

interface HitRow extends FeedRefRow {
  id: number;
  story_id: number | null;
  title: string;
  url: string | null;
  published_at: number | null;
  language: string | null;
  feed_id: number;
  text: string | null;
  source_count: number | null;
}

export function createSearchApi(ctx: DbContext): SearchApi {
  const { kysely } = ctx;
  const words = createWordWeights(ctx);

  return {
    async query(request: SearchRequest): Promise<Page<SearchHit>> {
      const limit = pageSize(request.limit);
      const terms = parseSearchQuery(request.query ?? '');
      if (terms.length === 0) return { items: [], nextCursor: null };
      const window = await findWindow(ctx, {
        terms,
        ...(request.feedId === undefined ? {} : { feedId: request.feedId }),
        frequency: await words.frequency(terms),
      });
      if (window.length === 0) return { items: [], nextCursor: null };
      let ranked = bestOfEachStory(
        rankWindow(window, terms, await words.weigh(terms)),
        new Map(window.map((row) => [row.id, row.storyId])),
      );
      if (request.cursor) {
        const [rank, id] = decodeCursor('search', request.cursor, ['number', 'number']);
        ranked = afterCursor(ranked, rank as number, id as number);
      }
      ranked = ranked.slice(0, limit + 1);
      if (ranked.length === 0) return { items: [], nextCursor: null };
      const { rows } =
        await sql<HitRow>`SELECT items.id, story_members.story_id, items.title, items.url, items.published_at,
          items.language,
          items.feed_id, substr(items.content_text, 1, ${SNIPPET_TEXT_LIMIT}) AS text, ${FEED_REF_COLUMNS},
          stories.source_count
        FROM items JOIN feeds ON feeds.id = items.feed_id ${ITEM_MEMBERSHIP_JOIN}
          LEFT JOIN stories ON stories.id = story_members.story_id
        WHERE items.id IN (${sql.join(ranked.map((row) => row.id))})`.execute(kysely);
      const byId = new Map(rows.map((row) => [Number(row.id), row]));
      // A row deleted between the two reads is left out.
      const present = ranked.filter((hit) => byId.has(hit.id));
      const outlets = await otherOutlets(
        kysely,
        ctx.engine,
        present.slice(0, limit).flatMap((hit) => {
          const row = byId.get(hit.id)!;
          return row.story_id === null
            ? []
            : [{ storyId: Number(row.story_id), shownFeedId: Number(row.feed_id) }];
        }),
      );
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
            language: row.language,
            snippetHtml: buildSnippet(row.text ?? '', terms),
            rank: hit.rank,
            sourceCount: row.source_count ?? 1,
            outlets: row.story_id === null ? [] : (outlets.get(Number(row.story_id)) ?? []),
          };
        },
        (hit) => encodeCursor('search', [hit.rank, hit.id]),
      );
    },
  };
}
