// Issue 16's hostile inputs (an entity-expansion feed, a huge page, a deeply nested page) through
// the parser under the worker's heap cap, each in its own child process; outcome, peak RSS and time
// as ratios of an ordinary feed and page run the same way in the same run.
//
//   npx tsx bench/hostile-input.ts                      (needs the parser built)
//   npx tsx bench/hostile-input.ts --parser DIST/index.js   (another build, e.g. an older commit's
//   `src` built into packages/parser/.baseline; not to be committed)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';

const parserFlag = process.argv.indexOf('--parser');
const PARSER_URL =
  parserFlag >= 0
    ? pathToFileURL(path.resolve(process.argv[parserFlag + 1]!)).href
    : import.meta.resolve('@newsfeed/parser');

/** The worker's shipped heap cap (MiB). */
const HEAP_CAP_MIB = 160;

type Kind = 'feed' | 'article';
interface Case {
  name: string;
  kind: Kind;
  body: () => string;
}

function entityFeed(): string {
  const entity = 'A'.repeat(50_000);
  return `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${entity}">]><rss version="2.0"><channel><title>t</title><item><title>x</title><link>http://example.com/a</link><description>${'&big;'.repeat(2_000)}</description></item></channel></rss>`;
}

function paragraphsPage(): string {
  const paragraph = (index: number) =>
    `<p>Paragraph ${index} of the long article with some words in it to make it look like prose, plain text and more text here, and then some more sentences follow so that the paragraph is about two hundred and fifty characters long.</p>\n`;
  const body = Array.from({ length: 10_000 }, (_, index) => paragraph(index)).join('');
  return `<!DOCTYPE html><html><head><title>Long</title></head><body><article>${body}</article></body></html>`;
}

function nestedPage(): string {
  return `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(50_000)}Some text${'</div>'.repeat(50_000)}</body></html>`;
}

/** The largest file of a corpus folder (ungzipped): the ordinary input that costs the most. */
function largestOf(dir: string, read: (file: string) => string): string {
  const files = readdirSync(dir).filter((file) => file !== 'LICENSE' && !file.endsWith('.json'));
  const bodies = files.map((file) => read(path.join(dir, file)));
  return bodies.reduce((largest, body) => (body.length > largest.length ? body : largest), '');
}

const ordinaryFeed = () =>
  largestOf(path.join(SHARED_DIR, 'corpora/feeds/real-world'), (file) => readFileSync(file, 'utf8'));
const ordinaryPage = () =>
  largestOf(path.join(SHARED_DIR, 'corpora/article-extraction/dev/html'), (file) =>
    gunzipSync(readFileSync(file)).toString('utf8'),
  );

const CASES: Case[] = [
  { name: 'ordinary feed (baseline)', kind: 'feed', body: ordinaryFeed },
  { name: 'entity feed: 50,000-char entity x 2,000', kind: 'feed', body: entityFeed },
  { name: 'ordinary page (baseline)', kind: 'article', body: ordinaryPage },
  { name: '2.5 MB page of 10,000 paragraphs', kind: 'article', body: paragraphsPage },
  { name: 'page of 50,000 nested divs', kind: 'article', body: nestedPage },
];

interface Outcome {
  outcome: string;
  rssMiB: number;
  ms: number;
}

/**
 * The child: plain node on the built parser (no TypeScript loader in its memory), reading stdin as
 * argv[1] ("feed" or "article") and printing the outcome, peak RSS (MiB) and time as JSON.
 */
const CHILD = `
const parser = await import(process.argv[2]);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const body = Buffer.concat(chunks);
const started = performance.now();
let outcome;
try {
  if (process.argv[1] === 'feed') {
    const feed = await parser.parseFeed(body);
    const longest = Math.max(0, ...feed.items.map((item) => item.contentText?.length ?? 0));
    const codes = [...new Set(feed.warnings.map((w) => w.code))].join(' ') || '-';
    outcome = feed.items.length + ' items, longest ' + longest + ' chars, warnings ' + codes;
  } else {
    const article = await parser.extractArticle(body, { url: 'https://example.com/story' });
    outcome = article
      ? article.text.length + ' chars, warnings ' + (article.warnings.map((w) => w.code).join(' ') || '-')
      : 'no article';
  }
} catch (error) {
  outcome = 'error ' + error.name + ': ' + error.message.slice(0, 80);
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ outcome, rssMiB: process.resourceUsage().maxRSS / 1024, ms }));
`;

function runCase(testCase: Case): Outcome {
  try {
    const output = execFileSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_CAP_MIB}`, '--input-type=module', '-e', CHILD, testCase.kind, PARSER_URL],
      { input: testCase.body(), cwd: REPO_ROOT, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] },
    );
    return JSON.parse(output) as Outcome;
  } catch (error) {
    const status =
      (error as { status?: number; signal?: string }).signal ?? (error as { status?: number }).status;
    return { outcome: `child died (${status})`, rssMiB: Number.NaN, ms: Number.NaN };
  }
}

async function main(): Promise<void> {
  const results = CASES.map((testCase) => ({ testCase, result: runCase(testCase) }));
  const baseline = (kind: Kind) => results.find(({ testCase }) => testCase.kind === kind)!.result;
  console.log(`| input | outcome | peak RSS MiB | x ordinary ${'|'} ms | x ordinary |`);
  console.log('|---|---|---|---|---|---|');
  for (const { testCase, result } of results) {
    const base = baseline(testCase.kind);
    console.log(
      `| ${testCase.name} | ${result.outcome} | ${result.rssMiB.toFixed(0)} | ${(result.rssMiB / base.rssMiB).toFixed(2)} | ${result.ms.toFixed(0)} | ${(result.ms / base.ms).toFixed(1)} |`,
    );
  }
}

await main();
