// What loading @newsfeed/parser costs: each entry point imported in a fresh Node process against a
// bare `node -e 0` in the same rounds, and `newsfeed-parser feed FILE` against a script doing the
// same; rounds interleave every case so the machine's load hits them all alike.
//
//   npx tsx bench/parser-import.ts [--rounds 7]   (from the repository root; needs the parser built)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, SHARED_DIR } from './lib/corpus-dir.js';

const PARSER_DIR = path.join(REPO_ROOT, 'packages/parser');
const roundsFlag = process.argv.indexOf('--rounds');
const ROUNDS = roundsFlag >= 0 ? Number(process.argv[roundsFlag + 1]) : 7;
const FEED_FILE = path.join(SHARED_DIR, 'corpora/feeds/real-world/guardian.rss');
/** The goals for /feed and /text: under this much over a bare Node process. */
const GOAL_MS = 300;
const GOAL_MB = 25;

const manifest = JSON.parse(readFileSync(path.join(PARSER_DIR, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};
const PRINT_RSS = 'process.stdout.write(String(process.resourceUsage().maxRSS))';
/** For runs whose stdout is the output: peak RSS goes to stderr when the process exits. */
const REPORT_RSS_AT_EXIT =
  "process.on('exit',()=>process.stderr.write('rss='+process.resourceUsage().maxRSS));";

interface Case {
  name: string;
  args: string[];
}

const entries: Case[] = Object.keys(manifest.exports)
  .filter((key) => key !== './package.json')
  .map((key) => {
    const specifier = key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`;
    return {
      name: `import '${specifier}'`,
      args: ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)}); ${PRINT_RSS}`],
    };
  });
const cases: Case[] = [
  { name: 'node -e 0 (bare)', args: ['-e', PRINT_RSS] },
  ...entries,
  {
    name: 'script: import /feed, parseFeed(FILE)',
    args: [
      '--input-type=module',
      '-e',
      `const { parseFeed } = await import('${manifest.name}/feed');
       const { readFileSync } = await import('node:fs');
       process.stdout.write(JSON.stringify(parseFeed(readFileSync(process.argv[1]))) + '\\n');
       ${REPORT_RSS_AT_EXIT}`,
      FEED_FILE,
    ],
  },
  {
    name: 'newsfeed-parser feed FILE',
    args: [
      '--import',
      `data:text/javascript,${REPORT_RSS_AT_EXIT}`,
      path.join(PARSER_DIR, 'dist/cli.js'),
      'feed',
      FEED_FILE,
    ],
  },
];

function runOnce(item: Case): { ms: number; mb: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, item.args, { cwd: PARSER_DIR, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${item.name} failed: ${result.stderr}`);
  const rss = /rss=(\d+)/.exec(result.stderr)?.[1] ?? result.stdout.trim();
  return { ms, mb: Number(rss) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const samples = new Map(cases.map((item) => [item.name, { ms: [] as number[], mb: [] as number[] }]));
for (let round = 0; round < ROUNDS; round++) {
  for (const item of cases) {
    const { ms, mb } = runOnce(item);
    samples.get(item.name)!.ms.push(ms);
    samples.get(item.name)!.mb.push(mb);
  }
}

const bare = samples.get(cases[0]!.name)!;
const bareMs = median(bare.ms);
const bareMb = median(bare.mb);
console.log(
  `${ROUNDS} rounds, medians; node ${process.version}; feed file ${path.relative(SHARED_DIR, FEED_FILE)}`,
);
console.log('| case | ms | ms over bare | × bare time | peak RSS MB | MB over bare | × bare RSS |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const item of cases) {
  const ms = median(samples.get(item.name)!.ms);
  const mb = median(samples.get(item.name)!.mb);
  console.log(
    `| ${item.name} | ${ms.toFixed(0)} | ${(ms - bareMs).toFixed(0)} | ${(ms / bareMs).toFixed(2)} | ${mb.toFixed(1)} | ${(mb - bareMb).toFixed(1)} | ${(mb / bareMb).toFixed(2)} |`,
  );
}
for (const entry of ['/feed', '/text']) {
  const name = `import '${manifest.name}${entry}'`;
  const ms = median(samples.get(name)!.ms) - bareMs;
  const mb = median(samples.get(name)!.mb) - bareMb;
  const met = ms < GOAL_MS && mb < GOAL_MB;
  console.log(
    `goal ${entry}: +${ms.toFixed(0)} ms, +${mb.toFixed(1)} MB (under ${GOAL_MS} ms and ${GOAL_MB} MB: ${met ? 'met' : 'NOT met'})`,
  );
}
const cli = median(samples.get('newsfeed-parser feed FILE')!.ms);
const script = median(samples.get('script: import /feed, parseFeed(FILE)')!.ms);
console.log(`CLI feed / script importing /feed: ${(cli / script).toFixed(2)}× time`);
