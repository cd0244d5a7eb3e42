import type { NewsfeedDb } from '../../src/create-db.js';
import type { ClusterItem } from '../../src/types.js';

// Stories for storage tests, written through the clusterer's own API (db.clustering): every queued
// item is placed in the story of the first earlier item with the same `storyKey` (default: its
// title), or a new one. The worker's clusterer decides with its rule instead; the writes are the same.

export const TEST_CLUSTERER = 'test-clusterer';

export async function clusterQueued(
  db: NewsfeedDb,
  storyKey: (item: ClusterItem) => string = (item) => item.title,
): Promise<Map<number, number>> {
  const lease = await db.clustering.acquire(TEST_CLUSTERER, 60);
  if (!lease.held) throw new Error(`the clusterer lease is held by ${lease.holder}`);
  const storyOf = new Map<string, number>();
  const placed = new Map<number, number>();
  for (;;) {
    const queued = await db.clustering.queued(500);
    if (queued.length === 0) break;
    const ids = await db.clustering.newStoryIds(queued.length);
    const assignments = queued.map((item, index) => {
      const key = storyKey(item);
      let storyId = storyOf.get(key) ?? item.storyId;
      if (storyId === null || storyId === undefined) storyId = ids[index]!;
      storyOf.set(key, storyId);
      placed.set(item.id, storyId);
      return { itemId: item.id, storyId };
    });
    await db.clustering.apply({
      holder: TEST_CLUSTERER,
      leaseSeconds: 60,
      assignments,
      merges: [],
      refresh: new Map(assignments.map((assignment) => [assignment.storyId, null])),
      done: queued.map((item) => ({ itemId: item.id, version: item.version })),
    });
  }
  await db.clustering.release(TEST_CLUSTERER);
  return placed;
}

/**
 * Writes explicit placements as the clusterer would (one batch): each item into `storyId`, or a new
 * story when it is null; then `merges`. Returns each item's story id. The queue is left as it is.
 */
export async function placeItems(
  db: NewsfeedDb,
  moves: { itemId: number; storyId: number | null; lead?: number }[],
  merges: { from: number; into: number }[] = [],
): Promise<number[]> {
  const lease = await db.clustering.acquire(TEST_CLUSTERER, 60);
  if (!lease.held) throw new Error(`the clusterer lease is held by ${lease.holder}`);
  const ids = await db.clustering.newStoryIds(moves.length);
  const assignments = moves.map((move, index) => ({
    itemId: move.itemId,
    storyId: move.storyId ?? ids[index]!,
  }));
  const refresh = new Map<number, number | null>();
  moves.forEach((move, index) => {
    refresh.set(assignments[index]!.storyId, move.lead ?? null);
  });
  await db.clustering.apply({
    holder: TEST_CLUSTERER,
    leaseSeconds: 60,
    assignments,
    merges,
    refresh,
    done: [],
  });
  return assignments.map((assignment) => assignment.storyId);
}
