// Worker benchmark: generated feeds served with ETags from 64 loopback "hosts", polled by the real
// CLI (`once`) in three rounds: first poll, nothing changed (all 304), --changed of the feeds new.
// Baseline: a bare conditional GET of every feed at the same concurrency, in the same run.
//
//   npx tsx bench/worker.ts [--feeds 10000] [--changed 0.1] [--concurrency 32] [--engine sqlite|postgres|both]
//                           [--workers 1] [--keep-db] [--reuse-db] [--postgres-name nf_bench_worker]
//
// --workers N runs N `once` processes per round (they share the feeds through leases); every round
// checks that each feed was fetched exactly once. Needs apps/worker built. Results: stdout and
// bench/out/worker-<engine>.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase, dropPostgresDatabase, type NewsfeedDb } from '@newsfeed/db';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';
import { PostgresCpuMeter } from './lib/postgres-cpu.js';
import { BENCH_HOSTS, BenchFeedServer, loadCorpusPool } from './lib/worker-feed-server.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const DEFAULT_MAIN = path.join(REPO_ROOT, 'apps/worker/dist/main.js');
const CORPUS = path.join(SHARED_DIR, 'corpora/feeds/real-world');
const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    feeds: { type: 'string', default: '10000' },
    changed: { type: 'string', default: '0.1' },
    concurrency: { type: 'string', default: '32' },
    engine: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '1' },
    // The worker build to run; another checkout's (e.g. an older commit's apps/worker built apart)
    // gives a before/after comparison against the same database, server and load.
    main: { type: 'string', default: DEFAULT_MAIN },
    // PostgreSQL: keep the database (named after --feeds) for --reuse-db. SQLite's file is always kept.
    'keep-db': { type: 'boolean', default: false },
    // Reuse the database an earlier run kept (same --feeds) and skip the first poll, which takes
    // most of the time; the server serves each feed at the version its stored ETag names.
    'reuse-db': { type: 'boolean', default: false },
    // PostgreSQL: the name (a prefix for a database that is not kept) of the database made, so
    // benchmarks on a shared server can stay within their own names.
    'postgres-name': { type: 'string', default: 'nf_bench_worker' },
  },
});
const FEEDS = Number(args.feeds);
const CHANGED = Number(args.changed);
const CONCURRENCY = Number(args.concurrency);
const WORKERS = Number(args.workers);
const MAIN = path.resolve(args.main ?? DEFAULT_MAIN);
const REUSE = args['reuse-db'] ?? false;
const KEEP = (args['keep-db'] ?? false) || REUSE;
const SQLITE_FILE = path.join(OUT_DIR, 'worker-bench.db');
const POSTGRES_NAME = args['postgres-name'] ?? 'nf_bench_worker';
const KEPT_POSTGRES_NAME = `${POSTGRES_NAME}_${FEEDS}`;

function keptDatabaseUrl(engine: 'sqlite' | 'postgres'): string {
  if (engine === 'sqlite') return `file:${SQLITE_FILE}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${KEPT_POSTGRES_NAME}`;
  return url.toString();
}

/**
 * Lines the server up with a reused database: the port its feed URLs name, and each feed at the
 * version its stored ETag names (so the "nothing changed" round is all 304 however many runs came before).
 */
async function resumeServer(engine: 'sqlite' | 'postgres', server: BenchFeedServer): Promise<void> {
  const db = await createDb(keptDatabaseUrl(engine));
  try {
    const rows = await db.context.kysely.selectFrom('feeds').select(['url', 'etag']).execute();
    if (rows.length !== FEEDS)
      throw new Error(`--reuse-db: the kept database has ${rows.length} feeds, not ${FEEDS}`);
    for (const row of rows) {
      const state = BenchFeedServer.parseEtag(row.etag);
      if (state) server.setVersion(state.index, state.version);
    }
    await server.start(Number(new URL(rows[0]!.url).port));
  } finally {
    await db.close();
  }
}

interface RoundResult {
  round: string;
  workers: number;
  seconds: number;
  processSeconds: number;
  feedsPolled: number;
  feedsPerSecond: number;
  itemsNew: number;
  itemsPerSecond: number;
  /** p95 of item written -> story written, by the clustering stage (0 when nothing was clustered). */
  clusterLagP95Ms: number;
  failed: number;
  cpuMsPerFeed: number;
  /** PostgreSQL: the server's CPU for this database (its backends), per feed; null for SQLite. */
  dbCpuMsPerFeed: number | null;
  peakRssMiB: number;
  /** Feeds the server saw requested 0, 1, 2… times in the round: all should be at 1. */
  requestsPerFeed: number[];
}

interface ProcessSummary {
  polled: number;
  failed: number;
  itemsNew: number;
  elapsedMs: number;
  cpuMs: number;
  maxRssKb: number;
  clustered: number;
  clusterLagP95Ms: number | null;
  startEpochMs: number;
  processSeconds: number;
}

/** The node flags main.js's shebang names (its heap cap), so the benchmark runs the CLI as its bin does. */
function shebangFlags(): string[] {
  const first = readFileSync(MAIN, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env -S node(.*)$/.exec(first);
  return match ? match[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

/** Runs one `once` process and reads its summary line (counts, CPU, peak RSS, when polling started). */
async function runProcess(databaseUrl: string, workerId: string): Promise<ProcessSummary> {
  const started = performance.now();
  // For profiling: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=bench/out/prof'.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...shebangFlags(), ...nodeArgs, MAIN, 'once'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      WORKER_ID: workerId,
      WORKER_SEED_OPML: 'none',
      WORKER_ALLOWED_ADDRESSES: '127.0.0.0/8',
      WORKER_METRICS_PORT: '0',
      WORKER_FULL_TEXT: 'off',
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_BATCH_SIZE: '200',
      LOG_LEVEL: 'warn',
      // Settings under study (e.g. WORKER_POSTGRES_POOL_SIZE) pass through.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('WORKER_'))),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const summary =
    /(\d+) feeds: (\d+) updated, (\d+) unchanged, (\d+) failed, (\d+) disabled; (\d+) new items.*elapsed_ms=(\d+) cpu_ms=(\d+) max_rss_kb=(\d+)(?: start_epoch_ms=(\d+))?/.exec(
      stderr,
    );
  if (code !== 0 || !summary) throw new Error(`worker once failed (exit ${code}):\n${stderr.slice(-2000)}`);
  const [, polled, , , failed, , itemsNew, elapsedMs, cpuMs, maxRssKb, startEpochMs] = summary.map(Number);
  // The clustering stage's lag (item written -> story written), p95 over what this process placed.
  const lag = /(\d+) clustered \(lag_p95_ms=(\d+)\)/.exec(stderr);
  // Older builds do not print their start: count back from the exit (which adds the close-down).
  return {
    polled: polled!,
    failed: failed!,
    itemsNew: itemsNew!,
    elapsedMs: elapsedMs!,
    cpuMs: cpuMs!,
    maxRssKb: maxRssKb!,
    clustered: lag ? Number(lag[1]) : 0,
    clusterLagP95Ms: lag ? Number(lag[2]) : null,
    startEpochMs: Number.isNaN(startEpochMs) ? Date.now() - elapsedMs! : startEpochMs!,
    processSeconds: (performance.now() - started) / 1000,
  };
}

/** One round: `WORKERS` processes at once; rates over the polling itself (process start reported apart). */
async function runRound(
  round: string,
  databaseUrl: string,
  server: BenchFeedServer,
  db: NewsfeedDb,
): Promise<RoundResult> {
  server.resetHits();
  const meter = db.engine === 'postgres' ? new PostgresCpuMeter(db) : null;
  await meter?.start();
  const processes = await Promise.all(
    Array.from({ length: WORKERS }, (_, index) => runProcess(databaseUrl, `bench-worker-${index + 1}`)),
  );
  const dbCpuMs = (await meter?.stop()) ?? null;
  const start = Math.min(...processes.map((one) => one.startEpochMs));
  const end = Math.max(...processes.map((one) => one.startEpochMs + one.elapsedMs));
  const pollingSeconds = Math.max(1, end - start) / 1000;
  const sum = (pick: (one: ProcessSummary) => number) =>
    processes.reduce((total, one) => total + pick(one), 0);
  const polled = sum((one) => one.polled);
  return {
    round,
    workers: WORKERS,
    seconds: Math.round(pollingSeconds * 100) / 100,
    processSeconds: Math.round(Math.max(...processes.map((one) => one.processSeconds)) * 100) / 100,
    feedsPolled: polled,
    feedsPerSecond: Math.round(polled / pollingSeconds),
    itemsNew: sum((one) => one.itemsNew),
    itemsPerSecond: Math.round(sum((one) => one.itemsNew) / pollingSeconds),
    // The process that held the clusterer lease placed everything; its p95 is the stage's.
    clusterLagP95Ms: Math.max(
      0,
      ...processes.filter((one) => one.clustered > 0).map((one) => one.clusterLagP95Ms ?? 0),
    ),
    failed: sum((one) => one.failed),
    cpuMsPerFeed: Math.round((sum((one) => one.cpuMs) / Math.max(1, polled)) * 100) / 100,
    dbCpuMsPerFeed: dbCpuMs === null ? null : Math.round((dbCpuMs / Math.max(1, polled)) * 100) / 100,
    peakRssMiB: Math.round(Math.max(...processes.map((one) => one.maxRssKb)) / 1024),
    requestsPerFeed: server.hitHistogram(),
  };
}

/** The baseline: one conditional GET per feed with fetch, `CONCURRENCY` at a time. */
async function rawConditionalGets(server: BenchFeedServer, etags: string[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < server.count) {
        const index = next++;
        const response = await fetch(server.url(index), { headers: { 'if-none-match': etags[index]! } });
        await response.arrayBuffer();
      }
    }),
  );
  return Math.round(server.count / ((performance.now() - started) / 1000));
}

async function makeAllDue(db: NewsfeedDb): Promise<void> {
  await db.context.kysely.updateTable('feeds').set({ next_poll_at: 0 }).execute();
}

async function bench(engine: 'sqlite' | 'postgres', server: BenchFeedServer) {
  let databaseUrl: string;
  let cleanup: () => Promise<void> = async () => undefined;
  if (REUSE) {
    databaseUrl = keptDatabaseUrl(engine);
  } else if (engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(SQLITE_FILE + suffix, { force: true });
    databaseUrl = keptDatabaseUrl(engine);
  } else if (KEEP) {
    await dropPostgresDatabase(ADMIN_URL, KEPT_POSTGRES_NAME);
    databaseUrl = await createPostgresDatabase(ADMIN_URL, KEPT_POSTGRES_NAME);
  } else {
    const name = `${POSTGRES_NAME}_${randomBytes(4).toString('hex')}`;
    databaseUrl = await createPostgresDatabase(ADMIN_URL, name);
    cleanup = () => dropPostgresDatabase(ADMIN_URL, name);
  }
  const db = await createDb(databaseUrl);
  try {
    if (!REUSE) for (let index = 0; index < FEEDS; index++) await db.feeds.add({ url: server.url(index) });
    console.log(
      `[${engine}] ${FEEDS} feeds on ${BENCH_HOSTS} hosts, concurrency ${CONCURRENCY}, ${WORKERS} worker process(es)`,
    );
    const rounds: RoundResult[] = [];
    const record = (result: RoundResult) => {
      rounds.push(result);
      console.log(`[${engine}] ${JSON.stringify(result)}`);
    };
    // Change rounds are seeded by the feeds' versions, so a reused database gets changes it has not seen.
    const changeSeed =
      Math.max(0, ...Array.from({ length: FEEDS }, (_, index) => server.versionOf(index))) + 1;
    if (!REUSE) record(await runRound('first poll (all new)', databaseUrl, server, db));
    const etags = Array.from({ length: FEEDS }, (_, index) => `"${index}-${server.versionOf(index)}"`);
    const baselineFeedsPerSecond = await rawConditionalGets(server, etags);
    console.log(`[${engine}] baseline: bare conditional GETs ${baselineFeedsPerSecond} feeds/s`);
    await makeAllDue(db);
    const unchanged = await runRound('nothing changed (all 304)', databaseUrl, server, db);
    record(unchanged);
    const changed = server.change(CHANGED, changeSeed);
    await makeAllDue(db);
    const tenPercent = await runRound(
      `${Math.round(CHANGED * 100)}% changed (${changed} feeds)`,
      databaseUrl,
      server,
      db,
    );
    record(tenPercent);
    const stats = await db.stats();
    const result = {
      engine,
      feeds: FEEDS,
      hosts: BENCH_HOSTS,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      node: process.version,
      rounds,
      baselineConditionalGetFeedsPerSecond: baselineFeedsPerSecond,
      ratioUnchangedToBaseline: Math.round((unchanged.feedsPerSecond / baselineFeedsPerSecond) * 100) / 100,
      ratioChangedToBaseline: Math.round((tenPercent.feedsPerSecond / baselineFeedsPerSecond) * 100) / 100,
      peakRssMiB: Math.max(...rounds.map((round) => round.peakRssMiB)),
      database: stats,
    };
    const suffix = WORKERS > 1 ? `-${WORKERS}workers` : '';
    writeFileSync(
      path.join(OUT_DIR, `worker-${engine}${suffix}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await db.close();
    await cleanup();
  }
}

async function main() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the worker first`);
  if (!existsSync(CORPUS)) {
    console.log(`SKIP: the real-world feed corpus is not at ${CORPUS} (set NEWSFEED_SHARED_DIR)`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const pool = await loadCorpusPool(CORPUS);
  console.log(
    `corpus: ${pool.titles.length} titles, ${pool.sentences.length} sentences from ${pool.itemCounts.length} feeds`,
  );
  const engines =
    args.engine === 'both' ? (['sqlite', 'postgres'] as const) : [args.engine as 'sqlite' | 'postgres'];
  for (const engine of engines) {
    // A fresh server per engine: every feed starts at version 0 again.
    const server = new BenchFeedServer(pool, FEEDS);
    if (REUSE) await resumeServer(engine, server);
    else await server.start(0);
    try {
      await bench(engine, server);
    } finally {
      await server.stop();
    }
  }
}

await main();
