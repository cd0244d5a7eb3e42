import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { FEED_REF_COLUMNS, type FeedRefRow } from '../sql/feed-ref.js';
import { orderedValueList } from '../sql/value-list.js';
import type { RankedHit } from './engine.js';
import { SNIPPET_TEXT_LIMIT } from './snippet.js';

// The rows a page of search results shows, read in one statement with the stories that decide which
// hits are shown: one hit per story, so that two copies of one story are not two results opening the
// same page.

export interface PageRow extends FeedRefRow {
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

/**
 * Up to `count` rows of the window's hits (in compareHits order) from index `from` on, skipping any
 * whose story has a better-ranked hit anywhere in the window (before `from` too, so that pages agree);
 * hits without a story stand alone, and an item deleted since the window was read is left out.
 */
export async function pageRows(
  { kysely, engine }: DbContext,
  window: readonly RankedHit[],
  from: number,
  count: number,
): Promise<PageRow[]> {
  const hits = orderedValueList(
    engine,
    window.map((hit) => hit.id),
    'bigint',
  );
  const { rows } = await sql<PageRow>`SELECT best.position, items.id, best.story_id, items.title, items.url,
      items.published_at, items.language, items.feed_id,
      substr(items.content_text, 1, ${SNIPPET_TEXT_LIMIT}) AS text, ${FEED_REF_COLUMNS}, stories.source_count
    FROM (SELECT j.position, j.value AS id, story_members.story_id, row_number() OVER (
          PARTITION BY coalesce(story_members.story_id, -j.value) ORDER BY j.position) AS nth
        FROM ${hits} LEFT JOIN story_members ON story_members.item_id = j.value) AS best
      JOIN items ON items.id = best.id
      JOIN feeds ON feeds.id = items.feed_id
      LEFT JOIN stories ON stories.id = best.story_id
    WHERE best.nth = 1 AND best.position >= ${from}
    ORDER BY best.position
    LIMIT ${count}`.execute(kysely);
  return rows;
}
