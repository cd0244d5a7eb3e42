import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsolationError } from '../src/isolate/isolation-error.js';
import { ParsePool } from '../src/isolate/parse-pool.js';
import { createWorld, longText, rss, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Parsing runs in threads with their own heap and time limits: a feed that needs more costs a
// thread and becomes that feed's error; the worker, and the next feed, carry on.

const small = rss([
  { title: 'Small and fine', link: 'https://small.example/1', guid: 's1', description: 'Fine.' },
]);
/** A feed of many long items: a few MB, some seconds of parsing on a loaded machine. */
const LONG = rss(
  Array.from({ length: 1_000 }, (_, index) => ({
    title: `Item ${index} of a long feed`,
    link: `https://long.example/${index}`,
    guid: `long-${index}`,
    description: longText(`w${index}`, 200),
  })),
);
/**
 * A heap no parse fits in: the thread dies of it loading the parser already. It stands for a
 * hostile feed whose parse outgrows WORKER_PARSE_HEAP_MB, deterministically, whatever the parser's
 * own limits do to particular bombs.
 */
const EXHAUSTED_HEAP_MB = 8;

function response(body: string, url = 'https://feed.example/feed') {
  return { url, headers: { 'content-type': 'application/rss+xml' }, body: Buffer.from(body) };
}

async function isolationError(promise: Promise<unknown>): Promise<IsolationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IsolationError);
    return error as IsolationError;
  }
  throw new Error('expected the parse to fail');
}

describe('ParsePool', () => {
  it('fails a task that exhausts its heap and retires the thread; this process carries on', async () => {
    const pool = new ParsePool({ threads: 1, heapMb: EXHAUSTED_HEAP_MB, timeoutMs: 60_000 });
    try {
      const error = await isolationError(pool.parseFeed(response(small), 'UTC'));
      expect(error.code).toBe('OUT_OF_MEMORY');
      expect(error.message).toMatch(/WORKER_PARSE_HEAP_MB \(8 MiB\).*feed\.example/);
      expect(pool.size).toBe(0);
      // The next task gets a fresh thread (and dies the same way in this heap).
      expect((await isolationError(pool.parseFeed(response(small), 'UTC'))).code).toBe('OUT_OF_MEMORY');
    } finally {
      await pool.close();
    }
    const roomy = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 60_000 });
    try {
      const next = await roomy.parseFeed(response(small), 'UTC');
      expect(next.kind === 'feed' && next.feed.items.map((item) => item.title)).toEqual(['Small and fine']);
    } finally {
      await roomy.close();
    }
  });

  it('terminates a task past its time limit, and parses the next one', async () => {
    const pool = new ParsePool({ threads: 1, heapMb: 256, timeoutMs: 1 });
    try {
      const error = await isolationError(pool.parseFeed(response(LONG), 'UTC'));
      expect(error.code).toBe('TIMEOUT');
      expect(pool.size).toBe(0);
    } finally {
      await pool.close();
    }
    const patient = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 60_000 });
    try {
      expect((await patient.parseFeed(response(small), 'UTC')).kind).toBe('feed');
    } finally {
      await patient.close();
    }
  });

  it('refuses a result with more text per body byte than the expansion limit allows', async () => {
    // Its text comes back as summary and content: about twice the body, well over 1 MiB of characters.
    const wordy = rss(
      Array.from({ length: 300 }, (_, index) => ({
        title: `Wordy ${index}`,
        link: `https://w.example/${index}`,
        guid: `w${index}`,
        description: longText(`w${index}`, 500),
      })),
    );
    const strict = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 60_000, maxExpansion: 1 });
    try {
      await expect(strict.parseFeed(response(wordy), 'UTC')).rejects.toMatchObject({
        name: 'ResultTooLargeError',
        message: expect.stringMatching(/WORKER_PARSE_MAX_EXPANSION/),
      });
    } finally {
      await strict.close();
    }
    const usual = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 60_000 });
    try {
      expect((await usual.parseFeed(response(wordy), 'UTC')).kind).toBe('feed');
    } finally {
      await usual.close();
    }
  });

  it('keeps a process with nothing else to do alive while a thread starts for its task', async () => {
    // The built pool, as `once` runs it; before the thread is ready nothing else holds the loop.
    const pool = new URL('../dist/isolate/parse-pool.js', import.meta.url).href;
    const script = `import { ParsePool } from ${JSON.stringify(pool)};
      const pool = new ParsePool({ threads: 1, heapMb: 96, timeoutMs: 60000 });
      const outcome = await pool.parseFeed(
        { url: 'https://feed.example/', headers: {}, body: Buffer.from(${JSON.stringify(small)}) }, 'UTC');
      console.log(outcome.kind);
      await pool.close();`;
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=160', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('feed');
  });

  it('runs tasks on at most `threads` threads, reused', async () => {
    const pool = new ParsePool({ threads: 2, heapMb: 96, timeoutMs: 60_000 });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () => pool.parseFeed(response(small), 'UTC')),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'feed')).toBe(true);
      expect(pool.size).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });
});

describe('a poll whose feed exhausts the parse heap', () => {
  const server = new TestServer();
  let world: TestWorld;
  beforeAll(async () => {
    server.route('/feed', (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(small);
    });
    await server.start();
    world = await createWorld({ WORKER_PARSE_HEAP_MB: String(EXHAUSTED_HEAP_MB) });
  });
  afterAll(async () => {
    await world.close();
    await server.stop();
  });

  it('records the out-of-memory as the feed error and in its poll history', async () => {
    const feed = await world.db.feeds.add({ url: server.url('/feed') });
    const outcome = await world.poll(feed);
    expect(outcome.outcome).toBe('failed');
    expect((await world.feed(feed.id)).lastError).toMatch(/^IsolationError: .*WORKER_PARSE_HEAP_MB/);
    expect((await world.db.items.listByFeed(feed.id, { limit: 10 })).items).toEqual([]);
    const history = await world.db.polls.listByFeed(feed.id, { limit: 5 });
    expect(history.items[0]?.error).toMatch(/WORKER_PARSE_HEAP_MB/);
    // Polled again, it fails the same way: the worker itself is unharmed.
    expect((await world.poll(feed)).outcome).toBe('failed');
  });
});
