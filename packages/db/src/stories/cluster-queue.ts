import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import { valueList } from '../sql/value-list.js';
import type { Engine } from '../types.js';

// The clusterer's inbox. An item queued again keeps its first queued_at (the lag's start) and gets a
// new version: the clusterer dequeues only the version it placed.

export async function enqueueForClustering(
  trx: Kysely<Database>,
  engine: Engine,
  itemIds: readonly number[],
  now: number,
  options: { recluster?: boolean } = {},
): Promise<void> {
  if (itemIds.length === 0) return;
  const recluster = options.recluster ? 1 : 0;
  await sql`INSERT INTO cluster_queue (item_id, version, queued_at, recluster)
    SELECT j.value, 0, ${now}, ${recluster} FROM ${valueList(engine, itemIds)}
    WHERE true -- SQLite: an upsert's SELECT needs a WHERE, or ON reads as a join constraint
    ON CONFLICT (item_id) DO UPDATE SET version = cluster_queue.version + 1,
      recluster = CASE WHEN excluded.recluster = 1 THEN 1 ELSE cluster_queue.recluster END`.execute(trx);
}
