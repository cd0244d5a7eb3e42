import type { Migration } from './migration.js';

// Clustering leaves the ingest transaction (issue 17): polls only write items and queue the new and
// edited ones in cluster_queue; one clusterer per database, holding the `clusterer` row of `leases`,
// assigns them to stories (cluster-store.ts). Merged stories leave a redirect. What ingest-time
// clustering needed goes: the item change counter (002, 005), the cluster key locks (006), the
// title-word table and the simhash band columns. Items of the last 72 hours (the default window) are
// queued for reclustering, so databases made by earlier versions get the new stories once.

const SINCE_SQLITE = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) - 72 * 3600000`;
const SINCE_POSTGRES = `(extract(epoch FROM now()) * 1000)::bigint - 72 * 3600000`;

const requeue = (since: string, now: string) =>
  `INSERT INTO cluster_queue (item_id, version, queued_at, recluster)
    SELECT id, 0, ${now}, 1 FROM items WHERE first_seen_at >= ${since}`;

export const clusterStage: Migration = {
  version: 10,
  name: 'clustering as its own stage',
  sqlite: [
    `CREATE TABLE cluster_queue (
      item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      version INTEGER NOT NULL DEFAULT 0,
      queued_at INTEGER NOT NULL,
      recluster INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT,
      expires_at INTEGER NOT NULL,
      generation INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID`,
    `CREATE TABLE story_redirects (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)`,
    `CREATE INDEX story_redirects_new ON story_redirects (new_id)`,
    `DROP TRIGGER item_changes_insert`,
    `DROP TRIGGER item_changes_delete`,
    `DROP TRIGGER item_changes_update`,
    `DROP TABLE item_changes`,
    `DROP TABLE item_terms`,
    `DROP INDEX items_band0`,
    `DROP INDEX items_band1`,
    `DROP INDEX items_band2`,
    `DROP INDEX items_band3`,
    `ALTER TABLE items DROP COLUMN band0`,
    `ALTER TABLE items DROP COLUMN band1`,
    `ALTER TABLE items DROP COLUMN band2`,
    `ALTER TABLE items DROP COLUMN band3`,
    `CREATE INDEX items_first_seen ON items (first_seen_at)`,
    requeue(SINCE_SQLITE, `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`),
  ],
  postgres: [
    `CREATE TABLE cluster_queue (
      item_id BIGINT PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      version INTEGER NOT NULL DEFAULT 0,
      queued_at BIGINT NOT NULL,
      recluster SMALLINT NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT,
      expires_at BIGINT NOT NULL,
      generation BIGINT NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE story_redirects (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL)`,
    `CREATE INDEX story_redirects_new ON story_redirects (new_id)`,
    `DROP TABLE cluster_keys`,
    `DROP TABLE item_terms`,
    `ALTER TABLE items DROP COLUMN band0, DROP COLUMN band1, DROP COLUMN band2, DROP COLUMN band3`,
    `CREATE INDEX items_first_seen ON items (first_seen_at)`,
    requeue(SINCE_POSTGRES, `(extract(epoch FROM now()) * 1000)::bigint`),
  ],
};
