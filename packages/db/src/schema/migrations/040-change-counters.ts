import type { Migration } from './migration.js';

// Counters a caching reader compares to learn that another process changed what readers see
// (entities/changes.ts). `stories` moves in the transaction of every write of story rows
// (stories/story-summary.ts); the clusterer's lease renewals leave it alone.

export const changeCounters: Migration = {
  version: 40,
  name: 'change counters',
  sqlite: [
    `CREATE TABLE change_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`,
    `INSERT INTO change_counters (name, value) VALUES ('stories', 0)`,
  ],
  postgres: [
    `CREATE TABLE change_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)`,
    `INSERT INTO change_counters (name, value) VALUES ('stories', 0)`,
  ],
};
