// Readers benchmark (issue 20): seed --items items and --users users who have read --read-share of
// them, then time Google Reader stream contents (1,000 unread items), unread counts per feed, and the
// front page alone and with a reader's read state, against a primary-key read (items.get).
//
//   npx tsx bench/readers.ts [--items 1000000] [--feeds N] [--users 10] [--read-share 0.5] [--runs 200]
//                            [--db-file bench/out/readers-bench.db] [--reuse] [--keep]
//
// SQLite only for now. Needs @newsfeed/db built.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@newsfeed/db';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { latency } from './lib/search-queries.js';
import { SyntheticCorpus, seedDatabase } from './lib/synthetic-corpus.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const STREAM_ITEMS = 1000;
const PAGE = 30;

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    feeds: { type: 'string' },
    users: { type: 'string', default: '10' },
    'read-share': { type: 'string', default: '0.5' },
    runs: { type: 'string', default: '200' },
    'db-file': { type: 'string', default: path.join(OUT_DIR, 'readers-bench.db') },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(args.items);
const FEEDS = Number(args.feeds ?? Math.max(1, Math.round(ITEMS / 100)));
const USERS = Number(args.users);
const READ_SHARE = Number(args['read-share']);
const RUNS = Number(args.runs);
const DB_FILE = path.resolve(args['db-file']);

async function timed(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work(run);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  if (!args.reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_FILE}${suffix}`, { force: true });
  else if (!existsSync(DB_FILE)) throw new Error(`--reuse: no database at ${DB_FILE}`);
  const db = await createDb(`file:${DB_FILE}`);
  try {
    if (!args.reuse) {
      const started = performance.now();
      await seedDatabase(db, new SyntheticCorpus({ feeds: FEEDS, items: ITEMS }));
      console.log(
        `seeded ${ITEMS} items over ${FEEDS} feeds in ${Math.round(performance.now() - started)} ms`,
      );
    }
    const { items: total } = await db.stats();
    const userIds: number[] = [];
    for (let n = 0; n < USERS; n++) {
      const name = `bench-reader-${n}`;
      const user =
        (await db.users.getByName(name)) ?? (await db.users.add({ name, password: 'bench password' }));
      userIds.push(user.id);
    }
    // Each user has read the oldest READ_SHARE of the items and saved a handful.
    const { rows } = await db.context.kysely
      .selectFrom('items')
      .select('sort_at')
      .orderBy('sort_at')
      .offset(Math.max(0, Math.floor(total * READ_SHARE) - 1))
      .limit(1)
      .execute()
      .then((found) => ({ rows: found }));
    const upTo = Number(rows[0]?.sort_at ?? 0);
    const statesStarted = performance.now();
    for (const userId of userIds) {
      await db.itemStates.markAllRead(userId, {}, upTo);
      const newest = await db.itemStates.stream(userId, { limit: 20 });
      await db.itemStates.mark(
        userId,
        newest.items.map((item) => item.id),
        { starred: true },
      );
    }
    console.log(`read state for ${USERS} users in ${Math.round(performance.now() - statesStarted)} ms`);

    const reader = userIds[0]!;
    const someIds = (await db.itemStates.stream(reader, { limit: 1000 })).items.map((item) => item.id);
    const baseline = latency(await timed(RUNS, (run) => db.items.get(someIds[run % someIds.length]!)));
    const stream = latency(
      await timed(RUNS, () => db.itemStates.stream(reader, { limit: STREAM_ITEMS, excludeRead: true })),
    );
    const unread = latency(await timed(RUNS, () => db.itemStates.unreadCounts(reader)));
    const front = latency(await timed(RUNS, () => db.stories.listTop({ limit: PAGE })));
    const frontWithState = latency(
      await timed(RUNS, async () => {
        const page = await db.stories.listTop({ limit: PAGE });
        await db.itemStates.readStories(
          reader,
          page.items.map((story) => story.id),
        );
      }),
    );
    const result = {
      date: new Date().toISOString(),
      items: total,
      feeds: FEEDS,
      users: USERS,
      readShare: READ_SHARE,
      runs: RUNS,
      baselineItemsGetMs: baseline,
      streamContents1000UnreadMs: stream,
      unreadCountsMs: unread,
      frontPageMs: front,
      frontPageWithReadStateMs: frontWithState,
      frontPageRatioP95: Math.round((frontWithState.p95 / front.p95) * 100) / 100,
      streamVsBaselineP95: Math.round(stream.p95 / baseline.p95),
    };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(path.join(OUT_DIR, 'readers-sqlite.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.close();
    if (!args.keep && !args.reuse)
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_FILE}${suffix}`, { force: true });
  }
}

await main();
