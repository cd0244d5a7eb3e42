import { type Kysely, sql } from 'kysely';
import { candidateKeyNames } from './candidates.js';
import type { Database } from './schema.js';
import type { Engine } from './types.js';

// PostgreSQL runs ingest transactions at once, and none sees another's uncommitted items: two copies
// of one wire story polled at the same moment would each find no candidate and start a story of their
// own (measured at 1M items, 16 polls in flight: 4,111 new stories against 1,926 for the same items on
// SQLite). So before a transaction looks up candidates it locks every index key of the items it is
// about to cluster (simhash bands and title words): a row of cluster_keys each (migration 006). A
// transaction sharing a key with one still open waits for its commit and then, as PostgreSQL reads
// committed data statement by statement, finds its items. Items that could be candidates of each
// other are clustered one after the other, as on SQLite; polls about other events run in parallel.
//
// One statement takes all of a transaction's locks, in ascending order: two transactions never hold
// each other's next key, so they cannot deadlock as long as each takes its locks once, before any
// other lock (items.ingest does). A db.transaction with several ingest calls takes them again for each
// call and can deadlock with another writer; PostgreSQL then aborts one of them (DbBusyError) and it
// can be retried. SQLite has one writer at a time: nothing to do.

/**
 * Keys are folded into this many lock rows: the table stays bounded (~40 MB at most) whatever the
 * vocabulary, and a collision only makes two transactions take turns (two polls of ~120 keys each
 * collide by chance ~1.4% of the time).
 */
export const CLUSTER_LOCK_ROWS = 1 << 20;

/** A key name's lock row: 32-bit FNV-1a, folded into CLUSTER_LOCK_ROWS. */
function lockRow(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index += 1) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % CLUSTER_LOCK_ROWS;
}

/** The lock rows of the items' index keys, unique, in ascending order (the order every caller takes them in). */
export function clusterLockRows(items: { title: string; simhash: string | null }[]): number[] {
  const rows = new Set<number>();
  for (const item of items) for (const name of candidateKeyNames(item)) rows.add(lockRow(name));
  return [...rows].sort((a, b) => a - b);
}

/** Waits for and takes the locks of the items' keys until the transaction ends. */
export async function lockClusterKeys(
  trx: Kysely<Database>,
  engine: Engine,
  items: { title: string; simhash: string | null }[],
): Promise<void> {
  if (engine !== 'postgres' || items.length === 0) return;
  const rows = clusterLockRows(items);
  if (rows.length === 0) return;
  // Each row is inserted, or locked by the no-op update, in the sorted order of the SELECT; a row
  // another open transaction inserted or locked makes this one wait until that one ends.
  await sql`INSERT INTO cluster_keys (id) SELECT id FROM unnest(${rows}::int4[]) AS ids(id) ORDER BY id
    ON CONFLICT (id) DO UPDATE SET id = excluded.id`.execute(trx);
}
