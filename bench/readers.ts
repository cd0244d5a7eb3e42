// Readers benchmark (issue 20): seed --items items (or --reuse a seeded database, such as a copy of
// the shared 1M seed, whose stories the front page needs) and --users users who have read
// --read-share of them, then time Google Reader stream contents (1,000 unread items, first page and
// one 10,000 items deep), unread counts per feed, and the front page alone and with a reader's read
// state, against a primary-key read (items.get); CPU per run beside wall-clock. Every reader is
// subscribed to every feed of the installation (packages/db entities/subscriptions.ts), so unread
// counts cover all --feeds: `--feeds 1000` measures a reader of exactly 1,000 feeds. Read state is
// written through itemStates.markAllRead, the API the Google Reader mark-all-as-read uses.
//
//   npx tsx bench/readers.ts [--engine sqlite|postgres] [--items 1000000] [--feeds N] [--users 10]
//                            [--read-share 0.5] [--runs 200] [--db-file bench/out/readers-bench.db]
//                            [--postgres-db NAME] [--reuse] [--keep]
//
// SQLite uses --db-file; PostgreSQL --postgres-db on 127.0.0.1:5432 (NEWSFEED_BENCH_POSTGRES_URL names
// the admin database). A database this run seeds is deleted unless --keep. Needs @newsfeed/db built.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase, dropPostgresDatabase, type Engine } from '@newsfeed/db';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { cpuMsSince, latency } from './lib/search-queries.js';
import { SyntheticCorpus, seedDatabase } from './lib/synthetic-corpus.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const STREAM_ITEMS = 1000;
const PAGE = 30;
const SAVED_PER_USER = 20;

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    items: { type: 'string', default: '1000000' },
    feeds: { type: 'string' },
    users: { type: 'string', default: '10' },
    'read-share': { type: 'string', default: '0.5' },
    runs: { type: 'string', default: '200' },
    'db-file': { type: 'string', default: path.join(OUT_DIR, 'readers-bench.db') },
    'postgres-db': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ENGINE = args.engine as Engine;
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres')
  throw new Error(`--engine: sqlite or postgres, not ${ENGINE}`);
const ITEMS = Number(args.items);
const FEEDS = Number(args.feeds ?? Math.max(1, Math.round(ITEMS / 100)));
const USERS = Number(args.users);
const READ_SHARE = Number(args['read-share']);
const RUNS = Number(args.runs);
const DB_FILE = path.resolve(args['db-file']);

/** The database to measure: its URL and how to let go of it. */
async function openTarget(): Promise<{ url: string; release: () => Promise<void> }> {
  const keep = args.keep || args.reuse;
  if (ENGINE === 'sqlite') {
    const files = ['', '-wal', '-shm'].map((suffix) => `${DB_FILE}${suffix}`);
    if (!args.reuse) for (const file of files) rmSync(file, { force: true });
    else if (!existsSync(DB_FILE)) throw new Error(`--reuse: no database at ${DB_FILE}`);
    return {
      url: `file:${DB_FILE}`,
      release: async () => {
        if (!keep) for (const file of files) rmSync(file, { force: true });
      },
    };
  }
  const name = args['postgres-db'] ?? `nf_readers_${randomBytes(4).toString('hex')}`;
  const url = args.reuse
    ? new URL(`/${name}`, ADMIN_URL).toString()
    : await createPostgresDatabase(ADMIN_URL, name);
  return {
    url,
    release: async () => {
      if (!keep) await dropPostgresDatabase(ADMIN_URL, name);
    },
  };
}

/** Wall-clock latency of each run, and this process's CPU per run (SQLite works in-process). */
async function timed(runs: number, work: (run: number) => Promise<unknown>) {
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work(run);
    samples.push(performance.now() - started);
  }
  return { ...latency(samples), cpuMsPerRun: Math.round((cpuMsSince(cpuStart) / runs) * 1000) / 1000 };
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const target = await openTarget();
  const db = await createDb(target.url);
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
    // Each user's mark-all-read timed alone, then the statistics pass (whole-database) on its own.
    const markAllReadMs: number[] = [];
    for (const userId of userIds) {
      const started = performance.now();
      await db.itemStates.markAllRead(userId, {}, upTo);
      markAllReadMs.push(Math.round(performance.now() - started));
      const newest = await db.itemStates.stream(userId, { limit: SAVED_PER_USER });
      await db.itemStates.mark(
        userId,
        newest.items.map((item) => item.id),
        { starred: true },
      );
    }
    // Statistics for the new state rows, as autovacuum's analyze would give them (the planner picks the
    // per-item probe of the state table's key only when it knows how many rows a user has).
    const analyzeStarted = performance.now();
    await db.maintenance.optimize();
    const analyzeMs = Math.round(performance.now() - analyzeStarted);
    console.log(`mark all read per user (ms): ${markAllReadMs.join(', ')}; statistics ${analyzeMs} ms`);

    const reader = userIds[0]!;
    const someIds = (await db.itemStates.stream(reader, { limit: 1000 })).items.map((item) => item.id);
    const baseline = await timed(RUNS, (run) => db.items.get(someIds[run % someIds.length]!));
    const unreadRequest = { limit: STREAM_ITEMS, excludeRead: true };
    const stream = await timed(RUNS, () => db.itemStates.stream(reader, unreadRequest));
    // A continuation 10,000 unread items into the stream.
    const deepCursor = (await db.itemStates.stream(reader, { ...unreadRequest, limit: 10_000 })).nextCursor;
    const streamDeep = await timed(RUNS, () =>
      db.itemStates.stream(reader, { ...unreadRequest, cursor: deepCursor }),
    );
    const unreadFeeds = (await db.itemStates.unreadCounts(reader)).length;
    const unread = await timed(RUNS, () => db.itemStates.unreadCounts(reader));
    // The page alone and the page with read state, alternated so both see the same machine load.
    const frontSamples: number[] = [];
    const frontWithStateSamples: number[] = [];
    let storiesOnPage = 0;
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      await db.stories.listTop({ limit: PAGE });
      frontSamples.push(performance.now() - started);
      started = performance.now();
      const page = await db.stories.listTop({ limit: PAGE });
      await db.itemStates.readStories(
        userIds[run % userIds.length]!,
        page.items.map((story) => story.id),
      );
      frontWithStateSamples.push(performance.now() - started);
      storiesOnPage = page.items.length;
    }
    const front = latency(frontSamples);
    const frontWithState = latency(frontWithStateSamples);
    const stats = await db.stats();
    const result = {
      date: new Date().toISOString(),
      engine: ENGINE,
      items: total,
      feeds: stats.feeds,
      stories: stats.stories,
      storiesOnPage,
      users: USERS,
      readShare: READ_SHARE,
      runs: RUNS,
      markAllReadMs,
      analyzeMs,
      baselineItemsGetMs: baseline,
      streamContents1000UnreadMs: stream,
      streamContents1000UnreadDeepMs: streamDeep,
      unreadCountsMs: unread,
      unreadCountsFeeds: unreadFeeds,
      frontPageMs: front,
      frontPageWithReadStateMs: frontWithState,
      frontPageRatioP95: Math.round((frontWithState.p95 / front.p95) * 100) / 100,
      streamVsBaselineP95: Math.round(stream.p95 / baseline.p95),
    };
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(path.join(OUT_DIR, `readers-${ENGINE}.json`), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.close();
    await target.release();
  }
}

await main();
