import { type Kysely, sql } from 'kysely';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from './feed-ref.js';
import type { Database } from './schema.js';
import { toIso } from './time.js';
import type { Engine, StoryOutlet } from './types.js';
import { valueList } from './value-list.js';

// The other outlets of a story, as a front page shows them under its headline (Techmeme's "More:",
// Google News' related articles): one entry per feed, that feed's first version of the story with its
// own headline. Read for a page of stories at once, never for the whole table.

/** How many other outlets a story entry names besides the one it shows (the front page's "up to three"). */
export const OUTLETS_PER_STORY = 3;

/** Which story, and the feed already shown for it (its lead, or a search hit's own outlet). */
export interface OutletRequest {
  storyId: number;
  shownFeedId: number;
}

interface FirstVersionRow extends FeedRefRow {
  story_id: number;
  id: number;
  feed_id: number;
  title: string;
  url: string | null;
  canonical_url: string | null;
  sort_at: number;
}

/**
 * Up to `limit` outlets per story other than the shown one, earliest first (who reported it first),
 * in one statement: each member feed's earliest item (items_story orders a story's members by time).
 */
export async function otherOutlets(
  kysely: Kysely<Database>,
  engine: Engine,
  requests: readonly OutletRequest[],
  limit = OUTLETS_PER_STORY,
): Promise<Map<number, StoryOutlet[]>> {
  const outlets = new Map<number, StoryOutlet[]>(requests.map((request) => [request.storyId, []]));
  if (requests.length === 0 || limit <= 0) return outlets;
  const shown = new Map(requests.map((request) => [request.storyId, request.shownFeedId]));
  const ids = [...shown.keys()];
  const { rows } = await sql<FirstVersionRow>`SELECT firsts.*, ${FEED_REF_COLUMNS} FROM (
      SELECT items.story_id, items.id, items.feed_id, items.title, items.url, items.canonical_url, items.sort_at,
        ROW_NUMBER() OVER (PARTITION BY items.story_id, items.feed_id ORDER BY items.sort_at, items.id) AS nth
      FROM items WHERE items.story_id IN (SELECT j.value FROM ${valueList(engine, ids, 'bigint')})
    ) AS firsts JOIN feeds ON feeds.id = firsts.feed_id
    WHERE firsts.nth = 1
    ORDER BY firsts.story_id, firsts.sort_at, firsts.id`.execute(kysely);
  for (const row of rows) {
    const storyId = Number(row.story_id);
    const feedId = Number(row.feed_id);
    const list = outlets.get(storyId);
    if (!list || feedId === shown.get(storyId) || list.length >= limit) continue;
    list.push({
      feed: toFeedRef(feedId, row),
      itemId: Number(row.id),
      title: row.title,
      url: row.canonical_url ?? row.url,
      publishedAt: toIso(row.sort_at),
    });
  }
  return outlets;
}
