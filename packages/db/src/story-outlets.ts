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

interface MemberRow extends FeedRefRow {
  story_id: number;
  id: number;
  feed_id: number;
  title: string;
  url: string | null;
  canonical_url: string | null;
  sort_at: number;
}

/**
 * Up to `limit` outlets per story other than the shown one, earliest first (who reported it first):
 * each member feed's earliest item. One statement reads the stories' members in time order (the
 * items_story index); picking the first per feed here costs half what a window function does in SQL.
 */
export async function otherOutlets(
  kysely: Kysely<Database>,
  engine: Engine,
  requests: readonly OutletRequest[],
  limit = OUTLETS_PER_STORY,
): Promise<Map<number, StoryOutlet[]>> {
  const outlets = new Map<number, StoryOutlet[]>(requests.map((request) => [request.storyId, []]));
  if (requests.length === 0 || limit <= 0) return outlets;
  const seen = new Map(requests.map((request) => [request.storyId, new Set([request.shownFeedId])]));
  const { rows } =
    await sql<MemberRow>`SELECT items.story_id, items.id, items.feed_id, items.title, items.url,
      items.canonical_url, items.sort_at, ${FEED_REF_COLUMNS}
    FROM items JOIN feeds ON feeds.id = items.feed_id
    WHERE items.story_id IN (SELECT j.value FROM ${valueList(engine, [...seen.keys()], 'bigint')})
    ORDER BY items.story_id, items.sort_at, items.id`.execute(kysely);
  for (const row of rows) {
    const storyId = Number(row.story_id);
    const feedId = Number(row.feed_id);
    const list = outlets.get(storyId);
    const feeds = seen.get(storyId);
    if (!list || !feeds || feeds.has(feedId) || list.length >= limit) continue;
    feeds.add(feedId);
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
