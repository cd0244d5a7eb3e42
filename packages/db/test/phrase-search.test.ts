import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PAIR_BUCKETS } from '../src/schema/migrations/032-pair-buckets.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// Phrases match their words in order and adjacent, on both engines.

const TEXTS: Record<string, string> = {
  adjacent: 'Peace talks in Geneva resumed on Monday.',
  apart: 'Peace talks in Oslo and, in Geneva, a summit.',
  // Every adjacent pair of "talks in geneva" is here, but not in one run.
  pairsApart: 'The talks in Oslo ended; in Geneva they start.',
  prefix: 'The central banker spoke.',
};

describe.each(ENGINES)('phrase search on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  async function seed(): Promise<void> {
    const feed = await t.db.feeds.add({ url: 'https://phrases.example/rss' });
    await t.db.items.ingest(
      feed.id,
      Object.entries(TEXTS).map(([key, text]) =>
        sampleItem(key, { title: `Report ${key}`, contentText: text }),
      ),
    );
  }

  it.skipIf(Boolean(testEngine.skipReason))('matches words only in order and adjacent', async () => {
    await seed();
    expect(await searchKeys(t.db, '"talks in geneva"')).toEqual(['adjacent']);
    expect(await searchKeys(t.db, 'talks geneva')).toEqual(['adjacent', 'apart', 'pairsApart']);
    expect(await searchKeys(t.db, '"in geneva" peace')).toEqual(['adjacent', 'apart']);
    // A prefix phrase: the star after the closing quote marks its last word.
    expect(await searchKeys(t.db, '"central bank"*')).toEqual(['prefix']);
    expect(await searchKeys(t.db, '"the central bank"*')).toEqual(['prefix']);
    expect(await searchKeys(t.db, '"geneva talks"')).toEqual([]);
  });
});

// PostgreSQL only: phrases are looked up by hashed word-pair buckets (migration 032), then checked for
// positions; a row holding a phrase's bucket keys through other pairs must not be a match.
describe.each(ENGINES.filter((testEngine) => testEngine.engine === 'postgres'))(
  'phrase buckets on $engine',
  (testEngine) => {
    const t = useTestDb(testEngine);
    const HALF = PAIR_BUCKETS / 2;

    /** A word that, after `first`, makes a pair with bucket key `key` (found by its hash, then checked). */
    async function wordCompleting(first: string, key: number): Promise<string> {
      const hash = sql`hashint8((hashtext(${first})::bigint << 32) | (hashtext('w' || n)::bigint & 4294967295))`;
      const bucket =
        key < HALF
          ? sql`${hash} & ${HALF - 1}`
          : sql`${HALF} | ((${hash} >> ${Math.log2(HALF)}) & ${HALF - 1})`;
      const { rows } = await sql<{ word: string; checked: boolean }>`SELECT 'w' || n AS word,
          nf_pair_buckets(to_tsvector('simple', ${`${first} `} || 'w' || n)) @> ARRAY[${key}::integer] AS checked
        FROM generate_series(1, 4000000) AS n WHERE ${bucket} = ${key} LIMIT 1`.execute(t.db.context.kysely);
      expect(rows[0]?.checked).toBe(true);
      return rows[0]!.word;
    }

    it.skipIf(Boolean(testEngine.skipReason))(
      'checks the positions of every row its buckets find',
      async () => {
        const { kysely } = t.db.context;
        const { rows } = await sql<{ key: number }>`SELECT
            unnest(nf_pair_buckets(to_tsvector('simple', 'peace talks'))) AS key`.execute(kysely);
        const [low, high] = rows.map((row) => Number(row.key)).sort((a, b) => a - b);
        const decoy = `Peace alpha ${await wordCompleting('alpha', low!)} beta ${await wordCompleting('beta', high!)} talks.`;
        const feed = await t.db.feeds.add({ url: 'https://buckets.example/rss' });
        await t.db.items.ingest(feed.id, [
          sampleItem('phrase', { contentText: 'Peace talks resumed.' }),
          sampleItem('decoy', { contentText: decoy }),
          sampleItem('words', { contentText: 'Talks of peace.' }),
        ]);
        const { rows: found } = await sql<{ count: string }>`SELECT count(*) AS count FROM items
          WHERE nf_pair_buckets(search_vector) @> nf_pair_bucket_keys(ARRAY['peace talks'])`.execute(kysely);
        expect(Number(found[0]?.count)).toBe(2);
        for (const analyzed of [false, true]) {
          if (analyzed) await t.db.maintenance.optimize();
          expect(await searchKeys(t.db, '"peace talks"')).toEqual(['phrase']);
        }
      },
    );

    it.skipIf(Boolean(testEngine.skipReason))('finds what the positions alone find', async () => {
      const words = ['court', 'storm', 'talks', 'peace', 'vote', 'the', 'of'];
      const feed = await t.db.feeds.add({ url: 'https://pairs.example/rss' });
      // Every ordered pair of the words, adjacent in some items and apart in others.
      await t.db.items.ingest(
        feed.id,
        Array.from({ length: 90 }, (_, index) => {
          const text = Array.from(
            { length: 12 },
            (_, at) => words[(index * 5 + at * (index % 7) + at) % words.length],
          );
          return sampleItem(`i${index}`, { contentText: text.join(' ') });
        }),
      );
      await t.db.maintenance.optimize();
      for (const first of words) {
        for (const second of words) {
          const phrase = `${first} ${second}`;
          const { rows } = await sql<{ url: string }>`SELECT url FROM items
            WHERE search_vector @@ phraseto_tsquery('simple', ${phrase})`.execute(t.db.context.kysely);
          const expected = rows.map((row) => row.url.split('/').pop()).sort();
          expect(await searchKeys(t.db, `"${phrase}"`), phrase).toEqual(expected.slice(0, 100));
        }
      }
    });
  },
);
