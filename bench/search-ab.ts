// Search A/B: bench/db.ts's query mix on one existing database through two copies of the database
// layer's source, interleaved query by query so the machine's load slows both alike; wall and CPU
// time per query and hits on the first pages, overall and by query kind. On PostgreSQL each side has
// one connection, and its server process's CPU time is read around each query too (/proc, 10 ms
// steps: means, not p95).
//
//   npx tsx bench/search-ab.ts --db file:bench/out/db-bench.db --a /tmp/before/packages/db/src \
//                              [--b packages/db/src] [--db-b URL] [--runs 1000]
//
// --db-b: side B reads its own database (a copy with B's migrations applied), A reads --db.
//
// An earlier commit: `git worktree add /tmp/before <commit>`, then link its packages/db/node_modules
// to ours. Neither copy migrates the database. Results: stdout and bench/out/search-ab.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { NewsfeedDb } from '@newsfeed/db';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { cpuMsOf } from './lib/postgres-cpu.js';
import { cpuMsSince, latency, type QueryKind, searchQuery } from './lib/search-queries.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    a: { type: 'string' },
    b: { type: 'string', default: path.join(REPO_ROOT, 'packages/db/src') },
    'db-b': { type: 'string' },
    runs: { type: 'string', default: '1000' },
  },
});
if (!args.db || !args.a)
  throw new Error('usage: bench/search-ab.ts --db URL --a SRC_DIR [--b SRC_DIR] [--runs N]');
const RUNS = Number(args.runs);

async function open(sourceDir: string, url: string): Promise<NewsfeedDb> {
  const module = (await import(path.resolve(sourceDir, 'index.ts'))) as {
    createDb(url: string, options: { migrate: boolean; poolSize: number }): Promise<NewsfeedDb>;
  };
  return module.createDb(url, { migrate: false, poolSize: 1 });
}

/** The side's PostgreSQL server process (its only connection), or null on SQLite. */
async function serverPid(db: NewsfeedDb): Promise<number | null> {
  if (db.engine !== 'postgres') return null;
  const row = await db.context.kysely
    .selectNoFrom((eb) => eb.fn<number>('pg_backend_pid', []).as('pid'))
    .executeTakeFirst();
  return row?.pid ?? null;
}

interface Samples {
  wall: number[];
  cpu: number[];
  serverCpu: number[];
  /** Hits on the queries' first pages (20 each), to compare what each side finds. */
  hits: number;
}

const sides = await Promise.all(
  [
    { name: 'a', source: args.a, url: args.db },
    { name: 'b', source: args.b, url: args['db-b'] ?? args.db },
  ].map(async (side) => {
    const db = await open(side.source, side.url);
    return { ...side, db, pid: await serverPid(db) };
  }),
);
const all = sides.map((): Samples => ({ wall: [], cpu: [], serverCpu: [], hits: 0 }));
const byKind = sides.map(() => new Map<QueryKind, Samples>());
for (let run = -20; run < RUNS; run += 1) {
  const { kind, query } = searchQuery(run < 0 ? run + 20 : run); // warm-up: the first 20 queries
  for (const [index, side] of sides.entries()) {
    const serverStart = side.pid === null ? null : cpuMsOf(side.pid);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const page = await side.db.search.query({ query, limit: 20 });
    const cpu = cpuMsSince(cpuStart);
    const wall = performance.now() - started;
    const serverEnd = side.pid === null ? null : cpuMsOf(side.pid);
    if (run < 0) continue; // warm-up
    const kindSamples = byKind[index]!.get(kind) ?? { wall: [], cpu: [], serverCpu: [], hits: 0 };
    for (const samples of [all[index]!, kindSamples]) {
      samples.wall.push(wall);
      samples.cpu.push(cpu);
      samples.hits += page.items.length;
      if (serverStart !== null && serverEnd !== null) samples.serverCpu.push(serverEnd - serverStart);
    }
    byKind[index]!.set(kind, kindSamples);
  }
}
const mean = (values: number[]) =>
  Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 100) / 100;
const summary = (samples: Samples) => ({
  ...latency(samples.wall),
  cpu: latency(samples.cpu),
  hits: samples.hits,
  ...(samples.serverCpu.length > 0 ? { serverCpuMeanMs: mean(samples.serverCpu) } : {}),
});
const result = {
  db: args.db,
  ...(args['db-b'] ? { dbB: args['db-b'] } : {}),
  runs: RUNS,
  sides: sides.map((side, index) => ({
    name: side.name,
    source: side.source,
    search: summary(all[index]!),
    byKind: Object.fromEntries([...byKind[index]!].map(([kind, samples]) => [kind, summary(samples)])),
  })),
};
for (const side of sides) await side.db.close();
console.log(JSON.stringify(result, null, 2));
mkdirSync(path.join(REPO_ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(REPO_ROOT, 'bench/out/search-ab.json'), `${JSON.stringify(result, null, 2)}\n`);
