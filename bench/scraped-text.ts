// Scraped-text benchmark: quality on ../shared/corpora/scraped-text/synthetic-dev (as its README
// scores it), on all cases and as a 2-fold cross-validation of minGluedParagraphWords; then the speed
// of normalizeScrapedText and the signatures, interleaved with named baselines (SHA-256 of the raw
// text, a naive line normalizer).
//
//   npx tsx bench/scraped-text.ts            (from the repository root; needs the parser built)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  contentHash,
  DEFAULT_MIN_GLUED_PARAGRAPH_WORDS,
  normalizeScrapedText,
  simhash,
  similarity,
} from '@newsfeed/parser/text';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';
import { peakRssMiB, type RunTiming, timeInterleaved } from './lib/measure.js';
import {
  loadScrapedCases,
  type ScrapedCase,
  type ScrapedScores,
  scoreCase,
  summarize,
  twoFolds,
} from './lib/scraped-text-score.js';

const FIXTURES = path.join(REPO_ROOT, 'packages/parser/test/fixtures/scraped-text');
const REFERENCE = path.join(SHARED_DIR, 'corpora/scraped-text/afp-geneva-talks.txt');
const SYNTHETIC = path.join(SHARED_DIR, 'corpora/scraped-text/synthetic-dev');
/** The values of minGluedParagraphWords the cross-validation chooses from. */
const MIN_WORDS_GRID = [1, 2, 3, 4, 5, 6];
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

function score(cases: readonly ScrapedCase[], minGluedParagraphWords: number): ScrapedScores {
  return summarize(
    cases.map((testCase) =>
      scoreCase(testCase, normalizeScrapedText(testCase.input, { minGluedParagraphWords })),
    ),
  );
}

/** The grid value with the best paragraph F1 on `cases` (ties: the larger, more conservative one). */
function tune(cases: readonly ScrapedCase[]): number {
  let best = MIN_WORDS_GRID[0]!;
  let bestF1 = -1;
  for (const value of MIN_WORDS_GRID) {
    const f1 = score(cases, value).paragraphF1;
    if (f1 >= bestF1) [best, bestF1] = [value, f1];
  }
  return best;
}

/** The corpus README's baseline: every non-empty line, split where sentence punctuation meets a capital. */
const REGEX_SPLIT = /(?<=[.!?])(?=["“]?\p{Lu})/u;

function scoreRegexSplit(cases: readonly ScrapedCase[]): ScrapedScores {
  return summarize(
    cases.map((testCase) => {
      const paragraphs = testCase.input
        .split('\n')
        .flatMap((line) => line.trim().split(REGEX_SPLIT))
        .filter((paragraph) => paragraph !== '');
      return scoreCase(testCase, {
        title: null,
        paragraphs,
        truncated: false,
        text: paragraphs.join('\n\n'),
      });
    }),
  );
}

function scoreRow(name: string, scores: ScrapedScores): string {
  return `| ${name} | ${scores.cases} | ${scores.paragraphF1.toFixed(3)} (P ${scores.paragraphPrecision.toFixed(3)}, R ${scores.paragraphRecall.toFixed(3)}) | ${scores.bodyF1.toFixed(3)} | ${scores.titleExact}/${scores.cases} | ${scores.truncationRight}/${scores.cases} | ${scores.boilerplateLeft} |`;
}

function reportQuality(): void {
  const cases = loadScrapedCases(SYNTHETIC);
  if (cases.length === 0) {
    console.warn(`synthetic scraped-text cases not found at ${SYNTHETIC}; skipping the quality scores`);
    return;
  }
  const [half0, half1] = twoFolds(cases);
  const tuned0 = tune(half0);
  const tuned1 = tune(half1);
  console.log('| cases | n | paragraph F1 | body F1 | title exact | truncated right | boilerplate left |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    scoreRow(
      `all, default minGluedParagraphWords=${DEFAULT_MIN_GLUED_PARAGRAPH_WORDS}`,
      score(cases, DEFAULT_MIN_GLUED_PARAGRAPH_WORDS),
    ),
  );
  console.log(scoreRow(`fold A (even ids), tuned on B: ${tuned1}`, score(half0, tuned1)));
  console.log(scoreRow(`fold B (odd ids), tuned on A: ${tuned0}`, score(half1, tuned0)));
  console.log(
    scoreRow('baseline: regex split at punctuation + capital, every line kept', scoreRegexSplit(cases)),
  );
}

async function main(): Promise<void> {
  reportQuality();
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
