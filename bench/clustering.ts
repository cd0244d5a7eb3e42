// Clustering benchmark: BCubed precision/recall/F1 of the story rule on the dev headlines
// (../shared/corpora/clustering), beside two baselines in the same process: every item alone, and
// a plain TF-IDF cosine single pass over the titles.
//
//   node --expose-gc --import tsx bench/clustering.ts [--mode rule|worker] [--order timestamp|publisher]
//        [--synthetic 100000] [--no-tune]
//
// --mode rule: the CSV through StoryIndex, a 2-fold cross-validation of the thresholds, the
// precision sets and the throughput of place()+add(). --mode worker: loopback feeds polled by
// `once`, stories read back from the SQLite file.
import { parseArgs } from 'node:util';
import { simhash } from '@newsfeed/parser';
import { type ClusterDoc, type RuleTuning, StoryIndex } from '../apps/worker/src/cluster/rule/index.js';
import { type BCubed, bcubed, formatScore } from './lib/bcubed.js';
import { extractionDevDocs, wireFixtureDocs } from './lib/clustering-precision-sets.js';
import { clusterDocs, headlineDoc, ordered } from './lib/clustering-rule-run.js';
import { clusterThroughWorker } from './lib/clustering-worker-path.js';
import { type Headline, loadHeadlines } from './lib/headline-corpus.js';
import { plainTfIdfSinglePass } from './lib/plain-tfidf.js';
import { prng } from './lib/synthetic-corpus.js';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'rule' },
    order: { type: 'string', default: 'timestamp' },
    synthetic: { type: 'string', default: '100000' },
    'no-tune': { type: 'boolean', default: false },
  },
});

function scoreRule(headlines: readonly Headline[], order: string, tuning?: Partial<RuleTuning>): BCubed {
  const feedIds = new Map<string, number>();
  const docs = ordered(headlines, order).map((headline) => headlineDoc(headline, feedIds));
  const predicted = clusterDocs(docs, tuning);
  return bcubed(new Map(headlines.map((headline) => [headline.id, headline.story])), predicted);
}

// --- 2-fold cross-validation ----------------------------------------------------------------

/** Precision the tuning must keep on the tuning half (the goal is 0.92: keep a margin). */
const TUNING_MIN_PRECISION = 0.95;

const GRID: Array<Partial<RuleTuning>> = [];
for (const joinThreshold of [0.2, 0.25, 0.3, 0.35])
  for (const joinThresholdPerDoubling of [0, 0.04])
    for (const joinThresholdFloor of [0.12, 0.15, 0.2])
      for (const mergeThreshold of [0.35, 0.45, 1.1])
        for (const bigramWeight of [0.25, 0.5])
          for (const nameBoost of [1, 1.5])
            for (const storyMergeThreshold of [0.3, 0.35, 1.1])
              if (joinThresholdFloor <= joinThreshold)
                GRID.push({
                  joinThreshold,
                  joinThresholdPerDoubling,
                  joinThresholdFloor,
                  mergeThreshold,
                  bigramWeight,
                  nameBoost,
                  storyMergeThreshold,
                });

function tune(headlines: readonly Headline[], order: string): { tuning: Partial<RuleTuning>; score: BCubed } {
  let best: { tuning: Partial<RuleTuning>; score: BCubed } | null = null;
  for (const tuning of GRID) {
    const score = scoreRule(headlines, order, tuning);
    if (score.precision < TUNING_MIN_PRECISION) continue;
    if (!best || score.f1 > best.score.f1) best = { tuning, score };
  }
  return best ?? { tuning: {}, score: scoreRule(headlines, order) };
}

function storyHalves(headlines: readonly Headline[]): [Headline[], Headline[]] {
  const stories = [...new Set(headlines.map((headline) => headline.story))].sort();
  const first = new Set(stories.filter((_, index) => index % 2 === 0));
  return [
    headlines.filter((headline) => first.has(headline.story)),
    headlines.filter((headline) => !first.has(headline.story)),
  ];
}

function crossValidate(headlines: readonly Headline[], order: string): void {
  const halves = storyHalves(headlines);
  console.log(
    `\n2-fold cross-validation (stories split in halves, tuned for F1 at P >= ${TUNING_MIN_PRECISION}):`,
  );
  for (const [name, tuneOn, scoreOn] of [
    ['A->B', halves[0], halves[1]],
    ['B->A', halves[1], halves[0]],
  ] as const) {
    const { tuning, score } = tune(tuneOn, order);
    const held = scoreRule(scoreOn, order, tuning);
    console.log(`  ${name}: tuned ${JSON.stringify(tuning)}`);
    console.log(`        on tuning half ${formatScore(score)}`);
    console.log(`        on held-out half ${formatScore(held)}`);
  }
}

// --- main -------------------------------------------------------------------------------------

// --- precision sets ---------------------------------------------------------------------------

function precisionSets(): void {
  const pages = extractionDevDocs();
  const pageStories = clusterDocs(pages);
  const sizes = new Map<number, number>();
  for (const story of pageStories.values()) sizes.set(story, (sizes.get(story) ?? 0) + 1);
  const alone = [...pageStories.values()].filter((story) => sizes.get(story) === 1).length;
  let wrongPairs = 0;
  for (const size of sizes.values()) wrongPairs += (size * (size - 1)) / 2;
  const pairs = (pages.length * (pages.length - 1)) / 2;
  console.log(
    `\nFull-text precision set (article-extraction dev, ${pages.length} pages, meant as different events; the merged ones are listed, judge by title):`,
  );
  for (const [story, size] of sizes) {
    if (size < 2) continue;
    const titles = pages
      .filter((page) => pageStories.get(page.id) === story)
      .map((page) => page.title.slice(0, 70));
    console.log(`  merged: ${titles.map((title) => JSON.stringify(title)).join(' + ')}`);
  }
  console.log(
    `  left alone ${alone}/${pages.length} (${((100 * alone) / pages.length).toFixed(1)} %), merged pairs ${wrongPairs}/${pairs}`,
  );
  const wire = wireFixtureDocs();
  const wireScore = bcubed(wire.truth, clusterDocs(wire.docs));
  console.log(`Wire-copy fixtures (3 copies of one report + another event): ${formatScore(wireScore)}`);
}

// --- throughput -----------------------------------------------------------------------------------

/**
 * place()+add() (merges applied) over `docs` with a fresh index: items per second of wall time and
 * per second of this process's CPU time (the machine is shared: CPU time is the steadier figure).
 */
function throughput(
  docs: readonly ClusterDoc[],
  evictEvery = 0,
  windowHours = 72,
): { perSecond: number; perCpuSecond: number; size: number; heapMiB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const index = new StoryIndex({ windowHours });
  let newest = 0;
  for (const [position, doc] of docs.entries()) {
    const placement = index.place(doc);
    const storyId = placement.storyId ?? doc.id;
    index.add(doc, storyId);
    for (const from of placement.mergeStoryIds) index.mergeStories(from, storyId);
    newest = Math.max(newest, doc.firstSeenAt);
    if (evictEvery > 0 && position % evictEvery === evictEvery - 1)
      index.evictBefore(newest - windowHours * 3_600_000);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // With --expose-gc the heap is measured after full collections: what the index itself holds.
  gc?.();
  return {
    perSecond: docs.length / seconds,
    perCpuSecond: docs.length / ((used.user + used.system) / 1e6),
    size: index.size,
    heapMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
}

/**
 * Synthetic stream for throughput: events (a few to a few dozen items each, over hours) made of
 * event words plus other words from a Zipf vocabulary (the dev headlines' words, then made-up ones),
 * one in three with a text.
 */
const SYNTHETIC_VOCABULARY = 30_000;

function syntheticDocs(count: number, headlines: readonly Headline[]): ClusterDoc[] {
  const random = prng(17);
  const vocabulary = [...new Set(headlines.flatMap((headline) => headline.title.split(/\s+/)))].filter(
    (word) => word.length > 2,
  );
  while (vocabulary.length < SYNTHETIC_VOCABULARY) vocabulary.push(`w${vocabulary.length.toString(36)}x`);
  // Log-uniform ranks: word frequencies fall off as 1/rank (Zipf), as in news text.
  const pick = () => vocabulary[Math.floor(vocabulary.length ** random()) - 1] as string;
  const span = 7 * 24 * 3_600_000;
  const start = Date.UTC(2026, 10, 1);
  const docs: ClusterDoc[] = [];
  let event: string[] = [];
  for (let id = 1; id <= count; id++) {
    if (event.length === 0 || random() < 0.08) event = Array.from({ length: 3 }, pick);
    const title = [...event.filter(() => random() < 0.8), ...Array.from({ length: 4 }, pick)].join(' ');
    const text = random() < 0.33 ? Array.from({ length: 80 }, pick).join(' ') : null;
    const at = start + Math.floor((id / count) * span);
    docs.push({
      id,
      feedId: 1 + Math.floor(random() * 2000),
      title,
      text,
      language: null,
      publishedAt: at,
      firstSeenAt: at,
    });
  }
  return docs;
}

function throughputReport(headlines: readonly Headline[]): void {
  const feedIds = new Map<string, number>();
  const csvDocs = ordered(headlines, 'timestamp').map((headline) => headlineDoc(headline, feedIds));
  throughput(csvDocs); // warm-up
  const csv = throughput(csvDocs);
  const count = Number(args.synthetic);
  const generated = syntheticDocs(count, headlines);
  const synthetic = throughput(generated, 1000);
  // As the clusterer stage gets them: with the simhash the signing stage stored.
  const signed = generated.map((doc) => ({
    ...doc,
    simhash: doc.text ? simhash(`${doc.title}\n${doc.text}`) : null,
  }));
  const withStored = throughput(signed, 1000);
  console.log('\nThroughput of place()+add() (single thread):');
  console.log(
    `  dev CSV (${csvDocs.length} headlines): ${Math.round(csv.perSecond)} items/s, ${Math.round(csv.perCpuSecond)} items per CPU-second`,
  );
  console.log(
    `  synthetic (${count} items over 7 days, evictBefore(now - 72 h) every 1,000): ${Math.round(synthetic.perSecond)} items/s, ${Math.round(synthetic.perCpuSecond)} items per CPU-second, ${synthetic.size} items indexed at the end holding ${synthetic.heapMiB.toFixed(0)} MiB of heap`,
  );
  console.log(
    `  the same with the stored simhash passed in (as the clusterer stage has it): ${Math.round(withStored.perSecond)} items/s, ${Math.round(withStored.perCpuSecond)} items per CPU-second`,
  );
}

// --- main -------------------------------------------------------------------------------------

function baselines(headlines: readonly Headline[], order: string): Map<number, string> {
  const truth = new Map(headlines.map((headline) => [headline.id, headline.story]));
  console.log(`${headlines.length} headlines, ${new Set(truth.values()).size} stories, ${order} order`);
  console.log(
    `  every item alone          ${formatScore(bcubed(truth, new Map(headlines.map((h) => [h.id, h.id]))))}`,
  );
  const sorted = ordered(headlines, order);
  for (const threshold of [0.2, 0.3]) {
    const plain = plainTfIdfSinglePass(
      sorted.map((h) => ({ id: h.id, title: h.title })),
      threshold,
    );
    console.log(`  plain TF-IDF @${threshold}        ${formatScore(bcubed(truth, plain))}`);
  }
  return truth;
}

async function main(): Promise<void> {
  const headlines = loadHeadlines();
  const order = args.order ?? 'timestamp';
  const truth = baselines(headlines, order);
  if (args.mode === 'worker') {
    const stored = await clusterThroughWorker(headlines);
    const predicted = stored.stories;
    const missing = headlines.filter((headline) => !predicted.has(headline.id)).length;
    if (missing > 0) console.log(`  (${missing} headlines not stored by the worker: scored as alone)`);
    for (const headline of headlines)
      if (!predicted.has(headline.id)) predicted.set(headline.id, -1_000_000 - headline.id);
    console.log(`  worker path               ${formatScore(bcubed(truth, predicted))}`);
    // The rule over the stored items in id order: what the clusterer stage computes from them.
    const byRule = new Map<number, number>();
    for (const [itemId, storyId] of clusterDocs(stored.docs)) {
      byRule.set(stored.csvIdOf.get(itemId) ?? -itemId, storyId);
    }
    for (const headline of headlines)
      if (!byRule.has(headline.id)) byRule.set(headline.id, -1_000_000 - headline.id);
    console.log(`  rule over the stored items in id order ${formatScore(bcubed(truth, byRule))}`);
    return;
  }
  console.log(`  rule                      ${formatScore(scoreRule(headlines, order))}`);
  console.log(`  rule, publisher order     ${formatScore(scoreRule(headlines, 'publisher'))}`);
  precisionSets();
  throughputReport(headlines);
  if (!args['no-tune']) crossValidate(headlines, order);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
