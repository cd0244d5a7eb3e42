import type { Migration } from './index.js';

// SQLite only: the item change counter (migration 002) also counts items moving between stories and
// edited text, so the ingest group can keep candidates' rows, story included, between its transactions.

const BUMP = 'UPDATE item_changes SET count = count + 1 WHERE id = 1;';

export const itemChangesStories: Migration = {
  version: 4,
  name: 'item change counter counts story moves (SQLite)',
  sqlite: [
    `DROP TRIGGER item_changes_update`,
    `CREATE TRIGGER item_changes_update AFTER UPDATE OF title, content_text, first_seen_at, simhash,
      band0, band1, band2, band3, feed_id, published_at, story_id ON items BEGIN ${BUMP} END`,
  ],
  postgres: [],
};
