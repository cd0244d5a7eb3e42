import { describeDatabase, type FeedWithStats, parseDatabaseUrl } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

function describeFeed(feed: FeedWithStats): string {
  const status = feed.disabled
    ? `disabled: ${feed.disabledReason ?? 'no reason'}`
    : feed.errorCount > 0
      ? `failing ×${feed.errorCount}: ${feed.lastError ?? ''}`
      : feed.lastSuccessAt
        ? 'ok'
        : 'new';
  return [
    String(feed.id).padStart(5),
    feed.url,
    `items=${feed.itemCount}`,
    `next=${feed.disabled ? '-' : feed.nextPollAt}`,
    status,
    feed.title ? JSON.stringify(feed.title) : '(no title yet)',
    ...(feed.folder ? [`in ${feed.folder}`] : []),
  ].join('  ');
}

/** `list`: every feed with its status, last error, next poll, title and folder. */
export async function listFeeds(config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    // Which database is open, so an empty list from the wrong file is told apart from no feeds.
    io.out(`database: ${describeDatabase(parseDatabaseUrl(config.DATABASE_URL))}`);
    let cursor: string | null = null;
    do {
      const page = await db.feeds.list({ limit: 200, cursor, includeDisabled: true });
      for (const feed of page.items) io.out(describeFeed(feed));
      cursor = page.nextCursor;
    } while (cursor);
    return 0;
  });
}
