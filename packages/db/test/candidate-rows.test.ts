import { describe, expect, it } from 'vitest';
import { CandidateLookup } from '../src/candidates.js';
import type { StoryAssigner, StoryCandidate } from '../src/types.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// A candidate lookup keeps candidates' rows from one transaction to the next, within bounds
// (candidates.ts). Within a transaction it holds every row it needs, whatever the bounds; between
// transactions it drops the oldest, and reads them again when they are candidates again.

describe.each(ENGINES)('candidate rows kept by a lookup on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('holds every row a transaction needs, and reads dropped rows again afterwards', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const storyEach: StoryAssigner = { windowHours: 48, pick: () => null };
    const written = await t.db.items.ingest(
      feed.id,
      ['Harbour strike day one', 'Harbour strike day two', 'Harbour strike day three'].map((title, index) =>
        sampleItem(`k${index}`, { title }),
      ),
      storyEach,
    );
    const expected = Object.fromEntries(written.map((result) => [result.id, result.storyId]));
    const { kysely, engine } = t.db.context;
    const lookup = new CandidateLookup(kysely, engine, { maxRows: 1, maxRowChars: 1_000_000 });
    const query = {
      simhash: null,
      titleTerms: ['Harbour strike'],
      since: new Date(0).toISOString(),
      limit: 10,
    };
    const stories = (found: StoryCandidate[]) =>
      Object.fromEntries(found.map((candidate) => [candidate.itemId, candidate.storyId]));

    // Three rows in one transaction, past the bound of one: all are candidates.
    expect(stories(await lookup.find(query))).toEqual(expected);
    expect(lookup.heldRows).toBe(3);
    // The next transaction keeps one; the two dropped are read again.
    lookup.continueIn(kysely);
    expect(lookup.heldRows).toBe(1);
    expect(stories(await lookup.find(query))).toEqual(expected);
    // Bounded by text too: rows longer than the budget are all dropped between transactions.
    const byText = new CandidateLookup(kysely, engine, { maxRows: 100, maxRowChars: 10 });
    expect(stories(await byText.find(query))).toEqual(expected);
    byText.continueIn(kysely);
    expect(byText.heldRows).toBe(0);
    expect(stories(await byText.find(query))).toEqual(expected);
  });
});
