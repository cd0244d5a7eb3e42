import type { Migration } from './migration.js';

// What the clusterer warns about (a batch cut short by its time budget, a thread that died), kept
// where an admin looks: the admin page lists the latest beside the poll errors. Only the newest
// rows are kept (stories/cluster-warnings.ts), so the table stays a few hundred rows.

export const clusterWarnings: Migration = {
  version: 15,
  name: 'clusterer warnings',
  sqlite: [
    `CREATE TABLE cluster_warnings (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL
    )`,
  ],
  postgres: [
    `CREATE TABLE cluster_warnings (
      id BIGSERIAL PRIMARY KEY,
      at BIGINT NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL
    )`,
  ],
};
