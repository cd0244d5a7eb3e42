import type { Db } from '@newsfeed/db';

// Test data for the web goes through the storage's real write paths: items.ingest as a poll writes
// them, then the clusterer's own write (db.clustering.apply) with the placement the test wants.

const SEED_CLUSTERER = 'web-test-seed';

/** Puts the item in `storyId` (a new story when null) as the clusterer would; returns the story id. */
export async function placeItem(db: Db, itemId: number, storyId: number | null): Promise<number> {
  const lease = await db.clustering.acquire(SEED_CLUSTERER, 60);
  if (!lease.held) throw new Error(`the clusterer lease is held by ${lease.holder}`);
  const target = storyId ?? (await db.clustering.newStoryIds(1))[0]!;
  const [queued] = (await db.clustering.queued(1_000)).filter((item) => item.id === itemId);
  await db.clustering.apply({
    holder: SEED_CLUSTERER,
    leaseSeconds: 60,
    assignments: [{ itemId, storyId: target }],
    merges: [],
    refresh: new Map([[target, null]]),
    done: queued ? [{ itemId, version: queued.version }] : [],
  });
  await db.clustering.release(SEED_CLUSTERER);
  return target;
}
