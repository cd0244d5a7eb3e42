// Feed parsing speed and memory: parseFeed against raw rss-parser and feedsmith on the real-world
// corpus, interleaved input by input so the machine's load hits all three alike.
//   npx -y pnpm@12.4.2 turbo run build --filter=@newsfeed/parser && npx tsx bench/feeds.ts [--rounds N] [--parses N]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseFeed } from '@newsfeed/parser';
import { parseFeed as feedsmithParse } from 'feedsmith';
import RssParser from 'rss-parser';
import { SHARED_DIR } from './lib/corpus-dir.js';
import { median, timeInterleaved } from './lib/measure.js';

const CORPUS = path.join(SHARED_DIR, 'corpora', 'feeds', 'real-world');
/** Files of the corpus that are not feeds. */
const NOT_FEEDS = new Set(['LICENSE', 'unrecognized.rss']);
/** Inputs at most this large are cycled through for the memory run (10,000 parses in reasonable time). */
const MEMORY_RUN_MAX_BYTES = 200_000;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
const ROUNDS = flag('rounds', 5);
const MEMORY_PARSES = flag('parses', 10_000);

interface Input {
  name: string;
  bytes: Uint8Array;
  text: string;
}

function loadCorpus(): Input[] {
  return readdirSync(CORPUS)
    .filter((name) => !NOT_FEEDS.has(name))
    .sort()
    .map((name) => {
      const bytes = new Uint8Array(readFileSync(path.join(CORPUS, name)));
      return { name, bytes, text: new TextDecoder().decode(bytes) };
    });
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const inputs = loadCorpus();
  const rssParser = new RssParser();
  const totalBytes = inputs.reduce((sum, input) => sum + input.bytes.byteLength, 0);
  console.log(`Corpus: ${inputs.length} feeds, ${mib(totalBytes)} MiB, ${ROUNDS} rounds (${CORPUS})`);

  // Items are counted by parseFeed once; all three parsers get the same inputs.
  const itemCounts = new Map<string, number>();
  for (const input of inputs) itemCounts.set(input.name, (await parseFeed(input.bytes)).items.length);
  const failures = [0, 0, 0];
  const runners = [
    (input: Input) => parseFeed(input.bytes).then(() => true),
    (input: Input) =>
      rssParser.parseString(input.text).then(
        () => true,
        () => {
          failures[1]!++;
          return false;
        },
      ),
    (input: Input) => {
      try {
        feedsmithParse(input.text);
        return true;
      } catch {
        failures[2]!++;
        return false;
      }
    },
  ];
  // Warm-up: one round, not measured, so the JIT has compiled all three.
  await timeInterleaved(inputs, runners);
  // Each round is timed on its own too, so one run shows how far the ratio moves between rounds.
  const totals = [0, 0, 0];
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const timings = (await timeInterleaved(inputs, runners)).map((run) => run.timing.totalMs);
    for (const [index, ms] of timings.entries()) totals[index]! += ms;
    roundRatios.push(timings[0]! / timings[1]!);
  }
  const [ours, raw, feedsmith] = totals as [number, number, number];
  const items = ROUNDS * inputs.reduce((sum, input) => sum + itemCounts.get(input.name)!, 0);
  const bytes = ROUNDS * totalBytes;
  const rows = [
    ['parseFeed (@newsfeed/parser)', ours],
    ['rss-parser parseString (raw)', raw],
    ['feedsmith parseFeed', feedsmith],
  ] as const;
  console.log('\n| parser | total ms | items/s | MB/s | time vs rss-parser |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, ms] of rows) {
    const itemsPerSecond = Math.round((items * 1000) / ms);
    const mbPerSecond = (bytes / 1e6 / (ms / 1000)).toFixed(1);
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${itemsPerSecond} | ${mbPerSecond} | ${(ms / raw).toFixed(2)}x |`,
    );
  }
  console.log(
    `\nrss-parser failed ${failures[1]! / (ROUNDS + 1)} of ${inputs.length} feeds per round, feedsmith ${failures[2]! / (ROUNDS + 1)} (parseFeed: 0).`,
  );
  const sortedRatios = roundRatios.toSorted((a, b) => a - b);
  console.log(
    `parseFeed / rss-parser: ${(ours / raw).toFixed(2)}x (goal <= 1.30x); per round: median ${median(roundRatios).toFixed(2)}x, range ${sortedRatios[0]!.toFixed(2)}x-${sortedRatios.at(-1)!.toFixed(2)}x`,
  );

  // Memory: MEMORY_PARSES parses cycling through the smaller feeds; the heap after a full GC
  // must not grow with the number of parses.
  const gc = collectGarbage();
  const small = inputs.filter((input) => input.bytes.byteLength <= MEMORY_RUN_MAX_BYTES);
  gc();
  const before = process.memoryUsage().heapUsed;
  const samples: string[] = [];
  for (let parse = 1; parse <= MEMORY_PARSES; parse++) {
    await parseFeed(small[parse % small.length]!.bytes);
    if (parse % (MEMORY_PARSES / 5) === 0) {
      gc();
      samples.push(`${parse}: ${mib(process.memoryUsage().heapUsed)}`);
    }
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\nMemory over ${MEMORY_PARSES} parses of ${small.length} feeds (heap used after full GC, MiB):`,
  );
  console.log(
    `before ${mib(before)}, after ${mib(after)}, growth ${mib(after - before)} MiB; samples ${samples.join(', ')}`,
  );
}

await main();
