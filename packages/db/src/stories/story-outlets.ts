import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, ItemsTable } from '../schema/schema.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIso } from '../sql/time.js';
import { valueList } from '../sql/value-list.js';
import type { Engine, StoryOutlet } from '../types.js';
import { STORY_MEMBER_ITEMS } from './story-members.js';

// The other outlets of a story under its headline (Techmeme's "More:"): one entry per feed, its first
// version of the story with its own headline. Read for a page of stories at once.

/** How many other outlets a story entry names besides the one it shows (the front page's "up to three"). */
export const OUTLETS_PER_STORY = 3;
/** Members read per story, earliest first, to find them: a page must not read every member of big stories. */
export const MEMBERS_READ_PER_STORY = 20;

/** Which story, and the feed already shown for it (its lead, or a search hit's own outlet). */
export interface OutletRequest {
  storyId: number;
  shownFeedId: number;
}

/** A story's member, as outlets are picked from them. */
export type MemberRow = FeedRefRow &
  Pick<ItemsTable, 'feed_id' | 'title' | 'url' | 'canonical_url' | 'sort_at' | 'language'> & {
    story_id: number;
    id: number;
  };

/**
 * FROM (and WHERE) of the members of `stories` (a valueList) that outlets are picked from, at least
 * each story's first MEMBERS_READ_PER_STORY. PostgreSQL reads every member in one scan: a LIMIT per
 * story (a lateral join) costs it several times more at usual story sizes.
 */
export function storyMembersFrom(engine: Engine, stories: RawBuilder<unknown>): RawBuilder<unknown> {
  return engine === 'sqlite'
    ? sql`${stories} JOIN story_members ON story_members.item_id IN (SELECT sm.item_id
          FROM story_members AS sm JOIN items AS m ON m.id = sm.item_id
          WHERE sm.story_id = j.value ORDER BY m.sort_at, m.id LIMIT ${MEMBERS_READ_PER_STORY})
        JOIN items ON items.id = story_members.item_id JOIN feeds ON feeds.id = items.feed_id`
    : sql`${STORY_MEMBER_ITEMS} JOIN feeds ON feeds.id = items.feed_id
        WHERE story_members.story_id IN (SELECT j.value FROM ${stories})`;
}

/** MemberRow's columns, as storyMembersFrom names them. */
export const MEMBER_COLUMNS = sql`story_members.story_id, items.id, items.feed_id, items.title, items.url,
  items.canonical_url, items.sort_at, items.language, ${FEED_REF_COLUMNS}`;

/** Up to OUTLETS_PER_STORY other outlets per story: each feed's earliest member, earliest first. */
export async function otherOutlets(
  kysely: Kysely<Database>,
  engine: Engine,
  requests: readonly OutletRequest[],
): Promise<Map<number, StoryOutlet[]>> {
  if (requests.length === 0) return new Map();
  const stories = valueList(engine, [...new Set(requests.map((request) => request.storyId))]);
  const { rows } = await sql<MemberRow>`SELECT ${MEMBER_COLUMNS} FROM ${storyMembersFrom(engine, stories)}
    ORDER BY story_members.story_id, items.sort_at, items.id`.execute(kysely);
  return pickOutlets(requests, rows);
}

/** The outlets of each requested story among its members' rows, ordered by story, then time. */
export function pickOutlets(requests: readonly OutletRequest[], rows: readonly MemberRow[]) {
  const outlets = new Map<number, StoryOutlet[]>(requests.map((request) => [request.storyId, []]));
  const seen = new Map(requests.map((request) => [request.storyId, new Set([request.shownFeedId])]));
  const read = new Map<number, number>();
  for (const row of rows) {
    const storyId = Number(row.story_id);
    const feedId = Number(row.feed_id);
    const list = outlets.get(storyId);
    const feeds = seen.get(storyId);
    const position = (read.get(storyId) ?? 0) + 1;
    read.set(storyId, position);
    if (!list || !feeds || position > MEMBERS_READ_PER_STORY) continue;
    if (feeds.has(feedId) || list.length >= OUTLETS_PER_STORY) continue;
    feeds.add(feedId);
    list.push({
      feed: toFeedRef(feedId, row),
      itemId: Number(row.id),
      title: row.title,
      url: row.canonical_url ?? row.url,
      publishedAt: toIso(row.sort_at),
      language: row.language,
    });
  }
  return outlets;
}
