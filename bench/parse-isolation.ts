// What parsing and signing in the worker's parse threads costs (issue 16): every real-world feed
// parsed and signed in this process and through a ParsePool, interleaved feed by feed, one feed at a
// time, so the ratio is the per-feed overhead, not the parallelism of several threads.
//
//   npx tsx bench/parse-isolation.ts [--rounds 5] [--threads 1]
//
// Needs apps/worker built.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ParsePool } from '../apps/worker/dist/isolate/parse-pool.js';
import { parseStage } from '../apps/worker/dist/pipeline/parse-stage.js';
import { deriveTextFields } from '../apps/worker/dist/pipeline/sign-item.js';
import { SHARED_DIR } from './lib/corpus-dir.js';
import { timeInterleaved } from './lib/measure.js';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, threads: { type: 'string', default: '1' } },
});
const CORPUS = path.join(SHARED_DIR, 'corpora/feeds/real-world');

const feeds = readdirSync(CORPUS)
  .filter((name) => /\.(rss|atom|xml|json)$/.test(name))
  .map((name) => ({
    url: `https://corpus.example/${name}`,
    headers: {} as Record<string, string>,
    body: readFileSync(path.join(CORPUS, name)),
  }));
const inputs = Array.from({ length: Number(args.rounds) }, () => feeds).flat();
const pool = new ParsePool({ threads: Number(args.threads), heapMb: 96, timeoutMs: 60_000 });

async function inProcess(feed: (typeof feeds)[number]): Promise<number> {
  const outcome = await parseStage(feed, 'UTC');
  if (outcome.kind !== 'feed') return 0;
  const signed = outcome.feed.items.map((item) => deriveTextFields(item, null, outcome.feed.language));
  return signed.length;
}

async function inPool(feed: (typeof feeds)[number]): Promise<number> {
  const outcome = await pool.parseFeed(feed, 'UTC');
  if (outcome.kind !== 'feed') return 0;
  const signed = await Promise.all(
    outcome.feed.items.map((item) => pool.deriveText(item, null, outcome.feed.language)),
  );
  return signed.length;
}

// Warm both paths (JIT, the pool's threads started) before timing.
for (const feed of feeds) {
  await inProcess(feed);
  await inPool(feed);
}
const [base, pooled] = await timeInterleaved(inputs, [inProcess, inPool]);
await pool.close();
const items = base!.results.reduce((sum, count) => sum + count, 0);
if (items !== pooled!.results.reduce((sum, count) => sum + count, 0)) throw new Error('item counts differ');
const bytes = feeds.reduce((sum, feed) => sum + feed.body.length, 0) * Number(args.rounds);
console.log(
  JSON.stringify(
    {
      feeds: inputs.length,
      items,
      megabytes: +(bytes / 1048576).toFixed(1),
      threads: Number(args.threads),
      in_process_ms: Math.round(base!.timing.totalMs),
      pool_ms: Math.round(pooled!.timing.totalMs),
      ratio: +(pooled!.timing.totalMs / base!.timing.totalMs).toFixed(2),
      median_feed_ms: {
        in_process: +base!.timing.medianMs.toFixed(2),
        pool: +pooled!.timing.medianMs.toFixed(2),
      },
    },
    null,
    2,
  ),
);
