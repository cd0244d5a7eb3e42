// Web benchmark: the built app (apps/web/server.mjs, as `npm start` runs it) on a seeded SQLite database (or --database-url), loaded by autocannon:
// front page, story, search and /feed.xml, each p95 as a ratio to /robots.txt (no database) in the
// same run, and requests per server CPU-second.
//
//   npx tsx bench/web.ts [--items 1000000] [--feeds N] [--duration 30] [--connections 16] [--fresh] [--seed-only] [--partial]
//                        [--polls-in-flight 16]   (seeding: polls at once, as WORKER_CONCURRENCY)
//                        [--cache-ttl MS]   (WEB_CACHE_TTL_MS; 0 sends every request to the database)
//                        [--page-cache-ttl MS]   (WEB_PAGE_CACHE_TTL_MS; 0 renders every page request)
//                        [--database-url URL]   (measure this database as it is: a copy of bench/db.ts's SQLite file
//                                                or PostgreSQL database; no seeding)
//                        [--worker-beside] [--story-every MS]   (a running worker's writes meanwhile: lib/worker-beside.ts)
//                        [--web-dir DIR]   (another built apps/web, e.g. a copy of main's for an A/B run)
//                        [--targets baseline,front,...]   (only these of the targets below; baseline always runs)
//                        [--gzip]   (requests accept gzip, deflate and br, as browsers' do; without it, bodies come plain)
//
// Needs apps/web built. The seeded database stays in bench/out/web-<items>.db for the next run (an
// interrupted seeding resumes); --fresh seeds again. Results: stdout and bench/out/web.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@newsfeed/db';
import autocannon, { type AutocannonResult } from 'autocannon';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { cpuSecondsOfTree } from './lib/process-cpu.js';
import { seedOrResume } from './lib/resumable-seed.js';
import { SyntheticCorpus } from './lib/synthetic-corpus.js';
import { WorkerBeside } from './lib/worker-beside.js';

const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
const SEARCH_WORDS =
  `election ceasefire inflation parliament budget vaccine climate sanctions merger earthquake wildfire
harvest coalition verdict fraud railway currency satellite festival geneva kyiv brussels tokyo nairobi ankara`.split(
    /\s+/,
  );
// Two-word searches nobody has made before in the run (ordered pairs, each used once): what a reader
// typing a new query waits for, with nothing cached.
const COLD_SEARCH_WORDS = [
  ...SEARCH_WORDS,
  ...`minister government police court talks market prices energy troops border refugees hospital school
strike union shares investors profit technology privacy security missile drone army navy drought farmers protest
campaign party opposition investigation trial prison charges corruption`.split(/\s+/),
];
const COLD_SEARCHES = COLD_SEARCH_WORDS.flatMap((first) =>
  COLD_SEARCH_WORDS.filter((second) => second !== first).map((second) => `/search?q=${first}+${second}`),
);
const GOALS_P95_MS: Record<string, number> = { front: 50, search: 100 };
/** What Chromium sends: the server picks gzip (Next.js's compression prefers it). */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    feeds: { type: 'string' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '16' },
    fresh: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
    partial: { type: 'boolean', default: false },
    'cache-ttl': { type: 'string' },
    'page-cache-ttl': { type: 'string' },
    'database-url': { type: 'string' },
    'worker-beside': { type: 'boolean', default: false },
    'story-every': { type: 'string', default: '0' },
    'web-dir': { type: 'string' },
    targets: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    // Seeding makes exactly the worker's call per poll (items.ingest), then its clustering stage runs.
    'polls-in-flight': { type: 'string', default: '16' },
  },
});
const WEB_DIR = args['web-dir'] ? path.resolve(args['web-dir']) : path.join(REPO_ROOT, 'apps/web');
const ITEMS = Number(args.items);
const FEEDS = Number(args.feeds ?? Math.max(1, Math.round(ITEMS / 100)));
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const DB_PATH = path.join(OUT_DIR, `web-${ITEMS}.db`);
const DATABASE_URL = args['database-url'] ?? `file:${DB_PATH}`;

async function seeded(): Promise<{ storyIds: number[]; items: number; stories: number }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const marker = `${DB_PATH}.complete`;
  if (args.fresh)
    for (const suffix of ['', '-wal', '-shm', '.complete']) rmSync(`${DB_PATH}${suffix}`, { force: true });
  // --partial: measure an interrupted seeding as it is (the corpus is generated in time order, so a
  // partial database is the same corpus over a shorter span); the item count printed says how big.
  // Otherwise an interrupted seeding is continued where it stopped.
  if (!args['database-url'] && !existsSync(marker) && !(args.partial && existsSync(DB_PATH))) {
    const url = `file:${DB_PATH}`;
    const db = await createDb(url);
    const started = performance.now();
    let reported = 0;
    const { resumedFrom } = await seedOrResume(db, url, new SyntheticCorpus({ feeds: FEEDS, items: ITEMS }), {
      pollsInFlight: Number(args['polls-in-flight']),
      onProgress: (done, resumedFrom) => {
        if (done - reported < 50_000) return;
        reported = done;
        const rate = Math.round((done - resumedFrom) / ((performance.now() - started) / 1000));
        console.log(
          `seeding: ${done.toLocaleString('en')} / ${ITEMS.toLocaleString('en')} items (${rate}/s)`,
        );
      },
    });
    await db.close();
    if (resumedFrom > 0) console.log(`seeding: continued from ${resumedFrom.toLocaleString('en')} items`);
    writeFileSync(marker, new Date().toISOString());
  }
  const db = await createDb(DATABASE_URL);
  const top = await db.stories.listTop({ limit: 100 });
  const stats = await db.stats();
  await db.close();
  // Story pages of the front page's stories, the ones readers open, several sources each where possible.
  const storyIds = top.items
    .sort((a, b) => b.sourceCount - a.sourceCount)
    .slice(0, 30)
    .map((story) => story.id);
  return { storyIds, items: stats.items, stories: stats.stories };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startWeb(port: number): Promise<ChildProcess> {
  if (!existsSync(path.join(WEB_DIR, '.next/BUILD_ID')))
    throw new Error('apps/web is not built: pnpm turbo run build --filter=@newsfeed/web');
  // The app's own production server (apps/web/server.mjs); a build from before it has only `next start`.
  const server = path.join(WEB_DIR, 'server.mjs');
  const entry = existsSync(server)
    ? [server]
    : [createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next'), 'start'];
  const child = spawn(process.execPath, [...entry, '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL,
      ...(args['cache-ttl'] === undefined ? {} : { WEB_CACHE_TTL_MS: args['cache-ttl'] }),
      ...(args['page-cache-ttl'] === undefined ? {} : { WEB_PAGE_CACHE_TTL_MS: args['page-cache-ttl'] }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/robots.txt`)).ok) return child;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('the web server did not come up within 60 s');
}

interface Measurement {
  path: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests answered per CPU-second the server used (null without /proc): robust to a busy machine. */
  requestsPerServerCpuSecond: number | null;
  errors: number;
  non2xx: number;
}

function percentile(sorted: number[], q: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}

/** The target's paths in turn; one rotation serves the warm-up and the measurement, so cold paths stay cold. */
function rotation(paths: string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length]!;
}

async function load(
  base: string,
  paths: string[],
  nextPath: () => string,
  duration: number,
  server: number,
): Promise<Measurement> {
  const times: number[] = [];
  const cpuBefore = cpuSecondsOfTree(server);
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    headers: args.gzip ? { 'accept-encoding': BROWSER_ACCEPT_ENCODING } : {},
    requests: [
      {
        setupRequest: (request) => {
          request.path = nextPath();
          return request;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => times.push(responseTimeMs));
  const result = await new Promise<AutocannonResult>((resolve) => instance.on('done', resolve));
  const cpuAfter = cpuSecondsOfTree(server);
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  times.sort((a, b) => a - b);
  return {
    path: paths.length === 1 ? paths[0]! : `${paths[0]} (+${paths.length - 1} more)`,
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    requestsPerServerCpuSecond: cpu ? Math.round(times.length / cpu) : null,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main() {
  const { storyIds, items, stories } = await seeded();
  console.log(
    `database: ${DATABASE_URL} (${items.toLocaleString('en')} items, ${stories.toLocaleString('en')} stories)`,
  );
  if (args['seed-only']) return;
  const port = await freePort();
  const web = await startWeb(port);
  const base = `http://127.0.0.1:${port}`;
  const besideDb = args['worker-beside'] ? await createDb(DATABASE_URL) : null;
  const beside = besideDb ? new WorkerBeside(besideDb, { storyEveryMs: Number(args['story-every']) }) : null;
  beside?.start();
  const targets: Record<string, string[]> = {
    baseline: ['/robots.txt'],
    // The cost of any App Router page: layout, metadata, a small form, no database (with the
    // rendered-page cache on, the cost of serving a kept page).
    pageFloor: ['/search'],
    front: ['/'],
    story: storyIds.map((id) => `/story/${id}`),
    search: SEARCH_WORDS.map((word) => `/search?q=${word}`),
    searchCold: COLD_SEARCHES,
    feedXml: ['/feed.xml'],
  };
  const results: Record<string, Measurement> = {};
  try {
    const chosen = args.targets ? new Set(['baseline', ...args.targets.split(',')]) : null;
    for (const [name, paths] of Object.entries(targets)) {
      if (chosen && !chosen.has(name)) continue;
      const nextPath = rotation(paths);
      await load(base, paths, nextPath, 3, web.pid!); // warm-up: JIT, SQLite page cache, the app's caches
      results[name] = await load(base, paths, nextPath, DURATION, web.pid!);
      const r = results[name];
      console.log(
        `${name.padEnd(9)} ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  ${r.requestsPerServerCpuSecond ?? '?'} req/server-CPU-s` +
          (r.errors + r.non2xx > 0 ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ''),
      );
    }
  } finally {
    web.kill('SIGTERM');
    await beside?.stop();
    await besideDb?.close();
  }
  if (beside)
    console.log(`worker beside: ${beside.renewals} lease renewals, ${beside.storiesPlaced} new stories`);
  const baselineP95 = results.baseline!.p95;
  const ratios = Object.fromEntries(
    Object.entries(results)
      .filter(([name]) => name !== 'baseline')
      .map(([name, r]) => [name, Math.round((r.p95 / baselineP95) * 10) / 10]),
  );
  // Server CPU per request relative to /robots.txt's: how many baseline requests one costs.
  const baselineRate = results.baseline!.requestsPerServerCpuSecond;
  const cpuCostVsBaseline = Object.fromEntries(
    Object.entries(results)
      .filter(([name, r]) => name !== 'baseline' && r.requestsPerServerCpuSecond && baselineRate)
      .map(([name, r]) => [name, Math.round((baselineRate! / r.requestsPerServerCpuSecond!) * 10) / 10]),
  );
  const goals = Object.fromEntries(
    Object.entries(GOALS_P95_MS)
      .filter(([name]) => results[name])
      .map(([name, goal]) => [
        name,
        { goalP95Ms: goal, p95Ms: results[name]!.p95, met: results[name]!.p95 < goal },
      ]),
  );
  const summary = {
    items,
    stories,
    feeds: FEEDS,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    results,
    p95RatioToBaseline: ratios,
    cpuCostVsBaseline,
    goals,
    cacheTtlMs: args['cache-ttl'] === undefined ? 'app default' : Number(args['cache-ttl']),
    pageCacheTtlMs: args['page-cache-ttl'] === undefined ? 'app default' : Number(args['page-cache-ttl']),
    workerBeside: beside
      ? {
          renewals: beside.renewals,
          storiesPlaced: beside.storiesPlaced,
          storyEveryMs: Number(args['story-every']),
        }
      : null,
    command: [
      `npx tsx bench/web.ts --items ${ITEMS} --duration ${DURATION} --connections ${CONNECTIONS}`,
      ...(args.partial ? ['--partial'] : []),
      ...(args['cache-ttl'] === undefined ? [] : [`--cache-ttl ${args['cache-ttl']}`]),
      ...(args['page-cache-ttl'] === undefined ? [] : [`--page-cache-ttl ${args['page-cache-ttl']}`]),
      ...(args['database-url'] ? [`--database-url ${args['database-url']}`] : []),
      ...(beside ? [`--worker-beside --story-every ${args['story-every']}`] : []),
      ...(args['web-dir'] ? [`--web-dir ${args['web-dir']}`] : []),
      ...(args.targets ? [`--targets ${args.targets}`] : []),
      ...(args.gzip ? ['--gzip'] : []),
    ].join(' '),
  };
  writeFileSync(path.join(OUT_DIR, 'web.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify({ p95RatioToBaseline: ratios, cpuCostVsBaseline, goals }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
