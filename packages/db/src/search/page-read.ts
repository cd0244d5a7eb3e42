import { sql } from 'kysely';
import type { ItemsTable } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { FEED_REF_COLUMNS, type FeedRefRow } from '../sql/feed-ref.js';
import { valueList } from '../sql/value-list.js';
import { ITEM_MEMBERSHIP_JOIN } from '../stories/story-members.js';
import { MEMBER_COLUMNS, type MemberRow, storyMembersFrom } from '../stories/story-outlets.js';
import { SNIPPET_TEXT_LIMIT } from './snippet.js';

// What a page of search results shows, read in one statement: the shown hits' rows, and the members
// of their stories that their other outlets are picked from.

export type HitRow = FeedRefRow &
  Pick<ItemsTable, 'feed_id' | 'title' | 'url' | 'published_at' | 'language'> & {
    id: number;
    story_id: number | null;
    /** The start of the text, where the snippet is looked for. */
    text: string | null;
    source_count: number | null;
  };

/** A row of either kind, `member` telling which (0 a hit, 1 a member); the other's columns are null. */
type PageReadRow = { member: number } & (HitRow | MemberRow);

/**
 * The rows of the hits to show (`shown`, in no order) and the members of `stories`, the hits' stories
 * when the window was read (an item moved since names no outlets on this page), by story, then time.
 */
export async function readPage(
  { kysely, engine }: DbContext,
  shown: readonly number[],
  stories: readonly number[],
) {
  // The hits' columns in MemberRow's order (null where a hit has none), then those only a hit has;
  // named, as SQLite orders a compound SELECT by its first branch's names.
  const { rows } =
    await sql<PageReadRow>`SELECT 0 AS member, story_members.story_id AS story_id, items.id AS id,
      items.feed_id, items.title, items.url, NULL AS canonical_url, NULL AS sort_at, items.language,
      ${FEED_REF_COLUMNS}, items.published_at, substr(items.content_text, 1, ${SNIPPET_TEXT_LIMIT}) AS text,
      stories.source_count
    FROM ${valueList(engine, shown)} JOIN items ON items.id = j.value
      JOIN feeds ON feeds.id = items.feed_id ${ITEM_MEMBERSHIP_JOIN}
      LEFT JOIN stories ON stories.id = story_members.story_id
    UNION ALL
    SELECT 1, ${MEMBER_COLUMNS}, NULL, NULL, NULL
    FROM ${storyMembersFrom(engine, valueList(engine, stories))}
    ORDER BY member, story_id, sort_at, id`.execute(kysely);
  return {
    hits: rows.filter((row) => Number(row.member) === 0) as HitRow[],
    members: rows.filter((row) => Number(row.member) === 1) as MemberRow[],
  };
}
