import type { Migration } from './migration.js';

// Read and saved state per user per item. Keyed by item, never by story: re-clustering moves items
// between stories and must not lose what a reader has read or saved. A missing row means unread and
// not saved. The partial index serves "Saved" lists and lets retention skip saved items cheaply.

export const itemStates: Migration = {
  version: 21,
  name: 'item read and saved state per user',
  sqlite: [
    `CREATE TABLE item_states (
      user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      read INTEGER NOT NULL DEFAULT 0,
      starred INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (user_id, item_id)
    )`,
    `CREATE INDEX item_states_item_id ON item_states (item_id)`,
    `CREATE INDEX item_states_starred ON item_states (item_id) WHERE starred = 1`,
  ],
  postgres: [
    `CREATE TABLE item_states (
      user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      read SMALLINT NOT NULL DEFAULT 0,
      starred SMALLINT NOT NULL DEFAULT 0,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (user_id, item_id)
    )`,
    `CREATE INDEX item_states_item_id ON item_states (item_id)`,
    `CREATE INDEX item_states_starred ON item_states (item_id) WHERE starred = 1`,
  ],
};
