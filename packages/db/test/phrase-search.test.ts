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
