import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ingestInTransaction } from '../src/ingest/ingest.js';
import { MAX_PREFIX_EXPANSION } from '../src/search/search-vocabulary.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// Prefix queries. SQLite expands a prefix into the words it stands for (search-vocabulary.ts) so FTS5
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

  it('still finds a word whose first write was rolled back', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [sampleItem('harbinger', { contentText: 'A harbinger of spring.' })]);
    // The process sees "harbour" written, then the transaction that wrote it rolled back.
    await expect(
      t.db.context.transaction(async (trx) => {
        await ingestInTransaction(
          trx,
          t.db.engine,
          feed.id,
          [sampleItem('lost', { contentText: 'The harbour froze.' })],
          Date.now(),
          t.db.context.searchVocabulary,
        );
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await t.db.items.ingest(feed.id, [sampleItem('harbour', { contentText: 'The harbour reopened.' })]);
    expect(await keysFound('harb*')).toEqual(['harbinger', 'harbour']);
  });

  // SQLite only: PostgreSQL keeps no word list.
  if (testEngine.engine === 'sqlite')
    it('lists every stored word of the index', async () => {
      const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
      await t.db.items.ingest(feed.id, [
        sampleItem('a', {
          title: 'Élection à Genève',
          contentText: 'Über 3,5 millions de votants; naïve 2026.',
        }),
      ]);
      // The words FTS5 indexed (its own vocabulary) are all in search_terms.
      await sql`CREATE VIRTUAL TABLE temp.fts_words USING fts5vocab(main, items_fts, row)`.execute(
        t.db.context.kysely,
      );
      const { rows } = await sql<{ term: string }>`SELECT term FROM temp.fts_words
      WHERE term NOT IN (SELECT term FROM search_terms)`.execute(t.db.context.kysely);
      expect(rows).toEqual([]);
    });
});
