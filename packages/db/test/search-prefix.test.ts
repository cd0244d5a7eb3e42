import { describe, expect, it } from 'vitest';
import { MIN_PREFIX_LENGTH } from '../src/search/query.js';
import { MAX_PREFIX_EXPANSION } from '../src/search/sqlite.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// Prefix queries. SQLite expands a prefix into the words of FTS5's vocabulary it stands for, so FTS5
// can read newest first; the results must be exactly those of the engine's own prefix matching.

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
    expect(await keysFound('gove*')).toEqual(['government', 'governor']);
    expect(await keysFound('GOVERNO*')).toEqual(['governor']);
    expect(await keysFound('caf*')).toEqual(['cafe']);
    expect(await keysFound('gove* confidence')).toEqual(['government']);
    expect(await keysFound('zzz*')).toEqual([]);
  });

  it('finds every match of a prefix that stands for more words than it expands', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const words = Array.from({ length: MAX_PREFIX_EXPANSION + 6 }, (_, index) => `quorx${index}a`);
    await t.db.items.ingest(
      feed.id,
      words.map((word) => sampleItem(word, { title: 'Notice', contentText: `Filed under ${word}.` })),
    );
    expect(await keysFound('quorx*')).toEqual([...words].sort());
    expect(await keysFound('quorx1*')).toEqual(words.filter((word) => word.startsWith('quorx1')).sort());
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
