import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, sampleItem, searchKeys } from './helpers/test-db.js';

// Ingest only appends its search entries (PostgreSQL: the GIN pending list); settleSearchIndex merges
// them, which the clusterer does each time it has drained its queue.
describe.each(ENGINES)('settling the search index on $engine', (testEngine) => {
  const open: Array<Awaited<ReturnType<typeof openTestDb>>> = [];
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.dispose();
  });

  async function ingestBatch(db: Awaited<ReturnType<typeof openTestDb>>['db'], feedId: number, from: number) {
    const items = Array.from({ length: 200 }, (_, index) =>
      sampleItem(`item-${from + index}`, {
        title: `Harbour report ${from + index}`,
        contentText: `Report number ${from + index} on the harbour cranes, tides and ferry timetables.`,
      }),
    );
    await db.items.ingest(feedId, items);
  }

  /** Merges the pending list itself and says how many of its pages there were. */
  async function pendingPagesMerged(url: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pages: number }>(
        `SELECT gin_clean_pending_list('items_search'::regclass) AS pages`,
      );
      return Number(rows[0]?.pages ?? 0);
    } finally {
      await client.end();
    }
  }

  it('leaves nothing for a search to read one by one, and searches find the same items', async (context) => {
    if (testEngine.skipReason) context.skip(testEngine.skipReason);
    const opened = await openTestDb(testEngine.engine);
    open.push(opened);
    const { db } = opened;
    const { feed } = await db.subscriptions.subscribe({ url: 'https://harbour.example/feed' });
    await ingestBatch(db, feed.id, 0);
    await db.maintenance.settleSearchIndex();
    expect(await searchKeys(db, 'harbour cranes')).toHaveLength(100);
    if (testEngine.engine !== 'postgres') return;
    expect(await pendingPagesMerged(opened.url)).toBe(0);
    // Unsettled, the same writes do leave a pending list (so the check above can fail).
    await ingestBatch(db, feed.id, 200);
    expect(await pendingPagesMerged(opened.url)).toBeGreaterThan(0);
  });
});
