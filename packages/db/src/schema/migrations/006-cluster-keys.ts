import type { Migration } from './migration.js';

// PostgreSQL only: one row per index key (simhash band, title word) that concurrent ingest
// transactions lock before looking up candidates (cluster-locks.ts). Row locks, unlike advisory
// locks, do not take slots of the server's shared lock table (max_locks_per_transaction), which a
// transaction clustering a few hundred items would otherwise fill. SQLite has one writer: nothing.

export const clusterKeys: Migration = {
  version: 6,
  name: 'cluster key locks (PostgreSQL)',
  sqlite: [],
  postgres: [`CREATE TABLE cluster_keys (id INTEGER PRIMARY KEY)`],
};
