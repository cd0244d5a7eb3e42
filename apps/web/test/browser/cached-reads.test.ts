import type { Db } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startBuiltApp } from '../support/next-server';
import { ownDatabase } from '../support/own-database';
import { placeItem } from '../support/place';
import { testItem } from '../support/seed';

// Next's 'use cache' on the pages' reads, on a server of its own without the page cache (every
// request renders) and with reads kept 10 minutes: a write the change marker does not cover (a feed
// renamed behind the server's back) stays unseen, so the reads really are cached; a new item moves
// the marker and the pages read afresh; an admin change shows at once. Waits are bounded by a
// deadline, not a count of tries.

const DEADLINE_MS = 30_000;
const PAUSE_MS = 250;
const ADMIN_TOKEN = 'cached-reads-admin-token-0123456789';

let app: RunningApp;
let db: Db;
let feedId: number;

async function html(path: string): Promise<string> {
  const response = await fetch(`${app.url}${path}`);
  expect(response.headers.get('x-page-cache')).toBeNull();
  return response.text();
}

async function waitFor(path: string, text: string): Promise<boolean> {
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    if ((await html(path)).includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return false;
}

beforeAll(async () => {
  const own = await ownDatabase('cached-reads-db');
  db = own.db;
  const url = own.url;
  feedId = (await db.feeds.add({ url: 'https://cached.example/feed.xml', title: 'Harbour Times' })).id;
  app = await startBuiltApp({
    DATABASE_URL: url,
    ADMIN_TOKEN,
    WEB_PAGE_CACHE_TTL_MS: '0',
    WEB_CACHE_TTL_MS: '600000',
    WEB_CHANGE_CHECK_MS: '500',
  });
});

afterAll(async () => {
  await app?.stop();
  await db?.close();
});

describe('cached reads', () => {
  it(
    'keep answers until the change marker moves, and an admin change expires them at once',
    async () => {
      expect(await html('/sources')).toContain('Harbour Times');
      await db.feeds.update(feedId, { title: 'Harbour Gazette' });
      // Past several marker checks, the renamed feed is still the cached one.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await html('/sources')).toContain('Harbour Times');

      const [stored] = await db.items.ingest(feedId, [
        testItem('kingfisher-1', {
          title: 'A kingfisher returns to the harbour',
          contentText: 'A kingfisher was seen by the harbour wall.',
          publishedAt: new Date().toISOString(),
        }),
      ]);
      await placeItem(db, stored!.id!, null);
      expect(await waitFor('/sources', 'Harbour Gazette')).toBe(true);
      expect(await waitFor('/', 'A kingfisher returns to the harbour')).toBe(true);

      await db.feeds.update(feedId, { title: 'Harbour Herald' });
      const disabled = await fetch(`${app.url}/api/admin/feeds/${feedId}?action=disable`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(disabled.status).toBe(200);
      expect(await html('/sources')).toContain('Harbour Herald');
    },
    DEADLINE_MS * 3,
  );
});
