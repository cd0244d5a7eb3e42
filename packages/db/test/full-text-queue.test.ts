import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { indexQueuedItems, QUEUED_TEXT_SQL } from '../src/ingest/full-text-queue.js';
import { ingestInTransaction } from '../src/ingest/ingest.js';
import { ingestManyItems, planSteps } from './helpers/query-plan.js';
import { ENGINES, sampleItem, searchKeys, useTestDb } from './helpers/test-db.js';

// New items reach the full-text index at the end of the write that inserted them (on SQLite through
// items_fts_queue). Whatever happens to an item before that, in the same transaction,
// the index must end up holding exactly the items' final text.

describe.each(ENGINES)('full-text index kept in step with the items on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  const keysFound = (query: string) => searchKeys(t.db, query);

  /** SQLite: FTS5's own check that the index holds exactly the items' text (throws if not). */
  const indexIsConsistent = async () => {
    if (testEngine.engine !== 'sqlite') return;
    await sql`INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)`.execute(
      t.db.context.kysely,
    );
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM items_fts_queue`.execute(
      t.db.context.kysely,
    );
    expect(rows[0]?.n).toBe(0);
  };

  it('indexes items edited and removed in the transaction that inserted them', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    const { engine } = t.db.context;
    // Two polls and a deletion in one transaction, as the SQLite ingest group writes them.
    await t.db.context.transaction(async (trx) => {
      await ingestInTransaction(
        trx,
        engine,
        feed.id,
        [
          sampleItem('edited', { title: 'Draft headline', contentText: 'Preliminary wording.' }),
          sampleItem('removed', { title: 'Withdrawn report', contentText: 'Retracted text.' }),
          sampleItem('kept', { title: 'Harbour reopens', contentText: 'Ships are back.' }),
        ],
        Date.now(),
      );
      await ingestInTransaction(
        trx,
        engine,
        feed.id,
        [sampleItem('edited', { title: 'Final headline', contentText: 'Corrected wording.' })],
        Date.now(),
      );
      await trx.deleteFrom('items').where('key', '=', 'removed').execute();
      await indexQueuedItems(trx, engine);
    });
    expect(await keysFound('final')).toEqual(['edited']);
    expect(await keysFound('draft')).toEqual([]);
    expect(await keysFound('preliminary')).toEqual([]);
    expect(await keysFound('withdrawn')).toEqual([]);
    expect(await keysFound('harbour')).toEqual(['kept']);
    await indexIsConsistent();
  });

  it('indexes a key repeated within one call with its last text', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [
      sampleItem('twice', { title: 'First version', contentText: 'Alpha.' }),
      sampleItem('twice', { title: 'Second version', contentText: 'Omega.' }),
    ]);
    expect(await keysFound('second omega')).toEqual(['twice']);
    expect(await keysFound('alpha')).toEqual([]);
    await indexIsConsistent();
  });

  it('keeps indexed items in step when they are edited and removed later', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await t.db.items.ingest(feed.id, [
      sampleItem('a', { title: 'Storm warning', contentText: 'Wind and rain.' }),
      sampleItem('b', { title: 'Market rally', contentText: 'Shares rise.' }),
    ]);
    await t.db.items.ingest(feed.id, [sampleItem('a', { title: 'Storm passes', contentText: 'Calm.' })]);
    const b = (await t.db.items.listByFeed(feed.id, { limit: 10 })).items.find((item) => item.key === 'b');
    await t.db.items.remove(b!.id);
    expect(await keysFound('storm')).toEqual(['a']);
    expect(await keysFound('warning')).toEqual([]);
    expect(await keysFound('rally')).toEqual([]);
    await indexIsConsistent();
  });

  it('leaves nothing of a rolled-back insert in the index or the queue', async () => {
    const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
    await expect(
      t.db.context.transaction(async (trx) => {
        await ingestInTransaction(
          trx,
          t.db.engine,
          feed.id,
          [sampleItem('gone', { title: 'Vanishing act' })],
          Date.now(),
        );
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await t.db.items.ingest(feed.id, [sampleItem('here', { title: 'Present tense' })]);
    expect(await keysFound('vanishing')).toEqual([]);
    expect(await keysFound('present')).toEqual(['here']);
    await indexIsConsistent();
  });

  // SQLite only: rows another program inserts wait in the queue until this layer's next write.
  if (testEngine.engine === 'sqlite')
    it('indexes rows inserted outside the layer at its next write, and drops them if deleted first', async () => {
      const feed = await t.db.feeds.add({ url: 'https://a.example/rss' });
      const { kysely } = t.db.context;
      const insertRaw = (key: string, title: string) =>
        sql`INSERT INTO items (feed_id, key, url, title, content_text, first_seen_at, sort_at, input_hash)
          VALUES (${feed.id}, ${key}, ${`https://news.example/${key}`}, ${title}, 'Outside text.', 0, 0, 'raw')`.execute(
          kysely,
        );
      await insertRaw('outside', 'Lighthouse keeper');
      await insertRaw('deleted', 'Ephemeral note');
      await sql`DELETE FROM items WHERE key = 'deleted'`.execute(kysely);
      await indexIsConsistent().catch(() => undefined); // the queue still holds 'outside' here
      await t.db.items.ingest(feed.id, [sampleItem('inside', { title: 'Lighthouse repaired' })]);
      expect(await keysFound('lighthouse')).toEqual(['inside', 'outside']);
      expect(await keysFound('ephemeral')).toEqual([]);
      await indexIsConsistent();
    });

  // SQLite only: the flush must read the queued items, not every item, whatever ANALYZE has seen.
  if (testEngine.engine === 'sqlite')
    it('reads only the queued items when the statistics say the queue is empty', async () => {
      await ingestManyItems(t.db, 'https://a.example/rss');
      await t.db.maintenance.optimize(); // ANALYZE: the queue is empty now, the items are not
      const plan = await planSteps(t.db, sql.raw(QUEUED_TEXT_SQL));
      expect(plan.some((step) => /^SCAN items_fts_queue/.test(step))).toBe(true);
      expect(plan.some((step) => /^SCAN items\b(?!_)/.test(step))).toBe(false);
    });
});
