// Scraped-text normalization and signature benchmark: normalizeScrapedText, contentHash, simhash
// and similarity over the scraped-text fixtures and the reference case, timed interleaved with a
// named baseline in the same process: node:crypto SHA-256 of the raw text (what a naive exact
// de-duplication costs) and a naive normalizer (split lines, trim, drop empty ones).
//
//   npx tsx bench/scraped-text.ts            (from the repository root; needs the parser built)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash, normalizeScrapedText, simhash, similarity } from '@newsfeed/parser/text';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';
import { peakRssMiB, type RunTiming, timeInterleaved } from './lib/measure.js';

const FIXTURES = path.join(REPO_ROOT, 'packages/parser/test/fixtures/scraped-text');
const REFERENCE = path.join(SHARED_DIR, 'corpora/scraped-text/afp-geneva-talks.txt');
/** Each text is processed this many times, so one pass is long enough to time. */
const ROUNDS = 20;

function loadTexts(): string[] {
  const texts = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(path.join(FIXTURES, entry.name, 'input.txt'), 'utf8'));
  if (existsSync(REFERENCE)) texts.push(readFileSync(REFERENCE, 'utf8'));
  else console.warn(`reference case not found at ${REFERENCE}; timing the fixtures only`);
  return texts;
}

function repeat<T>(run: (input: T) => unknown): (input: T) => unknown {
  return (input) => {
    for (let round = 0; round < ROUNDS; round++) run(input);
  };
}

function row(name: string, timing: RunTiming, baseline: RunTiming): string {
  const perTextUs = (timing.medianMs * 1000) / ROUNDS;
  return `| ${name} | ${perTextUs.toFixed(1)} | ${(timing.pagesPerSecond * ROUNDS).toFixed(0)} | ${(timing.medianMs / baseline.medianMs).toFixed(1)}x |`;
}

async function main(): Promise<void> {
  const texts = loadTexts();
  const articleTexts = texts.map((text) => normalizeScrapedText(text).text);
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const naiveNormalize = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n\n');

  const [hashBaseline, hash, sim, pairwise] = await timeInterleaved(articleTexts, [
    repeat(sha256),
    repeat(contentHash),
    repeat(simhash),
    repeat((text: string) => similarity(text, articleTexts[0]!)),
  ]);
  const [naive, normalize] = await timeInterleaved(texts, [
    repeat(naiveNormalize),
    repeat(normalizeScrapedText),
  ]);

  const words = articleTexts.reduce((sum, text) => sum + text.split(/\s+/).length, 0) / articleTexts.length;
  console.log(
    `${texts.length} texts, mean ${words.toFixed(0)} words after normalization, ${ROUNDS} rounds each`,
  );
  console.log('| what | median µs per text | texts/s | vs baseline |');
  console.log('| --- | --- | --- | --- |');
  console.log(row('baseline: SHA-256 of the text', hashBaseline!.timing, hashBaseline!.timing));
  console.log(row('contentHash', hash!.timing, hashBaseline!.timing));
  console.log(row('simhash', sim!.timing, hashBaseline!.timing));
  console.log(row('similarity (against another text)', pairwise!.timing, hashBaseline!.timing));
  console.log(row('baseline: naive normalizer (split, trim)', naive!.timing, naive!.timing));
  console.log(row('normalizeScrapedText (incl. finishArticle)', normalize!.timing, naive!.timing));
  console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB`);
}

await main();
