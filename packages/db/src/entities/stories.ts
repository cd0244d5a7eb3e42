import { type RawBuilder, sql } from 'kysely';
import type { StoriesTable } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { encodeCursor, keysetAfter, pageSize, toPage } from '../sql/cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIso, toMillis } from '../sql/time.js';
import { STORY_MEMBER_ITEMS } from '../stories/story-members.js';
import { otherOutlets } from '../stories/story-outlets.js';
import type {
  PageRequest,
  StoriesApi,
  StoryDetail,
  StoryFilter,
  StoryOutlet,
  StorySummary,
} from '../types.js';
import { ITEM_WITH_FEED_COLUMNS, ITEMS_WITH_FEED, type ItemWithFeedRow, toItemWithFeed } from './items.js';

type StoryRow = Omit<StoriesTable, 'id'> & FeedRefRow & { id: number };

const STORY_COLUMNS = sql`stories.*, ${FEED_REF_COLUMNS}`;

function toStorySummary(row: StoryRow, outlets: ReadonlyMap<number, StoryOutlet[]>): StorySummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    imageUrl: row.image_url,
    wire: row.wire,
    language: row.language,
    leadItemId: row.lead_item_id,
    leadUrl: row.lead_url,
    leadFeed: toFeedRef(row.lead_feed_id, row),
    itemCount: row.item_count,
    sourceCount: row.source_count,
    outlets: outlets.get(Number(row.id)) ?? [],
    firstSeenAt: toIso(row.first_seen_at),
    updatedAt: toIso(row.updated_at),
    publishedAt: toIso(row.published_at),
    score: row.score,
  };
}

export function createStoriesApi(ctx: DbContext): StoriesApi {
  const { kysely } = ctx;

  /** The rows' other outlets, read for all of them at once. */
  function outletsOf(rows: StoryRow[]): Promise<Map<number, StoryOutlet[]>> {
    const requests = rows.map((row) => ({ storyId: Number(row.id), shownFeedId: Number(row.lead_feed_id) }));
    return otherOutlets(kysely, ctx.engine, requests);
  }

  async function listTop(request: PageRequest & StoryFilter = {}) {
    const limit = pageSize(request.limit);
    const conditions: RawBuilder<unknown>[] = [];
    if (request.language !== undefined) conditions.push(sql`stories.language = ${request.language}`);
    // The same time the story's row shows (publishedAt): "last hour" lists news of the last hour,
    // not an old story that gained a source since.
    if (request.since !== undefined)
      conditions.push(sql`stories.published_at >= ${toMillis(request.since, 'since')}`);
    if (request.feedId !== undefined)
      conditions.push(sql`stories.id IN (SELECT story_members.story_id FROM ${STORY_MEMBER_ITEMS}
        WHERE items.feed_id = ${request.feedId})`);
    if (request.folder !== undefined)
      conditions.push(sql`stories.id IN (SELECT story_members.story_id FROM ${STORY_MEMBER_ITEMS}
        JOIN feeds AS member_feed ON member_feed.id = items.feed_id WHERE member_feed.folder = ${request.folder})`);
    conditions.push(keysetAfter('stories', request.cursor, 'stories.score', 'stories.id'));
    // Walks the (score DESC, id DESC) index from the cursor on: never reads more than the page.
    const { rows } = await sql<StoryRow>`SELECT ${STORY_COLUMNS}
      FROM stories JOIN feeds ON feeds.id = stories.lead_feed_id
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY stories.score DESC, stories.id DESC LIMIT ${limit + 1}`.execute(kysely);
    const outlets = await outletsOf(rows.slice(0, limit));
    const summary = (row: StoryRow) => toStorySummary(row, outlets);
    return toPage(rows, limit, summary, (row) => encodeCursor('stories', [row.score, row.id]));
  }

  async function get(id: number): Promise<StoryDetail | null> {
    const { rows } = await sql<StoryRow>`SELECT ${STORY_COLUMNS}
      FROM stories JOIN feeds ON feeds.id = stories.lead_feed_id WHERE stories.id = ${id}`.execute(kysely);
    const story = rows[0];
    if (!story) return null;
    const leadFirst = sql`CASE WHEN items.id = ${story.lead_item_id} THEN 0 ELSE 1 END`;
    const { rows: items } = await sql<ItemWithFeedRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}
      FROM ${ITEMS_WITH_FEED} WHERE story_members.story_id = ${id}
      ORDER BY ${leadFirst}, items.sort_at, items.id`.execute(kysely);
    return { story: toStorySummary(story, await outletsOf([story])), items: items.map(toItemWithFeed) };
  }

  async function redirect(id: number): Promise<number | null> {
    // Merges of merges are flattened when written (cluster-store.ts): one row says where it went.
    const { rows } = await sql<{ new_id: number }>`SELECT new_id FROM story_redirects
      WHERE old_id = ${id}`.execute(kysely);
    return rows[0] ? Number(rows[0].new_id) : null;
  }

  return { listTop, get, redirect };
}
