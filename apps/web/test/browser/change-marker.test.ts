import { randomBytes } from 'node:crypto';
import { createDb, createPostgresDatabase, type Db, dropPostgresDatabase, type Engine } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startBuiltApp } from '../support/next-server';
import { ownDatabase } from '../support/own-database';
import { placeItem } from '../support/place';
import { POSTGRES_ADMIN_URL, POSTGRES_SKIP_REASON } from '../support/route-env';
import { testItem } from '../support/seed';

// A live worker's clusterer renews its lease every second or two; that changes nothing a page shows,
// so a cached story page must stay cached meanwhile. A write the stories part of the change marker
// does not cover (the source renamed behind the server's back) proves the page is served from the
// cache; the next story change shows both. Each engine on a server of its own, without the page cache.

const DEADLINE_MS = 30_000;
const PAUSE_MS = 250;
const CHANGE_CHECK_MS = 200;
/** Lease renewals, one per marker check: the old marker (the lease's expiry in it) moved with each. */
const RENEWALS = 10;
const WORKER = 'change-marker-test-worker';

async function openDatabase(engine: Engine): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const own = await ownDatabase('change-marker-db');
    return { ...own, drop: async () => {} };
  }
  const name = `nf_web_test_${randomBytes(6).toString('hex')}`;
  const url = await createPostgresDatabase(POSTGRES_ADMIN_URL, name);
  return { db: await createDb(url), url, drop: () => dropPostgresDatabase(POSTGRES_ADMIN_URL, name) };
}

describe.each(['sqlite', 'postgres'] as const)('the change marker on %s', (engine) => {
  let app: RunningApp;
  let db: Db;
  let drop: () => Promise<void>;
  let feedId: number;
  let storyId: number;

  async function storyPage(): Promise<string> {
    return (await fetch(`${app.url}/story/${storyId}`)).text();
  }

  beforeAll(async () => {
    if (engine === 'postgres' && POSTGRES_SKIP_REASON !== null) return;
    const opened = await openDatabase(engine);
    db = opened.db;
    drop = opened.drop;
    feedId = (await db.feeds.add({ url: 'https://lighthouse.example/feed.xml', title: 'Cape Courier' })).id;
    const [item] = await db.items.ingest(feedId, [
      testItem('keeper-1', { title: 'The lighthouse keeper retires', publishedAt: new Date().toISOString() }),
    ]);
    storyId = await placeItem(db, item!.id!, null);
    app = await startBuiltApp({
      DATABASE_URL: opened.url,
      WEB_PAGE_CACHE_TTL_MS: '0',
      WEB_CACHE_TTL_MS: '600000',
      WEB_CHANGE_CHECK_MS: String(CHANGE_CHECK_MS),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await drop?.();
  });

  it.skipIf(engine === 'postgres' && POSTGRES_SKIP_REASON !== null)(
    'keeps a story page cached while the clusterer renews its lease, and reads afresh after a story change',
    async () => {
      expect(await storyPage()).toContain('Cape Courier');
      await db.feeds.update(feedId, { title: 'Cape Chronicle' });
      for (let renewal = 0; renewal < RENEWALS; renewal++) {
        expect((await db.clustering.acquire(WORKER, 5)).held).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS));
        expect(await storyPage()).toContain('Cape Courier');
      }
      await db.clustering.release(WORKER);

      const [update] = await db.items.ingest(feedId, [
        testItem('keeper-2', {
          title: 'The new lighthouse keeper arrives',
          publishedAt: new Date().toISOString(),
        }),
      ]);
      await placeItem(db, update!.id!, storyId);
      const deadline = Date.now() + DEADLINE_MS;
      let page = await storyPage();
      while (!page.includes('The new lighthouse keeper arrives') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        page = await storyPage();
      }
      expect(page).toContain('The new lighthouse keeper arrives');
      expect(page).toContain('Cape Chronicle');
    },
    DEADLINE_MS * 2,
  );
});
