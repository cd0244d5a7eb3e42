import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../sql/cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIsoOrNull } from '../sql/time.js';
import { ITEM_MEMBERSHIP_JOIN, storyOfEachItem } from '../stories/story-members.js';
import { otherOutlets } from '../stories/story-outlets.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from '../types.js';
import { compareHits, type RankedHit, type SearchEngine } from './engine.js';
import { createPostgresSearch } from './postgres.js';
import { parseSearchQuery } from './query.js';
import { buildSnippet, SNIPPET_TEXT_LIMIT } from './snippet.js';
import { createSqliteSearch } from './sqlite.js';

// Search, the same on both engines but for the window: each engine finds a query's newest matches
// and ranks them its own way (sqlite.ts, postgres.ts). Here a story's items collapse into its
// best-ranked one (before the cursor, so pages agree), and only the page's rows are read, with their
// stories' source counts and other outlets, and their snippets built by buildSnippet.

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
      let ranked = bestOfEachStory(
        window,
        await storyOfEachItem(
          kysely,
          ctx.engine,
          window.map((hit) => hit.id),
        ),
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

/**
 * One hit per story: the best-ranked item of each (hits are in compareHits order), so that two copies
 * of one story are not two results opening the same page. Items without a story stand alone.
 */
export function bestOfEachStory(hits: RankedHit[], storyOf: ReadonlyMap<number, number>): RankedHit[] {
  const seen = new Set<number>();
  return hits.filter((hit) => {
    const storyId = storyOf.get(hit.id);
    if (storyId === undefined) return true;
    if (seen.has(storyId)) return false;
    seen.add(storyId);
    return true;
  });
}

/** The hits after the cursor's (rank, id) in compareHits order. */
export function afterCursor(hits: RankedHit[], rank: number, id: number): RankedHit[] {
  return hits.filter((hit) => compareHits(hit, { rank, id }) > 0);
}
