import { describe, expect, it } from 'vitest';
import { POSTGRES_MAX_PREFIX_WORDS, POSTGRES_MAX_QUEUED_TESTS } from '../src/search/postgres-prefix.js';
import { MIN_PREFIX_LENGTH } from '../src/search/query.js';
import { MAX_PREFIX_EXPANSION } from '../src/search/sqlite.js';
import { clusterQueued } from './helpers/cluster.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// Prefix queries. Both engines expand a prefix into the words it stands for, so that their indexes
// can read newest first: SQLite from FTS5's vocabulary, PostgreSQL from the words recorded as items
// leave the clusterer's queue (the queued ones tested as they are). The results must be exactly those
// of the engine's own prefix matching, before and after the items are placed in stories.

/** Each item in its own story, so that a search lists every match. */
const ownStories = (db: Parameters<typeof clusterQueued>[0]) => clusterQueued(db, (item) => String(item.id));

describe.each(ENGINES)('prefix search on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  const keysFound = (query: string) => searchKeys(t.db, query);

  it('finds words of the text as well as of the title, accents folded, case ignored', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [
      sampleItem('governor', { title: 'Statement', contentText: 'The Governor spoke on Monday.' }),
      sampleItem('government', { title: 'Government falls', contentText: 'A vote of no confidence.' }),
      sampleItem('cafe', { title: 'Weekend', contentText: 'Cafés reopen across the city.' }),
      sampleItem('other', { title: 'Weather', contentText: 'Rain all week.' }),
    ]);
    for (const placed of [false, true]) {
      if (placed) await ownStories(t.db);
      expect(await keysFound('gove*')).toEqual(['government', 'governor']);
      expect(await keysFound('GOVERNO*')).toEqual(['governor']);
      expect(await keysFound('caf*')).toEqual(['cafe']);
      expect(await keysFound('gove* confidence')).toEqual(['government']);
      expect(await keysFound('gove* caf*')).toEqual([]);
      expect(await keysFound('statem* -gove*')).toEqual([]);
      expect(await keysFound('zzz*')).toEqual([]);
    }
  });

  it('finds the new words of an item edited after it was placed, before and after it is placed again', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [
      sampleItem('edited', { title: 'Notice', contentText: 'Nothing yet.' }),
      sampleItem('other', { title: 'Harbour', contentText: 'Ships in port.' }),
    ]);
    await ownStories(t.db);
    expect(await keysFound('zanz*')).toEqual([]);
    await t.db.items.ingest(feed.id, [
      sampleItem('edited', { title: 'Notice', contentText: 'Zanzibar port.' }),
    ]);
    expect(await keysFound('zanz*')).toEqual(['edited']);
    expect(await keysFound('zanz* port*')).toEqual(['edited']);
    await ownStories(t.db);
    expect(await keysFound('zanz*')).toEqual(['edited']);
    expect(await keysFound('por*')).toEqual(['edited', 'other']);
    expect(await keysFound('zanz* harb*')).toEqual([]);
  });

  it(`finds a prefix's matches with more than ${POSTGRES_MAX_QUEUED_TESTS} items queued`, async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('old', { contentText: 'Quorxian tales.' })]);
    await ownStories(t.db);
    const fillers = Array.from({ length: POSTGRES_MAX_QUEUED_TESTS + 1 }, (_, index) =>
      sampleItem(`filler-${index}`, { contentText: index === 0 ? 'Quorxist views.' : 'Nothing here.' }),
    );
    await t.db.items.ingest(feed.id, fillers);
    expect(await keysFound('quorx*')).toEqual(['filler-0', 'old']);
    await ownStories(t.db);
    expect(await keysFound('quorx*')).toEqual(['filler-0', 'old']);
  });

  it('finds every match of a prefix that stands for more words than it expands', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const expansion = Math.max(MAX_PREFIX_EXPANSION, POSTGRES_MAX_PREFIX_WORDS);
    const words = Array.from({ length: expansion + 6 }, (_, index) => `quorx${index}a`);
    await t.db.items.ingest(
      feed.id,
      words.map((word) => sampleItem(word, { title: 'Notice', contentText: `Filed under ${word}.` })),
    );
    for (const placed of [false, true]) {
      if (placed) await ownStories(t.db);
      expect(await keysFound('quorx*')).toEqual([...words].sort());
      expect(await keysFound('quorx1*')).toEqual(words.filter((word) => word.startsWith('quorx1')).sort());
    }
  });

  it(`searches a prefix shorter than ${MIN_PREFIX_LENGTH} characters as a whole word`, async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [
      sampleItem('word', { contentText: 'Talks on AI rules.' }),
      sampleItem('longer', { contentText: 'Aid arrives.' }),
    ]);
    expect(await keysFound('ai*')).toEqual(['word']);
    expect(await keysFound('aid*')).toEqual(['longer']);
  });
});
