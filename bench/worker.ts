// Worker benchmark: 10,000 feeds generated from the real-world corpus, served with ETags from 64
// loopback "hosts", polled by the real CLI (`node apps/worker/dist/main.js once`) in three rounds:
// the first poll (every item new), a round where nothing changed (all 304), and a round where 10 %
// of the feeds gained items. The baseline, measured in the same run against the same server, is a
// bare conditional GET of every feed with Node's fetch at the same concurrency (no database, no
// politeness): the ratio says what the worker's bookkeeping costs on top of the network.
//
//   npx tsx bench/worker.ts [--feeds 10000] [--changed 0.1] [--concurrency 32] [--engine sqlite|postgres|both]
//
// Needs apps/worker built (npx -y pnpm@12.4.2 turbo run build --filter=@newsfeed/worker...).
// SQLite writes bench/out/worker-bench.db; PostgreSQL uses a fresh database on 127.0.0.1:5432,
// dropped at the end. Results go to stdout and bench/out/worker-<engine>.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase, dropPostgresDatabase, type NewsfeedDb } from '@newsfeed/db';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';
import { BENCH_HOSTS, BenchFeedServer, loadCorpusPool } from './lib/worker-feed-server.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const MAIN = path.join(REPO_ROOT, 'apps/worker/dist/main.js');
const CORPUS = path.join(SHARED_DIR, 'corpora/feeds/real-world');
const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    feeds: { type: 'string', default: '10000' },
    changed: { type: 'string', default: '0.1' },
    concurrency: { type: 'string', default: '32' },
    engine: { type: 'string', default: 'sqlite' },
    // SQLite only: keep bench/out/worker-bench.db from an earlier run (same --feeds) and skip the
    // first poll, which takes most of the time; the server replays the earlier run's changes.
    'reuse-db': { type: 'boolean', default: false },
  },
});
const FEEDS = Number(args.feeds);
const CHANGED = Number(args.changed);
const CONCURRENCY = Number(args.concurrency);
const REUSE = args['reuse-db'] ?? false;

/** The port the reused database's feed URLs name, so the server can listen there again. */
async function reusedPort(): Promise<number> {
  const db = await createDb(`file:${path.join(OUT_DIR, 'worker-bench.db')}`);
  try {
    const first = (await db.feeds.list({ limit: 1 })).items[0];
    if (!first) throw new Error('--reuse-db: bench/out/worker-bench.db has no feeds');
    return Number(new URL(first.url).port);
  } finally {
    await db.close();
  }
}

interface RoundResult {
  round: string;
  seconds: number;
  processSeconds: number;
  feedsPolled: number;
  feedsPerSecond: number;
  itemsNew: number;
  itemsPerSecond: number;
  failed: number;
  cpuMsPerFeed: number;
  peakRssMiB: number;
}

/** The node flags main.js's shebang names (its heap cap), so the benchmark runs the CLI as its bin does. */
function shebangFlags(): string[] {
  const first = readFileSync(MAIN, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env -S node(.*)$/.exec(first);
  return match ? match[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

/** Runs `once` as a child process and reads its summary line (counts, CPU, peak RSS). */
async function runOnce(round: string, databaseUrl: string): Promise<RoundResult> {
  const started = performance.now();
  // For profiling: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=bench/out/prof'.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...shebangFlags(), ...nodeArgs, MAIN, 'once'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      WORKER_SEED_OPML: 'none',
      WORKER_ALLOWED_ADDRESSES: '127.0.0.0/8',
      WORKER_METRICS_PORT: '0',
      WORKER_FULL_TEXT: 'off',
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_BATCH_SIZE: '200',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const summary =
    /(\d+) feeds: (\d+) updated, (\d+) unchanged, (\d+) failed, (\d+) disabled; (\d+) new items.*elapsed_ms=(\d+) cpu_ms=(\d+) max_rss_kb=(\d+)/.exec(
      stderr,
    );
  if (code !== 0 || !summary) throw new Error(`worker once failed (exit ${code}):\n${stderr.slice(-2000)}`);
  const [, polled, , , failed, , itemsNew, elapsedMs, cpuMs, maxRss] = summary.map(Number);
  // Rates over the polling itself; process start (loading the parser) is reported apart.
  const pollingSeconds = elapsedMs! / 1000;
  return {
    round,
    seconds: Math.round(pollingSeconds * 100) / 100,
    processSeconds: Math.round(seconds * 100) / 100,
    feedsPolled: polled!,
    feedsPerSecond: Math.round(polled! / pollingSeconds),
    itemsNew: itemsNew!,
    itemsPerSecond: Math.round(itemsNew! / pollingSeconds),
    failed: failed!,
    cpuMsPerFeed: Math.round((cpuMs! / polled!) * 100) / 100,
    peakRssMiB: Math.round(maxRss! / 1024),
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
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const file = path.join(OUT_DIR, 'worker-bench.db');
    if (!REUSE) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    databaseUrl = `file:${file}`;
    cleanup = async () => undefined;
  } else {
    const name = `nf_bench_worker_${randomBytes(4).toString('hex')}`;
    databaseUrl = await createPostgresDatabase(ADMIN_URL, name);
    cleanup = () => dropPostgresDatabase(ADMIN_URL, name);
  }
  const db = await createDb(databaseUrl);
  try {
    if (!REUSE) for (let index = 0; index < FEEDS; index++) await db.feeds.add({ url: server.url(index) });
    console.log(`[${engine}] ${FEEDS} feeds on ${BENCH_HOSTS} hosts, concurrency ${CONCURRENCY}`);
    const rounds: RoundResult[] = [];
    const record = (result: RoundResult) => {
      rounds.push(result);
      console.log(`[${engine}] ${JSON.stringify(result)}`);
    };
    if (REUSE) server.change(CHANGED, 1);
    else record(await runOnce('first poll (all new)', databaseUrl));
    const etags = Array.from({ length: FEEDS }, (_, index) => `"${index}-${server.versionOf(index)}"`);
    const baselineFeedsPerSecond = await rawConditionalGets(server, etags);
    console.log(`[${engine}] baseline: bare conditional GETs ${baselineFeedsPerSecond} feeds/s`);
    await makeAllDue(db);
    const unchanged = await runOnce('nothing changed (all 304)', databaseUrl);
    record(unchanged);
    const changed = server.change(CHANGED, REUSE ? 2 : 1);
    await makeAllDue(db);
    const tenPercent = await runOnce(`${Math.round(CHANGED * 100)}% changed (${changed} feeds)`, databaseUrl);
    record(tenPercent);
    const stats = await db.stats();
    const result = {
      engine,
      feeds: FEEDS,
      hosts: BENCH_HOSTS,
      concurrency: CONCURRENCY,
      node: process.version,
      rounds,
      baselineConditionalGetFeedsPerSecond: baselineFeedsPerSecond,
      ratioUnchangedToBaseline: Math.round((unchanged.feedsPerSecond / baselineFeedsPerSecond) * 100) / 100,
      ratioChangedToBaseline: Math.round((tenPercent.feedsPerSecond / baselineFeedsPerSecond) * 100) / 100,
      peakRssMiB: Math.max(...rounds.map((round) => round.peakRssMiB)),
      database: stats,
    };
    writeFileSync(path.join(OUT_DIR, `worker-${engine}.json`), `${JSON.stringify(result, null, 2)}\n`);
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
    await server.start(REUSE ? await reusedPort() : 0);
    try {
      await bench(engine, server);
    } finally {
      await server.stop();
    }
  }
}

await main();
