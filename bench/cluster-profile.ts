// Where the clustering stage spends its CPU per item, deterministically: on a copy of a seeded SQLite
// database, write --ingest-items more of its corpus (one poll at a time, so item ids are the same on
// every run), then place them with the worker's Clusterer in this thread on a clock that stands still
// (so no eviction or time budget depends on how busy the machine is). Prints the CPU per item of the
// writes and of the placements, and a fingerprint of every story; --profile-dir writes a CPU profile
// of each; --statements the time in each SQLite statement. --tree measures another checkout's build
// (its packages/db and apps/worker dist), for an A/B on the same input. Works on a copy of SEED.db
// (LABEL.db beside it, deleted at the end), made after checkpointing SEED.db: use a copy of your own.
//
//   npx tsx bench/cluster-profile.ts --db-file SEED.db --feeds N [--ingest-items 5000] [--tree DIR]
//                                    [--profile-dir DIR] [--statements] [--label cluster-profile]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '@newsfeed/db';
import BetterSqlite3 from 'better-sqlite3';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { copySqliteDatabase } from './lib/sqlite-copy.js';
import { timeStatements } from './lib/statement-timer.js';
import { continueSeededCorpus, ingestPolls } from './lib/synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    'db-file': { type: 'string' },
    feeds: { type: 'string', default: '10000' },
    'ingest-items': { type: 'string', default: '5000' },
    tree: { type: 'string', default: REPO_ROOT },
    'profile-dir': { type: 'string' },
    label: { type: 'string', default: 'cluster-profile' },
    statements: { type: 'boolean', default: false },
  },
});
if (!args['db-file']) throw new Error('usage: bench/cluster-profile.ts --db-file SEED.db --feeds N');
const TREE = path.resolve(args.tree);
const INGEST_ITEMS = Number(args['ingest-items']);

const load = (file: string) => import(pathToFileURL(path.join(TREE, file)).href);

/** Statement texts are grouped by their start: enough to tell them apart, short enough to print. */
const STATEMENT_LABEL_CHARS = 110;
/** How often the placing stage looks whether the queue is empty. */
const DRAINED_POLL_MS = 20;
/** Statements printed per stage with --statements, the slowest first. */
const STATEMENTS_SHOWN = 25;

const timer = args.statements
  ? timeStatements(path.join(TREE, 'packages/db/package.json'), STATEMENT_LABEL_CHARS)
  : null;

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function profiled<T>(name: string, work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const session = args['profile-dir'] ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const started = process.cpuUsage();
  if (timer) {
    timer.statements.clear();
    timer.on = true;
  }
  const value = await work();
  if (timer) {
    timer.on = false;
    console.log(`--- ${name}: statements`);
    const slowest = [...timer.statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, STATEMENTS_SHOWN);
    for (const [label, { ms, calls }] of slowest)
      console.log(ms.toFixed(0).padStart(7), 'ms', String(calls).padStart(7), label);
  }
  const used = cpuMs(process.cpuUsage(started));
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(args['profile-dir']!, { recursive: true });
    writeFileSync(
      path.join(args['profile-dir']!, `${args.label}-${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
  return { value, cpuMs: used };
}

/** Every story as the sorted keys of its items, sorted: independent of ids. */
function fingerprint(file: string): { stories: number; fingerprint: string } {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const byStory = new Map<number, string[]>();
    const rows = sqlite
      .prepare(
        'SELECT story_members.story_id, items.key FROM story_members JOIN items ON items.id = story_members.item_id',
      )
      .iterate() as Iterable<{ story_id: number; key: string }>;
    for (const row of rows) {
      const keys = byStory.get(row.story_id);
      if (keys) keys.push(row.key);
      else byStory.set(row.story_id, [row.key]);
    }
    const hash = createHash('sha256');
    for (const story of [...byStory.values()].map((keys) => keys.sort().join(' ')).sort())
      hash.update(`${story}\n`);
    return { stories: byStory.size, fingerprint: hash.digest('hex').slice(0, 16) };
  } finally {
    sqlite.close();
  }
}

async function main() {
  const [{ createDb }, { Clusterer }, { clustererSettings }, { loadWorkerConfig }] = await Promise.all([
    load('packages/db/dist/index.js'),
    load('apps/worker/dist/cluster/clusterer.js'),
    load('apps/worker/dist/runtime.js'),
    load('apps/worker/dist/env.js'),
  ]);
  const copy = copySqliteDatabase(path.resolve(args['db-file']!), args.label);
  const file = copy.url.slice('file:'.length);
  const db = (await createDb(copy.url)) as Db;
  try {
    const { existing, feedIds, polls } = await continueSeededCorpus(db, Number(args.feeds), INGEST_ITEMS);
    const writes = await profiled('writes', () =>
      ingestPolls(db, feedIds, polls, { items: INGEST_ITEMS, pollsInFlight: 1 }),
    );
    const settings = clustererSettings(loadWorkerConfig({ ...process.env, DATABASE_URL: copy.url }));
    const quiet = { error() {}, warn() {}, info() {}, debug() {} };
    const events = { leaseHeld() {}, batchWritten() {}, budgetExceeded() {} };
    const clock = Date.now();
    // A clock that stands still: no eviction or batch budget depends on the machine's speed.
    const clusterer = new Clusterer(
      db,
      { ...settings, batchBudgetMs: Number.MAX_SAFE_INTEGER },
      quiet,
      events,
      'cluster-profile',
      () => clock,
    );
    const startCpu = process.cpuUsage();
    const running = clusterer.run();
    await clusterer.ready();
    const warmLoadCpuMs = cpuMs(process.cpuUsage(startCpu));
    const placing = await profiled('clustering', async () => {
      while ((await db.clustering.newestQueued()) !== null)
        await new Promise((resolve) => setTimeout(resolve, DRAINED_POLL_MS));
    });
    clusterer.stop();
    await running;
    const placed = clusterer.stats.placed as number;
    await db.close();
    console.log(
      JSON.stringify(
        {
          tree: TREE,
          existing,
          written: writes.value.items,
          writesCpuUsPerItem: Math.round((writes.cpuMs * 1000) / writes.value.items),
          warmLoadCpuMs: Math.round(warmLoadCpuMs),
          placed,
          clusteringCpuUsPerItem: Math.round((placing.cpuMs * 1000) / placed),
          clusteringItemsPerCpuSecond: Math.round((placed * 1000) / placing.cpuMs),
          ...fingerprint(file),
        },
        null,
        2,
      ),
    );
  } finally {
    copy.remove();
  }
}

await main();
