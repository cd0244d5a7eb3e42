import type { Migration } from './migration.js';

// Mark-all-read sets read on the user's state rows that are still unread (saved or marked unread
// items): few rows among a reader's hundreds of thousands of read ones. This index holds only
// those, so the update finds them without reading the user's whole state.

const UNREAD_STATE_ROWS = `CREATE INDEX item_states_unread ON item_states (user_id, item_id) WHERE read = 0`;

export const unreadStateRows: Migration = {
  version: 24,
  name: "index of a user's state rows still unread",
  sqlite: [UNREAD_STATE_ROWS],
  postgres: [UNREAD_STATE_ROWS],
};
