// Database benchmark on the synthetic corpus: load --items through the worker's write path and
// clustering stage, ingest --ingest-items more as `run` does (write rate, write + clustering rate,
// clusterer lag), then time the front page and search against a primary-key read (items.get).
//
//   npx tsx bench/db.ts [--items 1000000] [--ingest-items 20000] [--ingest-in-flight 16] [--feeds N] [--engine sqlite|postgres|both]
//                       [--runs 1000] [--load-in-flight 16] [--load-items N] [--keep]
//                       [--db-file bench/out/db-bench.db] [--postgres-db NAME] [--reuse]
//
// Needs @newsfeed/db and apps/worker built. PostgreSQL gets a fresh database on 127.0.0.1:5432
// (NEWSFEED_BENCH_POSTGRES_URL names the admin database), dropped unless --keep. --reuse measures an
// existing database and ingests --ingest-items more of its corpus, the polls after the stored items
// (same --items and --feeds as the run that made it: the corpus's feeds and times depend on them),
// after a load of --load-items (default 0 when reusing): writes alone, then clustering alone.
// Results: stdout and bench/out/db-<engine>.json.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, createPostgresDatabase, dropPostgresDatabase, type Engine } from '@newsfeed/db';
import { createClusterStage, percentile, queueDrained } from './lib/clustering-stage.js';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { PostgresCpuMeter } from './lib/postgres-cpu.js';
import { cpuMsSince, type Latency, latency, type QueryKind, searchQuery } from './lib/search-queries.js';
import { addFeeds, ingestPolls, SyntheticCorpus, seededFeedIds, takePolls } from './lib/synthetic-corpus.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const PAGE = 30;

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    feeds: { type: 'string' },
    engine: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '1000' },
    'ingest-items': { type: 'string', default: '20000' },
    // The worker's default WORKER_CONCURRENCY: polls it ingests at once.
    'ingest-in-flight': { type: 'string', default: '16' },
    'load-in-flight': { type: 'string', default: '16' },
    // Items the load writes (then clusters): --items, or none on a reused database.
    'load-items': { type: 'string' },
    keep: { type: 'boolean', default: false },
    'db-file': { type: 'string', default: path.join(OUT_DIR, 'db-bench.db') },
    'postgres-db': { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(args.items);
const FEEDS = Number(args.feeds ?? Math.max(1, Math.round(ITEMS / 100)));
const RUNS = Number(args.runs);
const INGEST_ITEMS = Number(args['ingest-items']);
const INGEST_IN_FLIGHT = Number(args['ingest-in-flight']);
const LOAD_IN_FLIGHT = Number(args['load-in-flight']);

/**
 * Wall-clock latency, and `cpu`: this process's CPU time per run. On a shared machine the wall clock
 * also counts the time other processes held the cores; the CPU time is the query's own cost (all of it
 * for SQLite, which runs in this process; PostgreSQL's server-side work is not in it).
 */
interface Timing extends Latency {
  cpu: Latency;
}

async function time(runs: number, work: (run: number) => Promise<unknown>): Promise<Timing> {
  for (let run = 0; run < Math.min(20, runs); run += 1) await work(run); // warm caches
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await work(run);
    cpu.push(cpuMsSince(cpuStart));
    samples.push(performance.now() - started);
  }
  return { ...latency(samples), cpu: latency(cpu) };
}

const KEEP = args.keep || args.reuse;

async function openEngine(engine: Engine): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const file = path.resolve(args['db-file']);
    mkdirSync(path.dirname(file), { recursive: true });
    const files = [file, `${file}-wal`, `${file}-shm`];
    if (!(args.reuse && existsSync(file))) for (const f of files) rmSync(f, { force: true });
    return {
      url: `file:${file}`,
      drop: async () => {
        if (KEEP) console.log(`kept SQLite database ${file}`);
        else for (const f of files) rmSync(f, { force: true });
      },
    };
  }
  const name = args['postgres-db'] ?? `nf_bench_${randomBytes(4).toString('hex')}`;
  let url: string;
  try {
    url = await createPostgresDatabase(ADMIN_URL, name);
  } catch (error) {
    if (!(args.reuse && /already exists/.test(String(error)))) throw error;
    url = new URL(`/${name}`, ADMIN_URL).toString();
  }
  return {
    url,
    drop: async () => {
      if (KEEP) console.log(`kept PostgreSQL database ${name}`);
      else await dropPostgresDatabase(ADMIN_URL, name);
    },
  };
}

async function bench(engine: Engine) {
  const target = await openEngine(engine);
  const db = await createDb(target.url);
  try {
    const existing = args.reuse ? (await db.stats()).items : 0;
    const loadItems = Number(args['load-items'] ?? (existing > 0 ? 0 : ITEMS));
    // Reused: the corpus goes on after the items already stored (the same generator, so the same
    // items), for the load and --ingest-items more even when the database already holds them.
    const corpus = new SyntheticCorpus({
      feeds: FEEDS,
      items: Math.max(ITEMS, existing + loadItems) + INGEST_ITEMS,
    });
    const feedIds = existing > 0 ? await seededFeedIds(db, corpus) : await addFeeds(db, corpus);
    const polls = corpus.polls(existing);
    if (existing > 0) console.log(`[${engine}] reusing ${existing.toLocaleString('en')} items`);
    const progress = (label: string) => {
      let reported = 0;
      return (done: number, ingestMs: number) => {
        if (done - reported < 50_000) return;
        reported = done;
        const rate = Math.round((done * 1000) / ingestMs);
        console.log(
          `[${engine}] ${label}: ${done.toLocaleString('en')} items, ${rate} items/s in the database API`,
        );
      };
    };
    // PostgreSQL: its server's CPU time for this database too (SQLite runs inside this process).
    const serverCpu = engine === 'postgres' ? new PostgresCpuMeter(db) : null;
    await serverCpu?.start();
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const loaded = await ingestPolls(db, feedIds, polls, {
      items: loadItems,
      pollsInFlight: LOAD_IN_FLIGHT,
      onProgress: progress('load'),
    });
    const loadWritesMs = performance.now() - wallStart;
    const loadWritesCpu = process.cpuUsage(cpuStart);
    const loadWritesServerCpuMs = (await serverCpu?.stop()) ?? null;
    // The clustering stage alone over what the writes queued: its start (thread, lease, index load)
    // and its placements apart.
    const startCpu = process.cpuUsage();
    const loadClusterer = await createClusterStage(db, target.url, 'bench-load');
    const loadClustering = loadClusterer.run();
    await loadClusterer.prepare();
    const loadClusterStartCpu = process.cpuUsage(startCpu);
    await serverCpu?.start();
    const clusterCpuStart = process.cpuUsage();
    await queueDrained(db);
    const loadClusterCpu = process.cpuUsage(clusterCpuStart);
    loadClusterer.stop();
    await loadClustering;
    await loadClusterer.close();
    const loadWallMs = performance.now() - wallStart;
    const loadClusterServerCpuMs = (await serverCpu?.stop()) ?? null;
    const loadCpu = process.cpuUsage(cpuStart);
    const loadServerCpuMs =
      loadWritesServerCpuMs === null ? null : loadWritesServerCpuMs + (loadClusterServerCpuMs ?? 0);
    await db.maintenance.optimize();
    // The worker's own path, on a database of the loaded size: one call per poll, INGEST_IN_FLIGHT
    // polls at once as the worker runs them (SQLite commits the calls queued together as a group).
    // The worker's clustering stage in its own thread; the clock starts once it holds the lease and
    // has loaded its index, as in a worker that is running.
    // Generated before the clock starts: the generator is not the database (a third of the CPU timed).
    const ingestBatch = takePolls(polls, INGEST_ITEMS);
    const clusterer = await createClusterStage(db, target.url, 'bench-ingest');
    const clustering = clusterer.run();
    await clusterer.prepare();
    await serverCpu?.start();
    const ingestCpuStart = process.cpuUsage();
    const ingestStarted = performance.now();
    const ingested = await ingestPolls(db, feedIds, ingestBatch.values(), {
      items: INGEST_ITEMS,
      pollsInFlight: INGEST_IN_FLIGHT,
      onProgress: progress('ingest'),
    });
    await queueDrained(db);
    const ingestAndClusterMs = performance.now() - ingestStarted;
    clusterer.stop();
    await clustering;
    const ingestCpu = process.cpuUsage(ingestCpuStart);
    const ingestServerCpuMs = (await serverCpu?.stop()) ?? null;
    await clusterer.close();
    // CPU time of this process (the ingested polls were generated before the clock started): what one
    // core sustains, whatever else the shared machine is running.
    const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
    /** Items per CPU-second of this process and the PostgreSQL server together (null on SQLite). */
    const perTotalCpuSecond = (items: number, usage: NodeJS.CpuUsage, serverMs: number | null) =>
      serverMs === null ? null : Math.round((items * 1000) / (cpuMs(usage) + serverMs));
    await db.maintenance.optimize();
    const stats = await db.stats();

    // Nothing was deleted: item ids are 1..stats.items.
    const baseline = await time(RUNS, (run) => db.items.get(1 + ((run * 7919) % stats.items)));
    const frontPage = await time(RUNS, () => db.stories.listTop({ limit: PAGE }));
    let cursor: string | null = null;
    const deepPages = await time(RUNS, async (run) => {
      if (run % 10 === 0) cursor = null; // pages 1..10, over and over
      const page = await db.stories.listTop({ limit: PAGE, cursor });
      cursor = page.nextCursor;
    });
    const filtered = await time(RUNS, (run) =>
      db.stories.listTop({ limit: PAGE, language: run % 2 ? 'fr' : 'en' }),
    );
    let hits = 0;
    const byKind = new Map<QueryKind, { wall: number[]; cpu: number[] }>();
    const search = await time(RUNS, async (run) => {
      const { kind, query } = searchQuery(run);
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      hits += (await db.search.query({ query, limit: 20 })).items.length;
      const samples = byKind.get(kind) ?? { wall: [], cpu: [] };
      samples.cpu.push(cpuMsSince(cpuStart));
      samples.wall.push(performance.now() - started);
      byKind.set(kind, samples);
    });
    const searchByKind = Object.fromEntries(
      [...byKind].map(([kind, samples]) => [kind, { ...latency(samples.wall), cpu: latency(samples.cpu) }]),
    );
    const result = {
      engine,
      items: stats.items,
      feeds: FEEDS,
      stories: stats.stories,
      load: {
        pollsInFlight: LOAD_IN_FLIGHT,
        reusedItems: existing,
        items: loaded.items,
        itemsPerSecond: Math.round((loaded.items * 1000) / loaded.ingestMs),
        // Writes, then the clustering stage over everything they queued.
        itemsPerSecondWithClustering: Math.round((loaded.items * 1000) / loadWallMs),
        writesMinutes: Math.round(loadWritesMs / 600) / 100,
        itemsPerCpuSecond: Math.round((loaded.items * 1000) / cpuMs(loadCpu)),
        itemsPerCpuSecondWithServer: perTotalCpuSecond(loaded.items, loadCpu, loadServerCpuMs),
        // The two stages apart: the writes (with the corpus generator), then the clustering stage.
        writesItemsPerCpuSecond: Math.round((loaded.items * 1000) / cpuMs(loadWritesCpu)),
        writesItemsPerCpuSecondWithServer: perTotalCpuSecond(
          loaded.items,
          loadWritesCpu,
          loadWritesServerCpuMs,
        ),
        clusteringStartCpuSeconds: Math.round(cpuMs(loadClusterStartCpu) / 100) / 10,
        clusteringItemsPerCpuSecond: Math.round((loaded.items * 1000) / cpuMs(loadClusterCpu)),
        clusteringItemsPerCpuSecondWithServer: perTotalCpuSecond(
          loaded.items,
          loadClusterCpu,
          loadClusterServerCpuMs,
        ),
        minutes: Math.round(loadWallMs / 600) / 100,
      },
      ingest: {
        pollsInFlight: INGEST_IN_FLIGHT,
        items: ingested.items,
        itemsPerSecond: Math.round((ingested.items * 1000) / ingested.ingestMs),
        // Writes and the clustering stage beside them, until every item is in a story.
        itemsPerSecondWithClustering: Math.round((ingested.items * 1000) / ingestAndClusterMs),
        clusterLagMs: {
          p50: percentile(clusterer.stats.lagsMs, 0.5),
          p95: percentile(clusterer.stats.lagsMs, 0.95),
          max: percentile(clusterer.stats.lagsMs, 1),
        },
        itemsPerCpuSecond: Math.round((ingested.items * 1000) / cpuMs(ingestCpu)),
        itemsPerCpuSecondWithServer: perTotalCpuSecond(ingested.items, ingestCpu, ingestServerCpuMs),
        // The same, counting only the CPU time inside the database calls (not the corpus generator).
        itemsPerApiCpuSecond: Math.round((ingested.items * 1000) / ingested.ingestCpuMs),
      },
      baselineItemGet: baseline,
      frontPage,
      frontPageDeep: deepPages,
      frontPageByLanguage: filtered,
      search: { ...search, meanHits: Math.round((hits / (RUNS + Math.min(20, RUNS))) * 10) / 10 },
      searchByKind,
      ratiosToBaselineP95: {
        frontPage: Math.round((frontPage.p95 / baseline.p95) * 10) / 10,
        search: Math.round((search.p95 / baseline.p95) * 10) / 10,
      },
      sizeMiB: Math.round((await db.maintenance.sizeBytes()) / 2 ** 20),
      command: `npx tsx bench/db.ts --items ${ITEMS} --ingest-items ${INGEST_ITEMS} --ingest-in-flight ${INGEST_IN_FLIGHT} --feeds ${FEEDS} --engine ${engine} --runs ${RUNS} --load-in-flight ${LOAD_IN_FLIGHT}${args['load-items'] === undefined ? '' : ` --load-items ${loadItems}`}${args.reuse ? ' --reuse' : ''}`,
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, `db-${engine}.json`), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.close();
    await target.drop();
  }
}

const engines: Engine[] = args.engine === 'both' ? ['sqlite', 'postgres'] : [args.engine as Engine];
for (const engine of engines) await bench(engine);
