import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CLUSTER_LOCK_ROWS, clusterLockRows } from '../src/cluster-locks.js';
import { createDb } from '../src/create-db.js';
import { DbBusyError } from '../src/errors.js';
import type { ItemInput, StoryAssigner } from '../src/types.js';
import { lockWaiters, waitFor } from './helpers/lock-waits.js';
import { ENGINES, openTestDb, sampleItem } from './helpers/test-db.js';

// Copies of one story polled from several outlets at the same moment must end in one story, whichever
// engine runs the polls and however many run at once (cluster-locks.ts): on PostgreSQL the polls'
// transactions overlap, and without the locks each copy found no committed candidate and started a
// story of its own.

/** Joins a candidate with the same simhash: copies of one story are one story. */
const sameSimhash: StoryAssigner = {
  windowHours: 48,
  pick: (item, candidates) => candidates.find((c) => c.simhash === item.simhash)?.storyId ?? null,
};

const STORIES = 8;
const OUTLETS = 8;

/** The `story`th story's copy as one outlet runs it: the same title and simhash everywhere. */
function copyOf(story: number, outlet: number): ItemInput {
  return sampleItem(`story-${story}-outlet-${outlet}`, {
    title: `Summit ${['Geneva', 'Oslo', 'Lagos', 'Lima', 'Hanoi', 'Quito', 'Accra', 'Riga'][story]} talks resume`,
    simhash: (0x1000 + story).toString(16).padStart(4, '0').repeat(4),
  });
}

/** A deterministic shuffle, so each outlet lists the stories in its own order. */
function shuffled<T>(values: T[], seed: number): T[] {
  const out = [...values];
  let state = seed;
  for (let index = out.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const other = state % (index + 1);
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

describe.each(ENGINES)('copies of one story ingested at once on $engine', (testEngine) => {
  it.skipIf(Boolean(testEngine.skipReason))(
    'end in one story per event, without a deadlock, over several rounds',
    async () => {
      const { db, dispose } = await openTestDb(testEngine.engine, { poolSize: OUTLETS });
      try {
        const feeds = [];
        for (let outlet = 0; outlet < OUTLETS; outlet += 1)
          feeds.push(await db.feeds.add({ url: `https://outlet-${outlet}.example/rss` }));
        // Each round: every outlet polled at once, each listing all stories in its own order (the
        // order its locks are taken in does not follow it: a deadlock would fail a call).
        for (let round = 0; round < 3; round += 1) {
          const stories = Array.from({ length: STORIES }, (_, story) => story);
          await Promise.all(
            feeds.map((feed, outlet) =>
              db.items.ingest(
                feed.id,
                shuffled(stories, round * OUTLETS + outlet + 1).map((story) =>
                  copyOf(story, outlet + round * OUTLETS),
                ),
                sameSimhash,
              ),
            ),
          );
        }
        const { rows } = await sql<{ items: number; sources: number; n: number }>`SELECT
          item_count AS items, source_count AS sources, count(*) AS n FROM stories
          GROUP BY item_count, source_count`.execute(db.context.kysely);
        expect(
          rows.map((row) => ({ items: Number(row.items), sources: Number(row.sources), n: Number(row.n) })),
        ).toEqual([{ items: 3 * OUTLETS, sources: OUTLETS, n: STORIES }]);
      } finally {
        await dispose();
      }
    },
    60_000,
  );
});

const postgres = ENGINES.find((engine) => engine.engine === 'postgres')!;

describe('cluster locks on postgres', () => {
  it.skipIf(Boolean(postgres.skipReason))(
    "make a poll wait for an open transaction's copy of its story, and only for that",
    async () => {
      const { db, url, dispose } = await openTestDb('postgres');
      const second = await createDb(url, { poolSize: 2 });
      let release = () => {};
      try {
        const wire = await db.feeds.add({ url: 'https://wire.example/rss' });
        const outlet = await db.feeds.add({ url: 'https://outlet.example/rss' });
        const other = await db.feeds.add({ url: 'https://other.example/rss' });
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let firstStory: number | null = null;
        const first = db.transaction(async (tx) => {
          const [result] = await tx.items.ingest(wire.id, [copyOf(0, 0)], sameSimhash);
          firstStory = result!.storyId;
          await held;
        });
        await waitFor(async () => firstStory !== null);

        // Another event shares no key with the open transaction: it is not held up.
        const [unrelated] = await second.items.ingest(
          other.id,
          [sampleItem('unrelated', { title: 'Harvest festival draws crowds', simhash: 'abcdabcdabcdabcd' })],
          sameSimhash,
        );
        expect(unrelated).toMatchObject({ status: 'new', story: 'created' });

        // The same event waits for the open transaction, then joins its story.
        let settled = false;
        const copy = second.items.ingest(outlet.id, [copyOf(0, 1)], sameSimhash).finally(() => {
          settled = true;
        });
        await waitFor(async () => settled || (await lockWaiters(db, 'cluster_keys')) > 0);
        expect(settled).toBe(false);
        release();
        await first;
        const [joined] = await copy;
        expect(joined).toMatchObject({ status: 'new', story: 'joined', storyId: firstStory });
        expect((await db.stories.get(firstStory!))!.story).toMatchObject({ itemCount: 2, sourceCount: 2 });
      } finally {
        release();
        await second.close();
        await dispose();
      }
    },
  );
});

describe('several ingest calls in one transaction on postgres', () => {
  // The README's caveat, shown: each call takes its locks when it starts, so two such transactions
  // can each hold what the other's next call needs. PostgreSQL breaks the cycle and the loser gets a
  // typed, retryable error; the winner commits.
  it.skipIf(Boolean(postgres.skipReason))(
    'can deadlock; one fails with DbBusyError, the other commits',
    async () => {
      const { db, dispose } = await openTestDb('postgres');
      try {
        const left = await db.feeds.add({ url: 'https://left.example/rss' });
        const right = await db.feeds.add({ url: 'https://right.example/rss' });
        const quake = (key: string) =>
          sampleItem(key, { title: 'Alpine quake', simhash: '0123012301230123' });
        const flood = (key: string) => sampleItem(key, { title: 'Delta flood', simhash: '4567456745674567' });
        let firstCalls = 0;
        const bothHoldTheirFirstLocks = waitFor(async () => firstCalls === 2);
        const run = (feedId: number, first: ItemInput, then: ItemInput) =>
          db.transaction(async (tx) => {
            await tx.items.ingest(feedId, [first], sameSimhash);
            firstCalls += 1;
            await bothHoldTheirFirstLocks;
            await tx.items.ingest(feedId, [then], sameSimhash);
          });
        const outcomes = await Promise.allSettled([
          run(left.id, quake('left-1'), flood('left-2')),
          run(right.id, flood('right-1'), quake('right-2')),
        ]);
        const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(failed).toHaveLength(1);
        expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(DbBusyError);
        // The winner's two items are stored; the loser's first call was rolled back with its transaction.
        expect((await db.stats()).items).toBe(2);
      } finally {
        await dispose();
      }
    },
    30_000,
  );
});

describe('clusterLockRows', () => {
  it("names every band and title word once, in ascending order, within the table's bound", () => {
    const ids = clusterLockRows([
      { title: 'Geneva talks resume', simhash: '1000100010001000' },
      { title: 'Talks in Geneva resume', simhash: null },
    ]);
    // 4 bands (one value, four band numbers) and 3 title words ('in' is too short to count).
    expect(ids).toHaveLength(4 + 3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < CLUSTER_LOCK_ROWS)).toBe(true);
  });
});
