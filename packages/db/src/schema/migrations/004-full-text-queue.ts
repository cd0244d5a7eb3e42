import type { Migration } from './migration.js';

// SQLite only: new items are queued for the full-text index instead of indexed by their INSERT's
// trigger, and the queue is indexed in one statement at the end of the write (full-text-queue.ts).
//
// Why: FTS5 writes its in-memory pending terms to disk as a new segment at every statement savepoint
// once it has been written in a transaction, so a trigger-fed index got one small segment per
// statement (per poll, with the group's savepoints per call) and merged them all again. Measured on a
// copy of the 100k-item benchmark database, 80-item transactions of 10-item inserts: 243-302 µs per
// item through the trigger, 203 µs queued and indexed once per transaction.
//
// The delete and update triggers still keep the index in sync for rows already indexed; a row still
// in the queue is not in the index yet, so they only drop it from the queue (its final text is indexed
// when the queue is). PostgreSQL's search vector is a generated column: nothing to queue.

export const fullTextQueue: Migration = {
  version: 4,
  name: 'full-text index queue (SQLite)',
  sqlite: [
    `CREATE TABLE items_fts_queue (id INTEGER PRIMARY KEY)`,
    `DROP TRIGGER items_fts_insert`,
    `DROP TRIGGER items_fts_delete`,
    `DROP TRIGGER items_fts_update`,
    `CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
      INSERT OR IGNORE INTO items_fts_queue (id) VALUES (new.id);
    END`,
    `CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      INSERT INTO items_fts (items_fts, rowid, title, content_text)
        SELECT 'delete', old.id, old.title, old.content_text
        WHERE NOT EXISTS (SELECT 1 FROM items_fts_queue WHERE id = old.id);
      DELETE FROM items_fts_queue WHERE id = old.id;
    END`,
    `CREATE TRIGGER items_fts_update AFTER UPDATE OF title, content_text ON items
      WHEN NOT EXISTS (SELECT 1 FROM items_fts_queue WHERE id = old.id) BEGIN
      INSERT INTO items_fts (items_fts, rowid, title, content_text) VALUES ('delete', old.id, old.title, old.content_text);
      INSERT INTO items_fts (rowid, title, content_text) VALUES (new.id, new.title, new.content_text);
    END`,
  ],
  postgres: [],
};
