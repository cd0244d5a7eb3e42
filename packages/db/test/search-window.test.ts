import { describe, expect, it } from 'vitest';
import { PHRASE_SEARCH_WINDOW } from '../src/search/search-window.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// A query is ranked among its most recent matches: a phrase among fewer (PHRASE_SEARCH_WINDOW) than
// plain words, because each of its matches costs the engines a position-list comparison.

describe.each(ENGINES)('search window on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  async function allPages(query: string): Promise<number[]> {
    const ids: number[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await t.db.search.query({ query, limit: 100, cursor });
      ids.push(...page.items.map((hit) => hit.itemId));
      cursor = page.nextCursor;
    }
    return ids;
  }

  it('pages through the newest PHRASE_SEARCH_WINDOW matches of a phrase, all matches of words', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const count = PHRASE_SEARCH_WINDOW + 50;
    const stored = await t.db.items.ingest(
      feed.id,
      Array.from({ length: count }, (_, index) =>
        sampleItem(`k${index}`, { title: `Report ${index}`, contentText: 'Talks in Geneva resumed today.' }),
      ),
    );
    const words = await allPages('geneva talks');
    expect(words).toHaveLength(count);
    const phrase = await allPages('"talks in geneva"');
    expect(phrase).toHaveLength(PHRASE_SEARCH_WINDOW);
    // The newest ones: every item but the first 50 written.
    const newest = stored.slice(50).map((result) => result.id);
    expect([...phrase].sort((a, b) => a - b)).toEqual(newest);
  });
});
