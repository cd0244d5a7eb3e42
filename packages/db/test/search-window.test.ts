import { describe, expect, it } from 'vitest';
import { SEARCH_WINDOW } from '../src/search/engine.js';
import { POSTGRES_PHRASE_CHECKS } from '../src/search/postgres-phrase.js';
import { POSTGRES_WALK_LIMIT } from '../src/search/postgres-word-window.js';
import type { ItemInput } from '../src/types.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// A query ranks its newest SEARCH_WINDOW matches; older ones are still found when fewer newer items
// match, however many newer items hold a phrase's words apart.

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

  it('pages through the newest matches of a query, a window of them', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const stored = await t.db.items.ingest(
      feed.id,
      Array.from({ length: SEARCH_WINDOW + 50 }, (_, index) =>
        sampleItem(`k${index}`, { title: `Report ${index}`, contentText: 'Talks in Geneva resumed today.' }),
      ),
    );
    const newest = stored.slice(50).map((result) => result.id);
    // Before and after the planner has statistics (PostgreSQL picks its plan from them).
    for (const analyzed of [false, true]) {
      if (analyzed) await t.db.maintenance.optimize();
      for (const query of ['geneva talks', '"talks in geneva"']) {
        expect([...(await allPages(query))].sort((a, b) => a - b)).toEqual(newest);
      }
    }
  });

  it('pages through the newest matches when the newer items hold fewer of them than the older', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    // Old items match one in two, new ones one in ten: PostgreSQL's first id range, sized by the
    // average share, holds too few, and the window comes from more than one range.
    const items = Array.from({ length: 1000 }, (_, index) => {
      const matches = index < 700 ? index % 2 === 0 : index % 10 === 0;
      return sampleItem(`k${index}`, {
        title: `Report ${index}`,
        contentText: matches ? 'Harbour strike.' : 'Calm.',
      });
    });
    const stored: number[] = [];
    for (let start = 0; start < items.length; start += 250) {
      const written = await t.db.items.ingest(feed.id, items.slice(start, start + 250));
      stored.push(...written.map((result) => result.id!));
    }
    await t.db.maintenance.optimize();
    const matching = stored.filter((_, index) => (index < 700 ? index % 2 === 0 : index % 10 === 0));
    const newest = matching.slice(-SEARCH_WINDOW).sort((a, b) => a - b);
    for (const query of ['harbour', 'harb*', 'harbour strike']) {
      expect([...(await allPages(query))].sort((a, b) => a - b)).toEqual(newest);
    }
  });

  it('finds an old phrase behind many newer items holding its words apart', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('old', { contentText: 'Peace talks in Geneva resumed.' })]);
    // Within PostgreSQL's phrase bound, and far beyond its walk for a word.
    await ingestApart(feed.id, POSTGRES_PHRASE_CHECKS / 2);
    await ingestFillers(feed.id, POSTGRES_WALK_LIMIT * 3);
    for (const analyzed of [false, true]) {
      if (analyzed) await t.db.maintenance.optimize();
      expect(await searchKeys(t.db, '"talks in geneva"')).toEqual(['old']);
      expect(await searchKeys(t.db, 'peace')).toEqual(['old']);
    }
  });

  it('a phrase behind many more newer items holding its words apart: SQLite finds it, PostgreSQL only within its bound', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('old', { contentText: 'Peace talks in Geneva resumed.' })]);
    await ingestApart(feed.id, POSTGRES_PHRASE_CHECKS * 3);
    await t.db.items.ingest(feed.id, [sampleItem('new', { contentText: 'Talks in Geneva again.' })]);
    await t.db.maintenance.optimize();
    // FTS5 reads a phrase's own positions; PostgreSQL checks only the newest POSTGRES_PHRASE_CHECKS.
    const found = testEngine.engine === 'postgres' ? ['new'] : ['new', 'old'];
    expect(await searchKeys(t.db, '"talks in geneva"')).toEqual(found);
    expect(await searchKeys(t.db, 'peace')).toEqual(['old']);
  });

  /** Items holding the words of "talks in geneva", apart. */
  async function ingestApart(feedId: number, count: number): Promise<void> {
    await ingestMany(feedId, count, (index) =>
      sampleItem(`apart-${index}`, { contentText: 'Talks resumed; in spring, Geneva.' }),
    );
  }

  async function ingestFillers(feedId: number, count: number): Promise<void> {
    await ingestMany(feedId, count, (index) =>
      sampleItem(`filler-${index}`, { contentText: 'Nothing here.' }),
    );
  }

  async function ingestMany(
    feedId: number,
    count: number,
    item: (index: number) => ItemInput,
  ): Promise<void> {
    for (let start = 0; start < count; start += 500) {
      const end = Math.min(count, start + 500);
      await t.db.items.ingest(
        feedId,
        Array.from({ length: end - start }, (_, offset) => item(start + offset)),
      );
    }
  }
});
