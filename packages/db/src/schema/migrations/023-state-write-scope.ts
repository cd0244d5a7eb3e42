import type { Migration } from './migration.js';

// PostgreSQL checked every item_states row against its item and its user (two foreign keys), which
// locks each item's heap tuple: marking half a million items read wrote and logged half a million
// tuple locks. A state write now locks its scope once instead (readers/state-write-scope.ts: the
// user's row and the counter rows of the feeds it touches, FOR KEY SHARE), and deleting items or
// users removes their state rows in one statement per delete. An item delete first takes its feeds'
// counter rows FOR UPDATE (as nf_items_counted_delete does), so it waits for any state write on
// those feeds to commit and then removes that write's rows too; a write that waited for the delete
// starts its statement after it and no longer sees the items. SQLite writes one transaction at a time
// and keeps its row checks.

export const stateWriteScope: Migration = {
  version: 23,
  name: 'item states checked by the write scope, not per row (PostgreSQL)',
  sqlite: [],
  postgres: [
    `ALTER TABLE item_states DROP CONSTRAINT item_states_item_id_fkey`,
    `ALTER TABLE item_states DROP CONSTRAINT item_states_user_id_fkey`,
    `CREATE FUNCTION nf_items_drop_states() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM feed_item_counts WHERE feed_id IN (SELECT feed_id FROM removed)
        ORDER BY feed_id FOR UPDATE;
      DELETE FROM item_states WHERE item_id IN (SELECT id FROM removed);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER nf_items_drop_states AFTER DELETE ON items REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION nf_items_drop_states()`,
    `CREATE FUNCTION nf_users_drop_states() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM item_states WHERE user_id IN (SELECT id FROM removed);
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER nf_users_drop_states AFTER DELETE ON users REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION nf_users_drop_states()`,
  ],
};
