import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN } from './helpers/cli.js';
import { hostileCorpus } from './helpers/hostile-corpus.js';
import { TestServer } from './helpers/test-server.js';

// Random and hostile feeds and pages through the real worker process with the shipped heap cap:
// it exits 0, every feed ends as stored items or a recorded error, and nothing stored carries a
// URL other than http(s). The seed is printed; NEWSFEED_FUZZ_SEED=<seed> replays a run.

/** The heap cap `pnpm start` ships with (apps/worker/package.json). */
const SHIPPED_HEAP_MB = 160;
/** One of each kind (hostile-corpus.ts has 12); more draw kinds at random. */
const CASES = 12;
const seed = Number(process.env.NEWSFEED_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const TIME = '/usr/bin/time';

const server = new TestServer();
let dir: string;
let dbUrl: string;

beforeAll(async () => {
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-fuzz-'));
  dbUrl = `file:${join(dir, 'fuzz.db')}`;
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runWorker(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const node = [`--max-old-space-size=${SHIPPED_HEAP_MB}`, MAIN, 'once'];
  const [command, args] = existsSync(TIME)
    ? [TIME, ['-v', process.execPath, ...node]]
    : [process.execPath, node];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const HTTP = /^https?:\/\//i;

describe('hostile feeds and pages through the real worker', () => {
  it(`never take it down and leave nothing unsafe stored (seed ${seed})`, async () => {
    console.log(`hostile fuzz seed: ${seed} (replay with NEWSFEED_FUZZ_SEED=${seed})`);
    const cases = hostileCorpus(seed, CASES, (index) => server.url(`/case-${index}`));
    const db = await createDb(dbUrl);
    const feedIds = new Map<number, string>();
    for (const [index, hostile] of cases.entries()) {
      const serve = (path: string, served: { body: Buffer; headers: Record<string, string> }) =>
        server.route(path, (_request, res) => {
          res.writeHead(200, served.headers);
          res.end(served.body);
        });
      serve(`/case-${index}/feed`, hostile.feed);
      for (const [path, page] of hostile.pages) serve(`/case-${index}${path}`, page);
      const feed = await db.feeds.add({ url: server.url(`/case-${index}/feed`) });
      feedIds.set(feed.id, hostile.name);
    }
    await db.close();

    const run = await runWorker({
      DATABASE_URL: dbUrl,
      WORKER_ALLOWED_ADDRESSES: '127.0.0.1',
      WORKER_SEED_OPML: 'none',
      WORKER_METRICS_PORT: '0',
      // Bounds the run on a loaded machine; the shipped value only lets hostile pages run longer.
      WORKER_PARSE_TIMEOUT_MS: '5000',
      LOG_LEVEL: process.env.NEWSFEED_FUZZ_LOG_LEVEL ?? 'warn',
    });
    const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
    if (peak) console.log(`worker peak RSS: ${(Number(peak[1]) / 1024).toFixed(0)} MiB (seed ${seed})`);
    expect(run.code, `worker exit (seed ${seed}):\n${run.stderr.slice(-2_000)}`).toBe(0);

    const check = await createDb(dbUrl);
    try {
      const unsafe: string[] = [];
      const unresolved: string[] = [];
      const feeds = await check.feeds.list({ limit: 100, includeDisabled: true });
      for (const feed of feeds.items) {
        const name = feedIds.get(feed.id);
        for (const [field, value] of Object.entries({
          siteUrl: feed.siteUrl,
          iconUrl: feed.iconUrl,
          url: feed.url,
        }))
          if (value && !HTTP.test(value)) unsafe.push(`${name} feed.${field}=${value}`);
        if (feed.itemCount === 0 && !feed.lastError)
          unresolved.push(`${name}: no items and no recorded error`);
        let cursor: string | null = null;
        do {
          const page = await check.items.listByFeed(feed.id, { limit: 500, cursor });
          for (const item of page.items) {
            const urls = {
              url: item.url,
              canonicalUrl: item.canonicalUrl,
              imageUrl: item.imageUrl,
              commentsUrl: item.commentsUrl,
              ...Object.fromEntries(
                item.enclosures.map((enclosure, index) => [`enclosure${index}`, enclosure.url]),
              ),
            };
            for (const [field, value] of Object.entries(urls))
              if (value && !HTTP.test(value)) unsafe.push(`${name} item ${item.id} ${field}=${value}`);
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
      expect(unresolved, `seed ${seed}`).toEqual([]);
      expect(unsafe, `seed ${seed}`).toEqual([]);
    } finally {
      await check.close();
    }
  }, 180_000);
});
