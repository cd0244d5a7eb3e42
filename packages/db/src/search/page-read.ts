import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { FEED_REF_COLUMNS, type FeedRefRow } from '../sql/feed-ref.js';
import { orderedValueList } from '../sql/value-list.js';
import { type MemberRow, storyMembersFrom } from '../stories/story-outlets.js';
import type { RankedHit } from './engine.js';
import { SNIPPET_TEXT_LIMIT } from './snippet.js';

// What a page of search results shows, read in one statement: which hits are shown (one per story,
// so that two copies of one story are not two results opening the same page), their rows, and the
// members of their stories that their other outlets are picked from.

export interface HitRow extends FeedRefRow {
  /** The hit's index in the window. */
  position: number;
  id: number;
  story_id: number | null;
  title: string;
  url: string | null;
  published_at: number | null;
  language: string | null;
  feed_id: number;
  /** The start of the text, where the snippet is looked for. */
  text: string | null;
  source_count: number | null;
}

export interface PageRead {
  hits: HitRow[];
  /** The members of the hits' stories, ordered by story, then time (storyMembersFrom). */
  members: MemberRow[];
}

/** A row of either kind, `member` telling which (0 a hit, 1 a member); the other's columns are null. */
type PageReadRow = { member: number } & (HitRow | MemberRow);

/**
 * Up to `count` of the window's hits (in compareHits order) from index `from` on, skipping any whose
 * story has a better-ranked hit anywhere in the window (before `from` too, so that pages agree); hits
 * without a story stand alone. Only the shown hits' rows are read: an item deleted since the window
 * was read is left out, and its page is a row short. Members are read for every shown hit's story,
 * the `count`-th too (the next page's first, when the caller reads one more to know there is one).
 */
export async function readPage(
  { kysely, engine }: DbContext,
  window: readonly RankedHit[],
  from: number,
  count: number,
): Promise<PageRead> {
  const hits = orderedValueList(
    engine,
    window.map((hit) => hit.id),
    'bigint',
  );
  const shownStories = sql`(SELECT story_id AS value FROM shown WHERE story_id IS NOT NULL) AS j`;
  const { rows } = await sql<PageReadRow>`WITH shown AS (SELECT best.position, best.id, best.story_id
      FROM (SELECT j.position, j.value AS id, story_members.story_id, row_number() OVER (
            PARTITION BY coalesce(story_members.story_id, -j.value) ORDER BY j.position) AS nth
          FROM ${hits} LEFT JOIN story_members ON story_members.item_id = j.value) AS best
      WHERE best.nth = 1 AND best.position >= ${from}
      ORDER BY best.position
      LIMIT ${count})
    SELECT 0 AS member, shown.position AS position, items.id AS id, shown.story_id AS story_id,
      items.feed_id, items.title, items.url, NULL AS canonical_url, items.published_at, NULL AS sort_at,
      items.language, substr(items.content_text, 1, ${SNIPPET_TEXT_LIMIT}) AS text, ${FEED_REF_COLUMNS},
      stories.source_count
    FROM shown JOIN items ON items.id = shown.id
      JOIN feeds ON feeds.id = items.feed_id
      LEFT JOIN stories ON stories.id = shown.story_id
    UNION ALL
    SELECT 1, NULL, items.id, story_members.story_id, items.feed_id, items.title, items.url,
      items.canonical_url, NULL, items.sort_at, items.language, NULL, ${FEED_REF_COLUMNS}, NULL
    FROM ${storyMembersFrom(engine, shownStories)}
    ORDER BY member, position, story_id, sort_at, id`.execute(kysely);
  return {
    hits: rows.filter((row) => Number(row.member) === 0) as HitRow[],
    members: rows.filter((row) => Number(row.member) === 1) as MemberRow[],
  };
}
