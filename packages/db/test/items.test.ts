import { describe, expect, it } from 'vitest';
import { DbInputError, DbNotFoundError } from '../src/errors.js';
import { ENGINES, sampleItem, uniqueFeedUrl, useTestDb } from './helpers/test-db.js';

describe.each(ENGINES)('items on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('ingesting the same item twice keeps one row; a changed item updates that row', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl() });
    const first = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    expect(first.map((r) => r.status)).toEqual(['new', 'new']);

    const again = await t.db.items.ingest(feed.id, [sampleItem('a'), sampleItem('b')]);
    expect(again).toEqual([
      { key: 'a', id: first[0]!.id, status: 'unchanged' },
      { key: 'b', id: first[1]!.id, status: 'unchanged' },
    ]);

    const edited = await t.db.items.ingest(feed.id, [sampleItem('a', { title: 'Edited title' })]);
    expect(edited).toEqual([{ key: 'a', id: first[0]!.id, status: 'updated' }]);
    const stored = await t.db.items.get(first[0]!.id!);
    expect(stored?.title).toBe('Edited title');
    expect((await t.db.stats()).items).toBe(2);
  });

  it('round-trips every field, with times as ISO UTC strings', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl(), title: 'Example News' });
    const input = sampleItem('full', {
      canonicalUrl: 'https://news.example/canonical',
      authors: [{ name: 'Ann', email: 'ann@example.com', url: 'https://a.example' }],
      enclosures: [{ url: 'https://cdn.example/a.mp3', type: 'audio/mpeg', length: 123 }],
      publishedAt: '2026-01-05T10:00:00+02:00',
      updatedAt: '2026-01-05T09:30:00.123Z',
      imageUrl: 'https://cdn.example/a.jpg',
      wire: 'AFP',
      wordCount: 321,
      contentHash: 'abc',
      simhash: '0123456789ABCDEF',
    });
    const before = Date.now();
    const [result] = await t.db.items.ingest(feed.id, [input]);
    const item = await t.db.items.get(result!.id!);
    expect(item).toMatchObject({
      ...input,
      publishedAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-05T09:30:00.123Z',
      simhash: '0123456789abcdef',
      feedId: feed.id,
      storyId: null,
      feed: { id: feed.id, title: 'Example News', siteUrl: null, iconUrl: null },
    });
    expect(Date.parse(item!.firstSeenAt)).toBeGreaterThanOrEqual(before - 1);
    expect(item!.firstSeenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps a removed item removed: its key is tombstoned', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl() });
    const [a] = await t.db.items.ingest(feed.id, [sampleItem('gone')]);
    await t.db.items.remove(a!.id!);
    expect(await t.db.items.get(a!.id!)).toBeNull();
    expect(await t.db.items.ingest(feed.id, [sampleItem('gone')])).toEqual([
      { key: 'gone', id: null, status: 'tombstoned' },
    ]);
    expect(await t.db.items.existingKeys(feed.id, ['gone', 'never'])).toEqual(new Set(['gone']));
    await expect(t.db.items.remove(a!.id!)).rejects.toBeInstanceOf(DbNotFoundError);
  });

  it('a failing batch leaves nothing half-written', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl() });
    await t.db.items.ingest(feed.id, [sampleItem('kept')]);
    const batch = [
      sampleItem('x1'),
      sampleItem('kept', { title: 'changed' }),
      sampleItem('x2', { simhash: 'not-hex' }),
    ];
    await expect(t.db.items.ingest(feed.id, batch)).rejects.toBeInstanceOf(DbInputError);
    // A constraint failure inside the transaction, after rows were written: everything rolls back.
    const invalid = [sampleItem('y1'), sampleItem('y2', { title: null as unknown as string })];
    await expect(t.db.items.ingest(feed.id, invalid)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const page = await t.db.items.listByFeed(feed.id);
    expect(page.items.map((item) => [item.key, item.title])).toEqual([['kept', 'Item kept']]);
  });

  it('rolls back every row a failed transaction had written', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl() });
    const failure = t.db.context.transaction(async (trx) => {
      await trx.updateTable('feeds').set({ title: 'half-written' }).where('id', '=', feed.id).execute();
      await trx.insertInto('tombstones').values({ feed_id: feed.id, key: 'k', deleted_at: 1 }).execute();
      // The same primary key again: the database refuses the second row.
      await trx.insertInto('tombstones').values({ feed_id: feed.id, key: 'k', deleted_at: 2 }).execute();
    });
    await expect(failure).rejects.toBeTruthy();
    expect((await t.db.feeds.get(feed.id))?.title).toBeNull();
    expect(await t.db.items.ingest(feed.id, [sampleItem('k')])).toMatchObject([{ status: 'new' }]);
  });

  it('paginates by cursor without skipping or repeating while items are inserted', async () => {
    const feed = await t.db.feeds.add({ url: uniqueFeedUrl() });
    const base = Date.parse('2026-01-01T00:00:00Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    // Pairs of items share a publication time, so the id tie-break matters.
    await t.db.items.ingest(
      feed.id,
      Array.from({ length: 30 }, (_, i) => sampleItem(`old-${i}`, { publishedAt: at(Math.floor(i / 2)) })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page = await t.db.items.listByFeed(feed.id, { limit: 7, cursor });
      seen.push(...page.items.map((item) => item.key));
      cursor = page.nextCursor;
      // Newer items arrive between pages: they sort before the cursor and must not shift the rest.
      await t.db.items.ingest(feed.id, [sampleItem(`new-${round}`, { publishedAt: at(1000 + round) })]);
      round += 1;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(seen[0]).toBe('old-29');
    expect(seen.every((key) => key.startsWith('old-'))).toBe(true);
    await expect(t.db.items.listByFeed(feed.id, { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  it('reports the feed in the error when it does not exist', async () => {
    await expect(t.db.items.ingest(999_999, [sampleItem('a')])).rejects.toThrow(/feed 999999/);
  });
});
