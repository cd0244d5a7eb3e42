import type { Migration } from './migration.js';

// SQLite only: the item change counter (migration 002) also counts changes to the columns a candidate
// is read with (story, feed, text, simhash, publication time), not only those its posting lists hold.
// The ingest group's candidate lookup now keeps candidates' rows between its transactions as it keeps
// the lists (candidates.ts); a story move made by another connection must make it read them again.

const BUMP = 'UPDATE item_changes SET count = count + 1 WHERE id = 1;';

export const itemChangesRows: Migration = {
  version: 5,
  name: 'item change counter covers candidate rows (SQLite)',
  sqlite: [
    `DROP TRIGGER item_changes_update`,
    `CREATE TRIGGER item_changes_update AFTER UPDATE OF title, first_seen_at, band0, band1, band2, band3,
      story_id, feed_id, content_text, simhash, published_at ON items BEGIN ${BUMP} END`,
  ],
  postgres: [],
};
