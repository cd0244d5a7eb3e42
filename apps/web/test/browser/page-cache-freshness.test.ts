import type { Db, ItemInput } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startBuiltApp } from '../support/next-server';
import { ownDatabase } from '../support/own-database';
import { placeItem } from '../support/place';

// A server of its own whose read cache keeps answers for 10 minutes and whose page cache keeps
// copies for 3 s: an item stored after a page was cached must show once the copy is renewed, not
// after the read cache's TTL (the page cache's renders read the database). Every wait is bounded by
// a deadline, not a count of tries: on a loaded 2-core machine one render can take most of a second.

const WORD = 'zebrafinch';
const TITLE = `A ${WORD} sings in the harbour`;
/** Page-cache TTL of this test's server: long enough that a copy outlives a slow request. */
const PAGE_CACHE_TTL_MS = 3000;
/** How long a page may take to reach the expected state (cached, then showing the new item). */
const DEADLINE_MS = 30_000;
/** Four such waits at most, plus the requests themselves. */
const TEST_TIMEOUT_MS = 180_000;
const PAUSE_MS = 250;

let app: RunningApp;
let db: Db;
let feedId: number;

function newItem(): ItemInput {
  return {
    key: 'fresh-1',
    guid: 'fresh-1',
    url: 'https://fresh.example/zebrafinch',
    canonicalUrl: null,
    title: TITLE,
    summary: 'It sang all morning.',
    contentHtml: null,
    contentText: `The ${WORD} sang all morning by the harbour wall.`,
    authors: [],
    categories: [],
    enclosures: [],
    publishedAt: new Date().toISOString(),
    updatedAt: null,
    language: 'en',
    imageUrl: null,
    commentsUrl: null,
    wire: null,
    wordCount: 9,
    contentHash: null,
    simhash: null,
  };
}

/** Fetches path until its HTML contains text; the responses' X-Page-Cache values on the way. */
async function waitFor(path: string, text: string): Promise<{ found: boolean; outcomes: string[] }> {
  const outcomes: string[] = [];
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${app.url}${path}`);
    outcomes.push(response.headers.get('x-page-cache') ?? 'none');
    if ((await response.text()).includes(text)) return { found: true, outcomes };
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return { found: false, outcomes };
}

beforeAll(async () => {
  const own = await ownDatabase('freshness-db');
  db = own.db;
  const url = own.url;
  feedId = (await db.feeds.add({ url: 'https://fresh.example/feed.xml', title: 'Fresh Example' })).id;
  app = await startBuiltApp({
    DATABASE_URL: url,
    WEB_CACHE_TTL_MS: '600000',
    WEB_PAGE_CACHE_TTL_MS: String(PAGE_CACHE_TTL_MS),
  });
});

afterAll(async () => {
  await app?.stop();
  await db?.close();
});

describe('page cache and new polls', () => {
  it(
    'shows an item stored after the pages were cached once their copies are renewed',
    async () => {
      const search = `/search?q=${WORD}`;
      // Cache both pages (and their read-cache answers, good for 10 minutes) before the item exists.
      for (const path of [search, '/']) {
        let outcome: string | null = null;
        const deadline = Date.now() + DEADLINE_MS;
        while (outcome !== 'hit' && Date.now() < deadline) {
          const response = await fetch(`${app.url}${path}`);
          outcome = response.headers.get('x-page-cache');
          expect(await response.text()).not.toContain(TITLE);
        }
        expect(outcome).toBe('hit');
      }
      const [stored] = await db.items.ingest(feedId, [newItem()]);
      await placeItem(db, stored!.id!, null);
      for (const path of [search, '/']) {
        const after = await waitFor(path, TITLE);
        expect(after.found, `${path} never showed the new item (${after.outcomes.join(', ')})`).toBe(true);
      }
    },
    TEST_TIMEOUT_MS,
  );
});
