import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { ENGINES, openTestDb, sampleItem } from './helpers/test-db.js';

// The relevance set both engines must pass, each ranking its own way: for each query, the items that
// must come first, in order (with `only`, the whole result). Items are stored in the file's order,
// so a later item is newer. Add a case to fixtures/search-relevance/cases.json.

interface FixtureItem {
  key: string;
  title: string;
  text: string;
}

interface RelevanceCase {
  query: string;
  first: string[];
  only?: boolean;
  why: string;
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/search-relevance/${name}`, import.meta.url), 'utf8'));
const ITEMS = fixture('items.json') as FixtureItem[];
const CASES = fixture('cases.json') as RelevanceCase[];

describe.each(ENGINES)('search relevance on $engine', ({ engine, skipReason }) => {
  let db: NewsfeedDb;
  let dispose: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (skipReason) return;
    ({ db, dispose } = await openTestDb(engine));
    const feed = await db.feeds.add({ url: 'https://relevance.example/rss' });
    await db.items.ingest(
      feed.id,
      ITEMS.map((item) => sampleItem(item.key, { title: item.title, contentText: item.text })),
    );
  });
  afterAll(async () => dispose?.());

  it.skipIf(Boolean(skipReason)).each(CASES)('$query: $why', async ({ query, first, only }) => {
    const { items } = await db.search.query({ query, limit: 100 });
    const keys = items.map((hit) => hit.url?.split('/').pop());
    expect(only ? keys : keys.slice(0, first.length)).toEqual(first);
  });
});
