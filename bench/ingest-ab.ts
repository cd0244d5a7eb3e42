// Ingest A/B: the worker's ingest path through two copies of the database layer's source, each on
// its own copy of one seeded database, fed the same polls chunk by chunk in alternating order so the
// machine's load slows both alike. Prints items/s, the ratio B/A and the stories each ends with.
//
//   npx tsx bench/ingest-ab.ts --db-file bench/out/web-1000000.db --feeds 10000 \
//                              --a /tmp/before/packages/db/src [--b packages/db/src] [--chunks 12] [--chunk-items 1000]
//
// An earlier commit: `git worktree add /tmp/before <commit>`, then link its packages/db/node_modules
// to ours. PostgreSQL: --postgres-db NAME (seeded by bench/seed-postgres.ts); the copies are template
// databases, dropped at the end. Results: stdout and bench/out/ingest-ab.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPostgresDatabase, type Db, dropPostgresDatabase } from '@newsfeed/db';
import { REPO_ROOT } from './lib/corpus-dir.js';
import { copySqliteDatabase } from './lib/sqlite-copy.js';
import { continueSeededCorpus, ingestPolls, takePolls } from './lib/synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    'db-file': { type: 'string' },
    'postgres-db': { type: 'string' },
    feeds: { type: 'string', default: '10000' },
    a: { type: 'string' },
    b: { type: 'string', default: path.join(REPO_ROOT, 'packages/db/src') },
    chunks: { type: 'string', default: '12' },
    'chunk-items': { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '16' },
  },
});
if (!(args['db-file'] || args['postgres-db']) || !args.a)
  throw new Error(
    'usage: bench/ingest-ab.ts (--db-file FILE.db | --postgres-db NAME) --a SRC_DIR [--b SRC_DIR] [--feeds N]',
  );
const ADMIN_URL = process.env.NEWSFEED_BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const SOURCE = args['postgres-db'] ?? path.resolve(args['db-file']!);
const CHUNKS = Number(args.chunks);
const CHUNK_ITEMS = Number(args['chunk-items']);
const IN_FLIGHT = Number(args['in-flight']);

/** A copy of the seeded database, and how to delete it. */
interface Copy {
  url: string;
  remove(): void | Promise<void>;
}

/** Copies the seeded PostgreSQL database: a new database with it as the template. */
async function copyDatabase(label: string): Promise<Copy> {
  const name = `${SOURCE}_ingest_ab_${label.toLowerCase()}`;
  await dropPostgresDatabase(ADMIN_URL, name);
  const url = await createPostgresDatabase(ADMIN_URL, name, { template: SOURCE });
  return { url, remove: () => dropPostgresDatabase(ADMIN_URL, name) };
}

interface Variant {
  label: 'A' | 'B';
  copy: Copy;
  db: Db;
  items: number;
  ms: number;
}

async function open(label: Variant['label'], sourceDir: string): Promise<Variant> {
  const module = (await import(path.resolve(sourceDir, 'index.ts'))) as {
    createDb(url: string): Promise<Db>;
  };
  const copy = args['postgres-db']
    ? await copyDatabase(label)
    : copySqliteDatabase(SOURCE, `ingest-ab-${label}`);
  return { label, copy, db: await module.createDb(copy.url), items: 0, ms: 0 };
}

const a = await open('A', args.a);
const b = await open('B', args.b);
try {
  const { existing, feedIds, polls } = await continueSeededCorpus(
    a.db,
    Number(args.feeds),
    CHUNKS * CHUNK_ITEMS,
  );
  for (let chunk = 0; chunk < CHUNKS; chunk += 1) {
    const batch = takePolls(polls, CHUNK_ITEMS);
    for (const variant of chunk % 2 === 0 ? [a, b] : [b, a]) {
      const result = await ingestPolls(variant.db as never, feedIds, batch[Symbol.iterator](), {
        items: Number.POSITIVE_INFINITY,
        pollsInFlight: IN_FLIGHT,
      });
      variant.items += result.items;
      variant.ms += result.ingestMs;
    }
    const rate = (variant: Variant) => Math.round((variant.items * 1000) / variant.ms);
    console.log(`chunk ${chunk + 1}/${CHUNKS}: A ${rate(a)} items/s, B ${rate(b)} items/s`);
  }
  const summary = {
    database: SOURCE,
    existingItems: existing,
    chunks: CHUNKS,
    chunkItems: CHUNK_ITEMS,
    inFlight: IN_FLIGHT,
    a: {
      source: args.a,
      itemsPerSecond: Math.round((a.items * 1000) / a.ms),
      stories: (await a.db.stats()).stories,
    },
    b: {
      source: args.b,
      itemsPerSecond: Math.round((b.items * 1000) / b.ms),
      stories: (await b.db.stats()).stories,
    },
    ratioBToA: Math.round((a.ms / a.items / (b.ms / b.items)) * 100) / 100,
  };
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync(path.join(REPO_ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, 'bench/out/ingest-ab.json'), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  for (const variant of [a, b]) {
    await variant.db.close();
    await variant.copy.remove();
  }
}
