import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsfeedDb } from '../src/create-db.js';
import { foldText } from '../src/search/fold.js';
import { parseSearchQuery } from '../src/search/query.js';
import { toFts5Match } from '../src/search/sqlite.js';
import { ENGINES, openTestDb, sampleItem, searchKeys } from './helpers/test-db.js';

// Search folds ß/ss, accents and case alike, whichever side has which spelling, on both engines; and
// PostgreSQL's index folds exactly as the queries are folded.

/** Spellings a fold must treat alike, and words it must keep apart. */
const FOLD_SAMPLES = [
  'Straßen',
  'STRASSE',
  'Große ẞTRASSE',
  'Café CAFÉ cafe',
  'naïve Zürich Ærø',
  'ﬁnance ﬂights', // ligatures decompose
  'Ελληνικά Ἀθῆναι',
  'हिन्दी समाचार',
  'Привет мир',
];

describe.each(ENGINES)('search folding on $engine', ({ engine, skipReason }) => {
  let db: NewsfeedDb;
  let dispose: (() => Promise<void>) | undefined;
  let url = '';

  beforeAll(async () => {
    if (skipReason) return;
    ({ db, dispose, url } = await openTestDb(engine));
    const feed = await db.feeds.add({ url: 'https://folding.example/rss', title: 'Folding News' });
    await db.items.ingest(feed.id, [
      sampleItem('sharp-s', {
        title: 'Straßen in der Altstadt gesperrt',
        contentText: 'Die Straßen bleiben zu.',
      }),
      sampleItem('double-s', { title: 'Die Strasse nach Zürich', contentText: 'Eine Strasse wird gebaut.' }),
      sampleItem('accented', { title: 'Café owners protest', contentText: 'A café on every corner.' }),
      sampleItem('plain', { title: 'A new cafe opens', contentText: 'The cafe serves tea.' }),
      sampleItem('other', { title: 'Weather report', contentText: 'Rain all week.' }),
      sampleItem('cyrillic', { title: 'Новый закон принят', contentText: 'Депутаты приняли новый закон.' }),
      sampleItem('greek', { title: 'Ἀθῆναι: νέο μετρό', contentText: 'Η Αθήνα αποκτά νέο μετρό.' }),
    ]);
  });
  afterAll(async () => dispose?.());

  it.skipIf(Boolean(skipReason))('finds ß by ss and ss by ß', async () => {
    await expect(searchKeys(db, 'strassen')).resolves.toEqual(['sharp-s']);
    await expect(searchKeys(db, 'Straßen')).resolves.toEqual(['sharp-s']);
    await expect(searchKeys(db, 'Straße')).resolves.toEqual(['double-s']);
    await expect(searchKeys(db, '"straßen in der altstadt"')).resolves.toEqual(['sharp-s']);
    await expect(searchKeys(db, 'strass*')).resolves.toEqual(['double-s', 'sharp-s']);
  });

  it.skipIf(Boolean(skipReason))('finds accents and case alike', async () => {
    await expect(searchKeys(db, 'cafe')).resolves.toEqual(['accented', 'plain']);
    await expect(searchKeys(db, 'CAFÉ')).resolves.toEqual(['accented', 'plain']);
    await expect(searchKeys(db, 'zurich')).resolves.toEqual(['double-s']);
  });

  it.skipIf(Boolean(skipReason))('still finds words of other scripts as they are written', async () => {
    await expect(searchKeys(db, 'новый')).resolves.toEqual(['cyrillic']);
    await expect(searchKeys(db, 'НОВЫЙ закон')).resolves.toEqual(['cyrillic']);
    await expect(searchKeys(db, 'Ἀθῆναι')).resolves.toEqual(['greek']);
    await expect(searchKeys(db, 'μετρό')).resolves.toEqual(['greek']);
  });

  it.skipIf(Boolean(skipReason))('highlights the other spelling in the snippet', async () => {
    const { items } = await db.search.query({ query: 'strassen' });
    expect(items[0]?.snippetHtml).toContain('<mark>Straßen</mark>');
  });

  // PostgreSQL only: SQLite folds with its tokenizer (registered on that engine alone).
  if (engine === 'postgres')
    it.skipIf(Boolean(skipReason))(
      'folds indexed text in SQL exactly as foldText folds queries',
      async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (const sample of FOLD_SAMPLES) {
            const { rows } = await client.query<{ folded: string }>('SELECT nf_search_fold($1) AS folded', [
              sample,
            ]);
            expect(rows[0]?.folded, sample).toBe(foldText(sample));
          }
        } finally {
          await client.end();
        }
      },
    );
});

describe('FTS5 ß spellings', () => {
  it('asks each ss both ways, up to the bound', () => {
    expect(toFts5Match(parseSearchQuery('Strasse'))).toBe('("strasse" OR "straße")');
    expect(toFts5Match(parseSearchQuery('cafe'))).toBe('"cafe"');
    expect(toFts5Match(parseSearchQuery('ssssssss')).split(' OR ')).toHaveLength(8);
  });
});
