// Article extraction benchmark: extractArticle on the article-extraction dev pages, scored as
// ../shared/corpora/README.md defines, beside every baseline in baselines/, with speed and memory
// against plain Readability on jsdom measured in the same run.
//
//   npx tsx bench/extraction.ts             (needs the parser built)
//   npx tsx bench/extraction.ts --no-cv     (skip the cross-validation)
//   npx tsx bench/extraction.ts --no-timing (scores only)
//
// Predictions go to bench/out/extraction-<system>.json. Peak memory is measured in one child process
// per extractor, so neither inherits the other's heap.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { DEFAULT_EXTRACTION_TUNING, type ExtractionTuning, extractArticle } from '@newsfeed/parser/article';
import { JSDOM, VirtualConsole } from 'jsdom';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';
import { splitInTwo, type TuningGrid, tuneOnHalf } from './lib/cross-validation.js';
import { type PageScore, scoreCorpus, scorePage } from './lib/extraction-score.js';
import { peakRssMiB, type RunTiming, timeInterleaved } from './lib/measure.js';

const DEV_DIR = path.join(SHARED_DIR, 'corpora/article-extraction/dev');
const OUT_DIR = path.join(REPO_ROOT, 'bench/out');
/** How many of our worst pages to list. */
const WORST_PAGES = 10;
/** Values each cleaning threshold may take in the cross-validation (the defaults included). */
const TUNING_GRID: TuningGrid<keyof ExtractionTuning> = {
  keepContainerMinShare: [0.25, 0.3, 0.4, 0.5, 0.6],
  keepContainerMinProse: [200, 300, 400, 600, 800],
  linkListMinDensity: [0.4, 0.5, 0.6, 0.7, 0.8],
  headlineLinkDensity: [0.6, 0.7, 0.8, 0.9],
  tailShare: [0.2, 0.25, 0.35, 0.5],
  siblingMinProseShare: [0.1, 0.2, 0.3, 0.4],
  mainArticleDominance: [2, 3, 4, 5],
};

interface Page {
  id: string;
  url: string;
  truth: string;
  html: string;
}

type Predictions = Record<string, { articleBody: string }>;

function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(path.join(DEV_DIR, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return Object.entries(truth).map(([id, { articleBody, url }]) => ({
    id,
    url,
    truth: articleBody,
    html: gunzipSync(readFileSync(path.join(DEV_DIR, 'html', `${id}.html.gz`))).toString('utf8'),
  }));
}

/** Per page, the warning codes of our last answer, or null when it answered "no article". */
const answers = new Map<string, string[] | null>();

async function ours(page: Page): Promise<string> {
  const article = await extractArticle(page.html, { url: page.url });
  answers.set(page.id, article ? article.warnings.map((warning) => warning.code) : null);
  return article?.text ?? '';
}

/** Our per-page scores with some thresholds overridden. */
async function scoreWithTuning(
  pages: readonly Page[],
  tuning: Partial<ExtractionTuning>,
): Promise<PageScore[]> {
  const scores: PageScore[] = [];
  for (const page of pages) {
    const article = await extractArticle(page.html, { url: page.url, tuning });
    scores.push(scorePage(article?.text ?? '', page.truth));
  }
  return scores;
}

/**
 * Two-fold cross-validation of the thresholds (see lib/cross-validation.ts): prints each fold's
 * held-out F1 with the defaults and with the thresholds tuned on the other half, then the pooled
 * held-out figure beside the full-dev one.
 */
async function crossValidate(pages: readonly Page[], defaultScores: readonly PageScore[]): Promise<void> {
  const defaults = DEFAULT_EXTRACTION_TUNING as Record<keyof ExtractionTuning, number>;
  const runs = new Map<string, readonly PageScore[]>();
  for (const key of Object.keys(TUNING_GRID) as Array<keyof ExtractionTuning>)
    for (const value of TUNING_GRID[key])
      if (value !== defaults[key])
        runs.set(`${key}=${value}`, await scoreWithTuning(pages, { [key]: value }));
  const scoresFor = (key: keyof ExtractionTuning, value: number) =>
    value === defaults[key] ? defaultScores : runs.get(`${key}=${value}`)!;

  const halves = splitInTwo(pages.map((page) => page.id));
  const heldOut: PageScore[] = [];
  console.log('\n2-fold cross-validation of the cleaning thresholds (halves: ids sorted, alternated)\n');
  console.log('| tuned on | scored on | F1 defaults | F1 tuned | thresholds moved by tuning |');
  console.log('|---|---|---|---|---|');
  for (const tunedOn of [0, 1]) {
    const inHalf = pages.map((page) => halves.get(page.id) === tunedOn);
    const chosen = tuneOnHalf(TUNING_GRID, defaults, inHalf, scoresFor);
    const testPages = pages.filter((_, index) => !inHalf[index]);
    const tuned = await scoreWithTuning(testPages, chosen);
    heldOut.push(...tuned);
    const moved = (Object.keys(chosen) as Array<keyof ExtractionTuning>)
      .filter((key) => chosen[key] !== defaults[key])
      .map((key) => `${key} ${defaults[key]} -> ${chosen[key]}`);
    const defaultF1 = scoreCorpus(defaultScores.filter((_, index) => !inHalf[index])).f1;
    console.log(
      `| half ${tunedOn} | half ${1 - tunedOn} | ${fmt(defaultF1)} | ${fmt(scoreCorpus(tuned).f1)} | ${moved.join(', ') || 'none'} |`,
    );
  }
  const pooled = scoreCorpus(heldOut);
  console.log(
    `\nHeld-out (pooled over both halves): F1 ${fmt(pooled.f1)} (P ${fmt(pooled.precision)}, R ${fmt(pooled.recall)}), ` +
      `lowest page ${fmt(Math.min(...heldOut.map((page) => page.f1)))}; ` +
      `full dev with the defaults: F1 ${fmt(scoreCorpus(defaultScores).f1)}.`,
  );
}

/** The baseline as readability_js ran it: textContent of Readability on jsdom over the raw page. */
function plainReadability(page: Page): string {
  try {
    const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } catch {
    // jsdom 28's CSS parser throws on some stylesheets; the page then scores as empty.
    return '';
  }
}

function score(pages: readonly Page[], predicted: (page: Page) => string): PageScore[] {
  return pages.map((page) => scorePage(predicted(page), page.truth));
}

const fmt = (value: number) => value.toFixed(3);

function scoreRow(name: string, scores: readonly PageScore[]): string {
  const { precision, recall, f1 } = scoreCorpus(scores);
  const below = scores.filter((page) => page.f1 < 0.5).length;
  const lowest = Math.min(...scores.map((page) => page.f1));
  return `| ${name} | ${fmt(f1)} | ${fmt(precision)} | ${fmt(recall)} | ${fmt(lowest)} | ${below} |`;
}

function timingRow(name: string, timing: RunTiming, peakMiB: number): string {
  return `| ${name} | ${timing.pagesPerSecond.toFixed(1)} | ${timing.medianMs.toFixed(1)} | ${peakMiB.toFixed(0)} |`;
}

const EXTRACTORS = { newsfeed: ours, readability: plainReadability } as const;
type ExtractorName = keyof typeof EXTRACTORS;

/** Child-process mode: run one extractor over every page and print the peak RSS. */
async function measureMemory(name: ExtractorName): Promise<void> {
  const pages = loadPages();
  for (const page of pages) await EXTRACTORS[name](page);
  process.stdout.write(`${peakRssMiB()}\n`);
}

function peakMemoryOf(name: ExtractorName): number {
  const output = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, '--memory', name], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return Number(output.trim().split('\n').at(-1));
}

async function main(): Promise<void> {
  if (!existsSync(DEV_DIR)) {
    console.error(
      `No corpus at ${DEV_DIR}: set NEWSFEED_SHARED_DIR or put the shared data next to the repository.`,
    );
    process.exit(2);
  }
  const pages = loadPages();
  const timing = !process.argv.includes('--no-timing');
  // Warm both paths up (module loading, JIT) on one page so the first timed page is not penalized.
  await ours(pages[0]!);
  if (timing) plainReadability(pages[0]!);

  const runs = timing
    ? await timeInterleaved<Page, string>(pages, [ours, plainReadability])
    : await timeInterleaved<Page, string>(pages, [ours]);
  const [oursRun, baselineRun] = runs;
  if (!oursRun) throw new Error('timing produced no runs');

  mkdirSync(OUT_DIR, { recursive: true });
  const predictions: Predictions = {};
  pages.forEach((page, index) => {
    predictions[page.id] = { articleBody: oursRun.results[index]! };
  });
  writeFileSync(path.join(OUT_DIR, 'extraction-newsfeed.json'), `${JSON.stringify(predictions, null, 1)}\n`);
  const baselinePredictions: Predictions = {};
  if (baselineRun) {
    pages.forEach((page, index) => {
      baselinePredictions[page.id] = { articleBody: baselineRun.results[index]! };
    });
    writeFileSync(
      path.join(OUT_DIR, 'extraction-readability-jsdom.json'),
      `${JSON.stringify(baselinePredictions, null, 1)}\n`,
    );
  }

  const oursScores = score(pages, (page) => predictions[page.id]!.articleBody);
  console.log(`Article extraction, ${pages.length} dev pages (${DEV_DIR})\n`);
  console.log('| system | F1 | precision | recall | lowest page F1 | pages < 0.5 |');
  console.log('|---|---|---|---|---|---|');
  console.log(scoreRow('**newsfeed extractArticle**', oursScores));
  if (baselineRun)
    console.log(
      scoreRow(
        'readability on jsdom (this run)',
        score(pages, (page) => baselinePredictions[page.id]!.articleBody),
      ),
    );
  for (const file of readdirSync(path.join(DEV_DIR, 'baselines')).sort()) {
    const baseline = JSON.parse(readFileSync(path.join(DEV_DIR, 'baselines', file), 'utf8')) as {
      output: Predictions;
    };
    console.log(
      scoreRow(
        path.basename(file, '.json'),
        score(pages, (page) => baseline.output[page.id]?.articleBody ?? ''),
      ),
    );
  }

  // Every dev page is an article: a "no article" answer or a doubt warning here is a false alarm.
  const codes = [...answers.values()];
  const noArticle = codes.filter((entry) => entry === null).length;
  const doubts = new Map<string, number>();
  for (const entry of codes) for (const code of entry ?? []) doubts.set(code, (doubts.get(code) ?? 0) + 1);
  console.log(
    `\nNot-an-article answers on the ${pages.length} dev pages (all articles): ${noArticle}; ` +
      `warnings: ${[...doubts].map(([code, count]) => `${code} ${count}`).join(', ') || 'none'}.`,
  );

  console.log(`\nWorst ${WORST_PAGES} pages (ours):`);
  const ranked = pages
    .map((page, index) => ({ page, score: oursScores[index]! }))
    .sort((a, b) => a.score.f1 - b.score.f1);
  for (const { page, score: page_ } of ranked.slice(0, WORST_PAGES)) {
    console.log(
      `  F1 ${fmt(page_.f1)}  P ${fmt(page_.precision ?? 0)}  R ${fmt(page_.recall ?? 0)}  ${page.url}`,
    );
  }

  if (!process.argv.includes('--no-cv')) await crossValidate(pages, oursScores);
  if (!baselineRun) return;
  const { timing: base } = baselineRun;
  const { timing: mine } = oursRun;
  console.log('\n| extractor | pages/s | median ms/page | peak RSS MiB |');
  console.log('|---|---|---|---|');
  const minePeak = peakMemoryOf('newsfeed');
  const basePeak = peakMemoryOf('readability');
  console.log(timingRow('newsfeed extractArticle', mine, minePeak));
  console.log(timingRow('readability on jsdom', base, basePeak));
  console.log(
    `\nRatios (ours / plain Readability): median time ${(mine.medianMs / base.medianMs).toFixed(2)}x, ` +
      `throughput ${(mine.pagesPerSecond / base.pagesPerSecond).toFixed(2)}x, peak RSS ${(minePeak / basePeak).toFixed(2)}x ` +
      '(peak RSS: one child process per extractor over all pages).',
  );
}

const memoryFlag = process.argv.indexOf('--memory');
if (memoryFlag >= 0) await measureMemory(process.argv[memoryFlag + 1] as ExtractorName);
else await main();
