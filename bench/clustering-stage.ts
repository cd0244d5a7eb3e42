// The clustering stage alone: load --items synthetic items through the worker's write path (the
// baseline rate), let the worker's clusterer place them all, and print its rate as a ratio of the
// writes'; then a fingerprint of the stories (unchanged by a change that keeps clustering as it was)
// and the time to place everything again, as `recluster` does.
//
//   npx tsx bench/clustering-stage.ts [--items 20000] [--in-flight 16] [--engine sqlite|postgres] [--membership FILE] [--keep]
//
// Needs @newsfeed/db and apps/worker built. Profile with `node --cpu-prof --import tsx bench/clustering-stage.ts`.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase, dropPostgresDatabase, type Engine } from '@newsfeed/db';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClusterStage, percentile } from './lib/clustering-stage.js';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { addFeeds, ingestPolls, SyntheticCorpus } from './lib/synthetic-corpus.js';

const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    'in-flight': { type: 'string', default: '16' },
    engine: { type: 'string', default: 'sqlite' },
    membership: { type: 'string' },
    // Keep the database afterwards (to inspect plans), and print where it is.
    keep: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(args.items);
const IN_FLIGHT = Number(args['in-flight']);
const ENGINE = args.engine as Engine;

const MEMBERSHIP_SQL =
  'SELECT story_members.story_id, items.key FROM story_members JOIN items ON items.id = story_members.item_id';

/** The stories as sorted lists of item keys, sorted: independent of story ids. */
function stories(rows: { story_id: number | string; key: string }[]): string[] {
  const byStory = new Map<string, string[]>();
  for (const row of rows) {
    const id = String(row.story_id);
    const keys = byStory.get(id);
    if (keys) keys.push(row.key);
    else byStory.set(id, [row.key]);
  }
  return [...byStory.values()].map((keys) => keys.sort().join(' ')).sort();
}

async function main() {
  let url: string;
  let readRows: () => Promise<{ story_id: number | string; key: string }[]>;
  let drop: () => Promise<void>;
  if (ENGINE === 'sqlite') {
    const file = path.join(REPO_ROOT, 'bench/out/clustering-stage.db');
    mkdirSync(path.dirname(file), { recursive: true });
    const files = [file, `${file}-wal`, `${file}-shm`];
    for (const f of files) rmSync(f, { force: true });
    url = `file:${file}`;
    readRows = async () => {
      const sqlite = new Database(file, { readonly: true });
      try {
        return sqlite.prepare(MEMBERSHIP_SQL).all() as { story_id: number; key: string }[];
      } finally {
        sqlite.close();
      }
    };
    drop = async () => {
      if (args.keep) console.log(`kept ${file}`);
      else for (const f of files) rmSync(f, { force: true });
    };
  } else {
    const name = `nf_bench_${randomBytes(4).toString('hex')}`;
    url = await createPostgresDatabase(ADMIN_URL, name);
    readRows = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(MEMBERSHIP_SQL)).rows;
      } finally {
        await client.end();
      }
    };
    drop = async () => {
      if (args.keep) console.log(`kept PostgreSQL database ${name}`);
      else await dropPostgresDatabase(ADMIN_URL, name);
    };
  }
  const db = await createDb(url);
  try {
    // The worker's stage, its thread started (on an empty queue) before the clock, as `run` keeps one.
    const clusterer = await createClusterStage(db, url, 'bench-stage');
    await clusterer.runUntilDrained();
    const corpus = new SyntheticCorpus({ feeds: Math.max(1, Math.round(ITEMS / 100)), items: ITEMS });
    const feedIds = await addFeeds(db, corpus);
    const written = await ingestPolls(db, feedIds, corpus.polls(), {
      items: ITEMS,
      pollsInFlight: IN_FLIGHT,
    });
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await clusterer.runUntilDrained();
    const clusterMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const clusterCpuMs = (cpu.user + cpu.system) / 1000;
    const list = stories(await readRows());
    // `recluster`: everything queued again and placed again, mostly into the stories it is in.
    await clusterer.close();
    const requeued = await db.clustering.requeue(0);
    const reclusterer = await createClusterStage(db, url, 'bench-recluster');
    const reclusterStarted = performance.now();
    await reclusterer.runUntilDrained();
    const reclusterMs = performance.now() - reclusterStarted;
    await reclusterer.close();
    const reclustered = stories(await readRows());
    if (args.membership) writeFileSync(args.membership, `${list.join('\n')}\n`);
    const writesPerSecond = (written.items * 1000) / written.ingestMs;
    const clusteredPerSecond = (clusterer.stats.placed * 1000) / clusterMs;
    console.log(
      JSON.stringify(
        {
          engine: ENGINE,
          items: written.items,
          writesPerSecond: Math.round(writesPerSecond),
          clusteredPerSecond: Math.round(clusteredPerSecond),
          clusteredPerCpuSecond: Math.round((clusterer.stats.placed * 1000) / clusterCpuMs),
          clusteringToWritesRatio: Number((clusteredPerSecond / writesPerSecond).toFixed(3)),
          batches: clusterer.stats.batches,
          lagP95Ms: Math.round(percentile(clusterer.stats.lagsMs, 0.95)),
          reclusteredPerSecond: Math.round((requeued * 1000) / reclusterMs),
          reclusterKeepsStories: reclustered.join('\n') === list.join('\n'),
          stories: list.length,
          storiesFingerprint: createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 16),
          command: `npx tsx bench/clustering-stage.ts --items ${ITEMS} --in-flight ${IN_FLIGHT} --engine ${ENGINE}`,
        },
        null,
        2,
      ),
    );
  } finally {
    await db.close();
    await drop();
  }
}

await main();
