import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { ENGINES, openTestDb, sampleItem } from './helpers/test-db.js';

// PostgreSQL: items.ingest commits without waiting for the log flush unless asyncIngestCommit is off;
// every other write keeps the server's synchronous_commit. Triggers record the setting each write's
// transaction ran under.

const postgres = ENGINES.find((testEngine) => testEngine.engine === 'postgres')!;

/** Records synchronous_commit, as each statement on items and feeds sees it, in commit_settings. */
async function recordCommitSettings(db: NewsfeedDb): Promise<void> {
  const { kysely } = db.context;
  await sql`CREATE TABLE commit_settings (target TEXT NOT NULL, setting TEXT NOT NULL)`.execute(kysely);
  await sql`CREATE FUNCTION record_commit_setting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO commit_settings VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));
      RETURN NULL;
    END $$`.execute(kysely);
  for (const table of ['items', 'feeds']) {
    await sql`CREATE TRIGGER ${sql.raw(`record_${table}_commit`)} AFTER INSERT OR UPDATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION record_commit_setting()`.execute(kysely);
  }
}

async function settingsSeen(db: NewsfeedDb, target: string): Promise<string[]> {
  const { rows } = await sql<{ setting: string }>`SELECT DISTINCT setting FROM commit_settings
    WHERE target = ${target}`.execute(db.context.kysely);
  return rows.map((row) => row.setting);
}

describe.skipIf(Boolean(postgres.skipReason))('asynchronous ingest commit on postgres', () => {
  it.each([
    { asyncIngestCommit: undefined, expected: 'off' },
    { asyncIngestCommit: true, expected: 'off' },
    { asyncIngestCommit: false, expected: "the server's" },
  ])(
    'asyncIngestCommit $asyncIngestCommit: ingest runs with synchronous_commit $expected',
    async ({ asyncIngestCommit, expected }) => {
      const opened = await openTestDb(
        'postgres',
        asyncIngestCommit === undefined ? {} : { asyncIngestCommit },
      );
      try {
        await recordCommitSettings(opened.db);
        const { rows } = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(
          opened.db.context.kysely,
        );
        const server = rows[0]!.synchronous_commit;
        const feed = await opened.db.feeds.add({ url: 'https://commit.example/rss' });
        await opened.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
        await opened.db.feeds.update(feed.id, { title: 'Renamed' });
        expect(await settingsSeen(opened.db, 'items')).toEqual([expected === 'off' ? 'off' : server]);
        // SET LOCAL ends with the ingest's transaction: the pooled connection goes back as it was.
        expect(await settingsSeen(opened.db, 'feeds')).toEqual([server]);
      } finally {
        await opened.dispose();
      }
    },
  );
});
