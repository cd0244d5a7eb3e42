import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { phraseWindowCall } from '../src/search/postgres-phrase.js';
import { parseSearchQuery } from '../src/search/query.js';
import { ENGINES, openTestDb } from './helpers/test-db.js';

// PostgreSQL: each of nf_phrase_window's three ways to a phrase's candidates, on a table shaped so
// that the planner's estimates choose it (the function logs its choice at DEBUG1), finds the
// phrase's matches down to its recency bound. "harbour" is in every item; "strike" in one in `every`,
// apart from it, but for two items: an old one and a new one.

const ITEMS = 20_000;
const OLD = 100;
const NEW = 19_500;

const postgres = ENGINES.find((testEngine) => testEngine.engine === 'postgres')!;

describe('phrase plans on postgres', () => {
  let test: { db: NewsfeedDb; url: string; dispose(): Promise<void> } | undefined;

  beforeEach(async (context) => {
    if (postgres.skipReason) context.skip(postgres.skipReason);
    test = await openTestDb('postgres');
  });
  afterEach(async () => test?.dispose());

  /** The items, then statistics; returns the ids of the old and the new phrase. */
  async function seed(db: NewsfeedDb, every: number): Promise<{ old: number; new: number }> {
    const feed = await db.feeds.add({ url: 'https://plans.example/rss' });
    const { rows } = await sql<{ id: string }>`INSERT INTO items
        (feed_id, key, title, content_text, first_seen_at, sort_at, input_hash)
      SELECT ${feed.id}, 'i' || i, 'Report ' || i,
        CASE WHEN i IN (${OLD}, ${NEW}) THEN 'The harbour strike goes on.'
          WHEN i % ${every} = 0 THEN 'A strike, they said, at the harbour.'
          ELSE 'The harbour was calm.' END,
        i, i, 'h' || i
      FROM generate_series(1, ${ITEMS}) AS i
      RETURNING id`.execute(db.context.kysely);
    await db.maintenance.optimize();
    return { old: Number(rows[OLD - 1]!.id), new: Number(rows[NEW - 1]!.id) };
  }

  /** The window's ids, and the plan the function logged. */
  async function phraseWindow(url: string): Promise<{ ids: number[]; plan: string | undefined }> {
    const terms = parseSearchQuery('"harbour strike"');
    const query = phraseWindowCall(terms, undefined);
    const compiled = query.compile(test!.db.context.kysely);
    const client = new pg.Client({ connectionString: url });
    const logged: string[] = [];
    client.on('notice', (notice) => logged.push(notice.message ?? ''));
    await client.connect();
    try {
      await client.query(`SET client_min_messages = debug1`);
      const { rows } = await client.query<{ id: string }>(compiled.sql, [...compiled.parameters]);
      const plan = logged.find((message) => message.startsWith('nf_phrase_window: '));
      return {
        ids: rows.map((row) => Number(row.id)).sort((a, b) => a - b),
        plan: plan?.slice('nf_phrase_window: '.length).split(',')[0],
      };
    } finally {
      await client.end();
    }
  }

  it('checks every candidate when there are few: the old phrase too', async () => {
    const ids = await seed(test!.db, 25);
    expect(await phraseWindow(test!.url)).toEqual({ ids: [ids.old, ids.new], plan: 'all' });
  });

  it('reads one primary-key range when the candidates are spread wide: the new phrase, within the bound', async () => {
    const ids = await seed(test!.db, 10);
    expect(await phraseWindow(test!.url)).toEqual({ ids: [ids.new], plan: 'key range' });
  });

  it('reads id ranges from the newest when the candidates are many: the new phrase, within the bound', async () => {
    const ids = await seed(test!.db, 2);
    expect(await phraseWindow(test!.url)).toEqual({ ids: [ids.new], plan: 'id ranges' });
  });
});
