import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
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

// PostgreSQL only: a phrase's rows are found through its words' index, then checked for positions; what
// it finds must be what the positions alone find.
describe.each(ENGINES.filter((testEngine) => testEngine.engine === 'postgres'))(
  'phrase positions on $engine',
  (testEngine) => {
    const t = useTestDb(testEngine);

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
