import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';

// Unread items per feed for one user, from the counters the database's triggers keep: a feed's
// items minus the ones this user has read, and the feed's newest item time. It reads one row per
// feed, never the items.

export interface UnreadCount {
  feedId: number;
  count: number;
  /**
   * Sort time (ms) of the feed's newest item: the Google Reader API's newestItemTimestampUsec, which
   * FreshRSS also takes from the feed's newest item; clients compare it to decide what to refetch.
   */
  newest: number;
  /** The feed's URL and OPML folder, for a client's stream ids. */
  feedUrl: string;
  folder: string | null;
}

export async function unreadCounts(ctx: DbContext, userId: number): Promise<UnreadCount[]> {
  const { rows } = await sql<{
    feed_id: number | string;
    unread: number | string;
    newest: number | string;
    url: string;
    folder: string | null;
  }>`
    SELECT c.feed_id, c.items - COALESCE(r.read, 0) AS unread, c.newest, feeds.url, feeds.folder
    FROM feed_item_counts c
    JOIN feeds ON feeds.id = c.feed_id
    LEFT JOIN feed_read_counts r ON r.feed_id = c.feed_id AND r.user_id = ${userId}
    WHERE c.items - COALESCE(r.read, 0) > 0
    ORDER BY c.feed_id`.execute(ctx.kysely);
  return rows.map((row) => ({
    feedId: Number(row.feed_id),
    count: Number(row.unread),
    newest: Number(row.newest),
    feedUrl: row.url,
    folder: row.folder,
  }));
}
