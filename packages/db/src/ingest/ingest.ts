import type { Kysely } from 'kysely';
import type { Database } from '../schema/schema.js';
import { enqueueForClustering } from '../stories/cluster-queue.js';
import type { Engine, ItemInput, UpsertResult } from '../types.js';
import { upsertInTransaction } from './upsert.js';

// One poll's write: its items upserted and the new and changed ones queued for the clusterer, in the
// caller's transaction, so an item is never stored without being queued. Stories are not touched
// here: the clusterer is their only writer, so concurrent polls share no rows but their own items.

export async function ingestInTransaction(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  inputs: ItemInput[],
  now: number,
): Promise<UpsertResult[]> {
  const { results, written } = await upsertInTransaction(trx, engine, feedId, inputs, now);
  // Queued at the real time of the write (`now` may be a poll's recorded time): the lag's start.
  await enqueueForClustering(trx, engine, [...written], Date.now());
  return results;
}
