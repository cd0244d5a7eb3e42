import type { Migration } from './migration.js';

// Story membership moves out of items.story_id into story_members (issue 17). On PostgreSQL an
// UPDATE of items.story_id rewrites the whole row and, not being a HOT update, adds an entry to every
// index on items, the full-text GIN indexes included; a row of two integers is cheap to move. The
// memberships are copied, then the column and its index go. Both engines keep one schema.

const membersTable = (id: string) => `CREATE TABLE story_members (
      item_id ${id} PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      story_id ${id} NOT NULL REFERENCES stories (id) ON DELETE CASCADE
    )`;
const COPY = `INSERT INTO story_members (item_id, story_id)
    SELECT id, story_id FROM items WHERE story_id IS NOT NULL`;
// Members of a story in one range of the index; item_id makes it covering on PostgreSQL too (on
// SQLite the rowid already is).
const INDEX = `CREATE INDEX story_members_story ON story_members (story_id, item_id)`;

export const storyMembers: Migration = {
  version: 11,
  name: 'story membership in its own table',
  sqlite: [
    membersTable('INTEGER'),
    COPY,
    INDEX,
    `DROP INDEX items_story`,
    `ALTER TABLE items DROP COLUMN story_id`,
  ],
  postgres: [membersTable('BIGINT'), COPY, INDEX, `ALTER TABLE items DROP COLUMN story_id`],
};
