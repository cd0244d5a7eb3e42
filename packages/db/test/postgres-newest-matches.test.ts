import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../src/search/engine.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// nf_newest_matches (migrations 41, 42) reads a query's newest matches by walking back from the newest
// row, from id ranges of the word index (each after the first sized by the share found so far), then
// from all older ids; whichever way a query reaches them, it finds the same newest matches as reading
// every match.

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe.skipIf(Boolean(postgres.skipReason))('nf_newest_matches on postgres', () => {
  const t = useTestDb(postgres);

  it('finds the newest matches of words that occur together or apart, through ranges or all older ids', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const other = await t.db.feeds.add({ url: 'https://b.example/rss' });
    // The oldest hold the words apart, the middle together, the newest rarely: the share found
    // changes from range to range.
    const text = (index: number) => {
      if (index < 600) return index % 3 === 0 ? 'Harbour calm.' : index % 3 === 1 ? 'Strike off.' : 'Calm.';
      if (index < 1000) return index % 2 === 0 ? 'Harbour strike.' : 'Harbour workers.';
      return index % 40 === 0 ? 'Harbour strike again.' : 'Strike elsewhere.';
    };
    for (let start = 0; start < 1300; start += 325) {
      await t.db.items.ingest(
        start % 650 === 0 ? feed.id : other.id,
        Array.from({ length: 325 }, (_, offset) =>
          sampleItem(`k${start + offset}`, { contentText: text(start + offset) }),
        ),
      );
    }
    await t.db.maintenance.optimize();
    const { kysely } = t.db.context;
    for (const query of ['harbour & strike', 'harbour & !calm', 'harb:* & strike']) {
      for (const feedId of [null, feed.id]) {
        const { rows: expected } = await sql<{ id: string }>`SELECT id FROM items
          WHERE search_vector @@ to_tsquery('simple', ${query})
            AND (${feedId}::bigint IS NULL OR feed_id = ${feedId}::bigint)
          ORDER BY id DESC LIMIT ${SEARCH_WINDOW}`.execute(kysely);
        expect(expected.length).toBeGreaterThan(20);
        // Every match from ranges, from ranges then all older ids, all at once, or a walk back first.
        for (const [matchCost, walkLimit] of [
          [1e9, 0],
          [20, 0],
          [0, 0],
          [20, 1e9],
        ]) {
          const { rows } = await sql<{ id: string; rank: number }>`SELECT id, rank FROM nf_newest_matches(
            to_tsquery('simple', ${query}), ${feedId}::bigint, ${SEARCH_WINDOW}, 1, 2, ${matchCost}, ${walkLimit}, 1) ORDER BY id DESC`.execute(
            kysely,
          );
          expect(rows.map((row) => Number(row.id))).toEqual(expected.map((row) => Number(row.id)));
          expect(rows.every((row) => row.rank > 0)).toBe(true);
        }
      }
    }
  });
});
