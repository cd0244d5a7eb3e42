import { describe, expect, it } from 'vitest';
import { createDb } from '../src/create-db.js';
import { DbInputError } from '../src/errors.js';
import type { ItemInput, StoryAssigner } from '../src/types.js';
import { ENGINES, openTestDb, sampleItem, useTestDb } from './helpers/test-db.js';

// Concurrent items.ingest calls. On SQLite the calls that queue behind a running one are written
// together in one transaction (ingest-group.ts), each in its own savepoint, and candidate lookups
// keep their posting lists from one group to the next; on PostgreSQL each call is its own
// transaction. Either way every call must behave as if it ran alone, in the order it was made.

const topic = (title: string) => title.toLowerCase().match(/\p{L}+/u)?.[0];

/** Items whose titles start with the same word are one story; records what each item was offered. */
function recordingAssigner(): StoryAssigner & {
  offered: Map<string, number[]>;
  storyOf: Map<number, number>;
  textOf: Map<number, string | null>;
} {
  const offered = new Map<string, number[]>();
  /** Each offered item's story and text, as the last offer gave them. */
  const storyOf = new Map<number, number>();
  const textOf = new Map<number, string | null>();
  return {
    offered,
    storyOf,
    textOf,
    windowHours: 48,
    pick(item, candidates) {
      offered.set(
        item.title,
        candidates.map((candidate) => candidate.itemId),
      );
      for (const candidate of candidates) {
        storyOf.set(candidate.itemId, candidate.storyId);
        textOf.set(candidate.itemId, candidate.contentText);
      }
      return candidates.find((c) => topic(c.title) === topic(item.title))?.storyId ?? null;
    },
  };
}

const TOPICS = ['harbour', 'election', 'wildfire', 'summit', 'strike', 'vaccine'];
const WORDS = ['talks', 'city', 'council', 'crews', 'rescue', 'budget', 'rally', 'court', 'storm', 'trade'];

/** A deterministic run of polls whose titles share words (so candidate lists overlap between items). */
function polls(feeds: number, count: number): { feed: number; items: ItemInput[] }[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, poll) => ({
    feed: next(feeds),
    items: Array.from({ length: 1 + next(4) }, (_, index) => {
      const words = [
        TOPICS[next(TOPICS.length)]!,
        ...Array.from({ length: 4 }, () => WORDS[next(WORDS.length)]!),
      ];
      // Some items carry a wire copy's simhash: equal bands find them without shared title words.
      const simhash = next(3) === 0 ? `${(0x1000 + next(4)).toString(16)}aaaabbbbcccc` : null;
      return sampleItem(`p${poll}-${index}`, { title: words.join(' '), simhash });
    }),
  }));
}

/** Each item's story as the set of item keys in it, for comparing two databases. */
async function membership(db: Awaited<ReturnType<typeof createDb>>, feedIds: number[]) {
  const storyOf = new Map<string, number>();
  for (const feedId of feedIds) {
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await db.items.listByFeed(feedId, { limit: 100, cursor });
      for (const item of page.items) storyOf.set(item.key, item.storyId!);
      cursor = page.nextCursor;
    }
  }
  const members = new Map<number, string[]>();
  for (const [key, story] of storyOf) members.set(story, [...(members.get(story) ?? []), key]);
  return Object.fromEntries(
    [...storyOf].map(([key, story]) => [key, members.get(story)!.sort().join(' ')] as const),
  );
}

describe.each(ENGINES)('concurrent items.ingest on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('commits each call or fails it alone: a failing call leaves nothing, the others all commit', async () => {
    const feeds = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => t.db.feeds.add({ url: `https://${name}.example/rss` })),
    );
    const assigner = recordingAssigner();
    // Writes its items, then fails: it names a story that is none of its candidates.
    const failing: StoryAssigner = { windowHours: 48, pick: () => 999_999 };
    const calls = await Promise.allSettled([
      t.db.items.ingest(feeds[0]!.id, [sampleItem('a1', { title: 'Harbour fire spreads' })], assigner),
      t.db.items.ingest(feeds[1]!.id, [sampleItem('b1', { title: 'Harbour fire: crews' })], assigner),
      t.db.items.ingest(feeds[2]!.id, [sampleItem('c1', { title: 'Harbour fire out' })], failing),
      t.db.items.ingest(feeds[3]!.id, [sampleItem('d1', { title: 'Harbour fire inquiry' })], assigner),
    ]);
    expect(calls.map((call) => call.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((calls[2] as PromiseRejectedResult).reason).toBeInstanceOf(DbInputError);
    expect((await t.db.items.listByFeed(feeds[2]!.id)).items).toEqual([]);
    const stored = await Promise.all(
      [0, 1, 3].map(async (index) => (await t.db.items.listByFeed(feeds[index]!.id)).items),
    );
    expect((await t.db.stats()).items).toBe(3);
    // SQLite wrote the calls one after the other (the last three as one group): the three that
    // committed are one story, and the failed call's item was offered to nobody. PostgreSQL ran them
    // in parallel transactions that could not see each other's items.
    if (testEngine.engine === 'sqlite') {
      expect(new Set(stored.flat().map((item) => item.storyId)).size).toBe(1);
      expect(assigner.offered.get('Harbour fire inquiry')).toHaveLength(2);
    }
  });

  it('clusters exactly as when every call runs alone in its own transaction', async () => {
    const run = polls(6, 60);
    const concurrent = t.db;
    const alone = await openTestDb(testEngine.engine);
    try {
      const assigner = recordingAssigner();
      const feedIds: number[][] = [[], []];
      for (let feed = 0; feed < 6; feed += 1) {
        feedIds[0]!.push((await concurrent.feeds.add({ url: `https://f${feed}.example/rss` })).id);
        feedIds[1]!.push((await alone.db.feeds.add({ url: `https://f${feed}.example/rss` })).id);
      }
      // Eight at a time, in order, as the worker's concurrent polls; and one by one, each inside its own
      // db.transaction (no group, no lists kept between calls). PostgreSQL runs concurrent calls in
      // parallel transactions, which cluster differently by design (they cannot see each other's
      // items): there the calls go one by one both ways.
      const inFlight = testEngine.engine === 'sqlite' ? 8 : 1;
      for (let start = 0; start < run.length; start += inFlight) {
        await Promise.all(
          run
            .slice(start, start + inFlight)
            .map((poll) => concurrent.items.ingest(feedIds[0]![poll.feed]!, poll.items, assigner)),
        );
      }
      for (const poll of run) {
        await alone.db.transaction((tx) => tx.items.ingest(feedIds[1]![poll.feed]!, poll.items, assigner));
      }
      const grouped = await membership(concurrent, feedIds[0]!);
      expect(Object.keys(grouped).length).toBe(run.reduce((sum, poll) => sum + poll.items.length, 0));
      // Stories formed at all (the test means something), and the same ones both ways.
      expect(new Set(Object.values(grouped)).size).toBeLessThan(Object.keys(grouped).length / 2);
      expect(grouped).toEqual(await membership(alone.db, feedIds[1]!));
    } finally {
      await alone.dispose();
    }
  });

  it('sees what another connection, or this one outside ingest, changed between calls', async () => {
    // Its own database, so that a second connection (as another process would) can open it too.
    const opened = await openTestDb(testEngine.engine);
    const db = opened.db;
    const other = await createDb(opened.url);
    try {
      const feed = await db.feeds.add({ url: 'https://a.example/rss' });
      const assigner = recordingAssigner();
      const [first] = await db.items.ingest(
        feed.id,
        [sampleItem('k1', { title: 'Summit talks begin' })],
        assigner,
      );
      // Another connection adds a member, then this one does inside db.transaction: both are offered next.
      const [second] = await other.items.ingest(
        feed.id,
        [sampleItem('k2', { title: 'Summit talks stall' })],
        assigner,
      );
      const [third] = await db.transaction((tx) =>
        tx.items.ingest(feed.id, [sampleItem('k3', { title: 'Summit talks resume' })], assigner),
      );
      await db.items.ingest(feed.id, [sampleItem('k4', { title: 'Summit talks end' })], assigner);
      expect(assigner.offered.get('Summit talks end')!.sort()).toEqual(
        [first!.id, second!.id, third!.id].sort(),
      );
      // A removed item is offered no more.
      await db.items.remove(second!.id!);
      await db.items.ingest(feed.id, [sampleItem('k5', { title: 'Summit talks recap' })], assigner);
      expect(assigner.offered.get('Summit talks recap')).not.toContain(second!.id);
      expect(assigner.offered.get('Summit talks recap')).toHaveLength(3);
      // Another connection moves an item to a story of its own: the next offer says so.
      const moved = await other.stories.attach(third!.id!, null);
      expect(moved).not.toBe(third!.storyId);
      await db.items.ingest(feed.id, [sampleItem('k6', { title: 'Summit talks wrap' })], assigner);
      expect(assigner.storyOf.get(third!.id!)).toBe(moved);
      // Another connection rewrites an item's text: the next offer carries the new text.
      await other.items.upsertMany(feed.id, [
        sampleItem('k1', { title: 'Summit talks begin', contentText: 'A corrected account of the talks.' }),
      ]);
      await db.items.ingest(feed.id, [sampleItem('k7', { title: 'Summit talks close' })], assigner);
      expect(assigner.textOf.get(first!.id!)).toBe('A corrected account of the talks.');
    } finally {
      await other.close();
      await opened.dispose();
    }
  });
});
