import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { POSTGRES_WALK_LIMIT } from '../src/search/postgres-word-window.js';
import { ENGINES, openTestDb, sampleItem } from './helpers/test-db.js';

// One database per engine, filled once: search only reads.
describe.each(ENGINES)('search on $engine', ({ engine, skipReason }) => {
  let db: NewsfeedDb;
  let dispose: (() => Promise<void>) | undefined;
  let otherFeedId = 0;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    if (skipReason) return;
    ({ db, dispose } = await openTestDb(engine));
    const feed = await db.feeds.add({ url: 'https://search.example/rss', title: 'Search News' });
    const other = await db.feeds.add({ url: 'https://other.example/rss', title: 'Other' });
    otherFeedId = other.id;
    const items = [
      sampleItem('title-hit', {
        title: 'Geneva talks on Ukraine',
        contentText: 'Diplomats met on Tuesday. The meeting was short.',
      }),
      sampleItem('body-hit', {
        title: 'Weekly roundup',
        contentText: 'Among other things, negotiators travelled to Geneva for talks about grain exports.',
      }),
      sampleItem('phrase', {
        title: 'Central bank decision',
        contentText: 'The central bank raised interest rates by 3.5 points, citing <inflation> & "risk".',
      }),
      sampleItem('scrambled', {
        title: 'Rates and banks',
        contentText: 'Interest in the bank is central to rates.',
      }),
      sampleItem('accent', { title: 'Café culture in Paris', contentText: 'Cafés reopen across the city.' }),
    ];
    for (const [index, result] of (await db.items.ingest(feed.id, items)).entries()) {
      ids.set(items[index]!.key, result.id!);
    }
    const many = Array.from({ length: 25 }, (_, i) =>
      sampleItem(`many-${i}`, {
        title: `Volcano report ${i}`,
        contentText: `The volcano erupted ${i} times.`,
      }),
    );
    await db.items.ingest(other.id, many);
    const weather = [
      ...Array.from({ length: 8 }, (_, i) =>
        sampleItem(`weather-${i}`, { title: `Weather ${i}`, contentText: 'A storm is coming.' }),
      ),
      sampleItem('rare-in-title', {
        title: 'Lausanne flights cancelled',
        contentText: 'A storm closed the airport.',
      }),
      sampleItem('common-in-title', {
        title: 'Storm closes airport',
        contentText: 'Flights to Lausanne were cancelled.',
      }),
    ];
    for (const [index, result] of (await db.items.ingest(feed.id, weather)).entries()) {
      ids.set(weather[index]!.key, result.id!);
    }
  });
  afterAll(async () => dispose?.());

  const search = (query: string, extra: { limit?: number; cursor?: string | null; feedId?: number } = {}) =>
    db.search.query({ query, ...extra });

  it.skipIf(Boolean(skipReason))('ranks a title match above a body match', async () => {
    const page = await search('geneva talks');
    expect(page.items.map((hit) => hit.itemId)).toEqual([ids.get('title-hit'), ids.get('body-hit')]);
    expect(page.items[0]!.rank).toBeGreaterThan(page.items[1]!.rank);
    expect(page.items[0]).toMatchObject({ title: 'Geneva talks on Ukraine', feed: { title: 'Search News' } });
  });

  it.skipIf(Boolean(skipReason))(
    'finds the oldest match behind thousands of newer rows (PostgreSQL reads the window range by range)',
    async () => {
      const feed = await db.feeds.add({ url: 'https://filler.example/rss', title: 'Filler' });
      const needle = sampleItem('needle', { title: 'Zanzibar ferry', contentText: 'A ferry to Zanzibar.' });
      const [stored] = await db.items.ingest(feed.id, [needle]);
      const fillers = Array.from({ length: POSTGRES_WALK_LIMIT * 3 }, (_, i) =>
        sampleItem(`filler-${i}`, { title: `Filler ${i}`, contentText: 'Nothing to see.' }),
      );
      for (let start = 0; start < fillers.length; start += 500) {
        await db.items.ingest(feed.id, fillers.slice(start, start + 500));
      }
      const page = await search('zanzibar');
      expect(page.items.map((hit) => hit.itemId)).toEqual([stored!.id]);
      expect((await search('"ferry to zanzibar"')).items.map((hit) => hit.itemId)).toEqual([stored!.id]);
      expect((await search('zanz*', { feedId: feed.id })).items.map((hit) => hit.itemId)).toEqual([
        stored!.id,
      ]);
    },
  );

  it.skipIf(Boolean(skipReason))('lists equal ranks newest first', async () => {
    const hits = (await search('storm', { limit: 20 })).items;
    expect(hits[0]!.itemId).toBe(ids.get('common-in-title'));
    const bodyOnly = hits.slice(1);
    expect(bodyOnly).toHaveLength(9);
    expect(new Set(bodyOnly.map((hit) => hit.rank)).size).toBe(1);
    const newestFirst = bodyOnly.map((hit) => hit.itemId);
    expect(newestFirst).toEqual([...newestFirst].sort((a, b) => b - a));
  });

  it.skipIf(Boolean(skipReason))('matches "phrases" only in order, and prefix* terms', async () => {
    const phrase = await search('"central bank"');
    expect(phrase.items.map((hit) => hit.itemId)).toEqual([ids.get('phrase')]);
    const words = await search('central bank');
    expect(words.items.map((hit) => hit.itemId).sort()).toEqual(
      [ids.get('phrase'), ids.get('scrambled')].sort(),
    );
    const prefix = await search('negoti*');
    expect(prefix.items.map((hit) => hit.itemId)).toEqual([ids.get('body-hit')]);
    const prefixPhrase = await search('"grain exp"*');
    expect(prefixPhrase.items.map((hit) => hit.itemId)).toEqual([ids.get('body-hit')]);
  });

  it.skipIf(Boolean(skipReason))('highlights matches in an HTML-escaped snippet', async () => {
    const [hit] = (await search('interest rates')).items.filter((h) => h.itemId === ids.get('phrase'));
    expect(hit!.snippetHtml).toContain('<mark>interest</mark> <mark>rates</mark>');
    expect(hit!.snippetHtml).toContain('&lt;inflation&gt; &amp; &quot;risk');
    expect(hit!.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it.skipIf(Boolean(skipReason))('treats hostile input as text: no syntax error, no crash', async () => {
    const hostile = [
      '"',
      '"unterminated phrase',
      '*',
      'AND OR NOT',
      'NEAR(geneva talks)',
      "geneva' OR 1=1 --",
      'title:geneva',
      '-geneva',
      '(((',
      '&|!:*<->',
      '\u0000geneva\u0001',
      '🙂 geneva',
      'x'.repeat(10_000),
      'a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p* q* r* s*',
    ];
    for (const query of hostile) {
      const page = await search(query);
      expect(Array.isArray(page.items), query).toBe(true);
    }
    // An unterminated quote is a phrase running to the end of the input.
    expect((await search('"geneva talks')).items.map((hit) => hit.itemId)).toEqual([ids.get('title-hit')]);
    // Syntax characters inside a word are separators, as in the indexed text: no match, no error.
    expect((await search('geneva:*)')).items.map((hit) => hit.itemId)).toContain(ids.get('title-hit'));
    expect((await search('   ')).items).toEqual([]);
  });

  it.skipIf(Boolean(skipReason))('paginates ranked results by cursor, filters by feed', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await search('volcano', { limit: 4, cursor });
      seen.push(...page.items.map((hit) => hit.itemId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await search('geneva', { feedId: otherFeedId })).items).toEqual([]);
    expect((await search('volcano', { feedId: otherFeedId, limit: 100 })).items).toHaveLength(25);
  });

  it.skipIf(Boolean(skipReason))('finds words written with accents', async () => {
    const page = await search('café');
    expect(page.items.map((hit) => hit.itemId)).toContain(ids.get('accent'));
  });
});
