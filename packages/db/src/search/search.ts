import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../sql/cursor.js';
import { toFeedRef } from '../sql/feed-ref.js';
import { toIsoOrNull } from '../sql/time.js';
import { storyOfEachItem } from '../stories/story-members.js';
import { pickOutlets } from '../stories/story-outlets.js';
import type { Page, SearchApi, SearchHit, SearchRequest } from '../types.js';
import { compareHits, type RankedHit } from './engine.js';
import { readPage } from './page-read.js';
import { createPostgresSearch } from './postgres.js';
import { parseSearchQuery } from './query.js';
import { buildSnippet } from './snippet.js';
import { createSqliteSearch } from './sqlite.js';

// Search, the same on both engines but for the window of ranked newest matches (sqlite.ts,
// postgres.ts): a story's items collapse into its best-ranked one before the cursor, so pages agree.

export function createSearchApi(ctx: DbContext): SearchApi {
  const { kysely } = ctx;
  const engine = ctx.engine === 'sqlite' ? createSqliteSearch(kysely) : createPostgresSearch(ctx);

  return {
    async query(request: SearchRequest): Promise<Page<SearchHit>> {
      const limit = pageSize(request.limit);
      const terms = parseSearchQuery(request.query ?? '');
      if (terms.length === 0) return { items: [], nextCursor: null };
      const window = await engine.window({ terms, feedId: request.feedId });
      const windowIds = window.map((hit) => hit.id);
      const storyOf = await storyOfEachItem(kysely, ctx.engine, windowIds);
      let ranked = bestOfEachStory(window, storyOf);
      if (request.cursor) {
        const [rank, id] = decodeCursor('search', request.cursor, 2) as [number, number];
        ranked = ranked.filter((hit) => compareHits(hit, { rank, id }) > 0);
      }
      ranked = ranked.slice(0, limit + 1);
      if (ranked.length === 0) return { items: [], nextCursor: null };
      const stories = [...new Set(ranked.flatMap((hit) => storyOf.get(hit.id) ?? []))];
      const shown = ranked.map((hit) => hit.id);
      const { hits, members } = await readPage(ctx, shown, stories);
      const byId = new Map(hits.map((row) => [Number(row.id), row]));
      // A row deleted between the two reads is left out.
      const present = ranked.filter((hit) => byId.has(hit.id));
      const shownRows = present.slice(0, limit).map((hit) => byId.get(hit.id)!);
      const requests = shownRows.flatMap((row) =>
        row.story_id === null ? [] : [{ storyId: Number(row.story_id), shownFeedId: Number(row.feed_id) }],
      );
      const outlets = pickOutlets(requests, members);
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
