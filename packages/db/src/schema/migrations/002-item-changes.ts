import type { Migration } from './migration.js';

// SQLite only: a counter of the changes to items that candidate lookups depend on (new and deleted
// items, edited titles, simhash bands, first-seen times), kept by triggers. The ingest group
// (ingest-group.ts) keeps title-word and band posting lists in memory between its transactions; it
// reads the counter when a transaction starts, and if anything but itself changed items since (another
// process, or this one outside the group), it reads the lists again. PostgreSQL keeps no lists between
// transactions (each ingest call is its own transaction there), so it needs no counter; its migration
// is empty.

const BUMP = 'UPDATE item_changes SET count = count + 1 WHERE id = 1;';

export const itemChanges: Migration = {
  version: 2,
  name: 'item change counter (SQLite)',
  sqlite: [
    `CREATE TABLE item_changes (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)`,
    `INSERT INTO item_changes (id, count) VALUES (1, 0)`,
    `CREATE TRIGGER item_changes_insert AFTER INSERT ON items BEGIN ${BUMP} END`,
    `CREATE TRIGGER item_changes_delete AFTER DELETE ON items BEGIN ${BUMP} END`,
    `CREATE TRIGGER item_changes_update AFTER UPDATE OF title, first_seen_at, band0, band1, band2, band3
      ON items BEGIN ${BUMP} END`,
  ],
  postgres: [],
};
