import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TIMEOUTS_ENV, runCli, startCli } from './helpers/cli.js';
import { TestServer } from './helpers/test-server.js';

// A worker that dies while polling a feed (here: killed with SIGKILL mid-request, as the kernel's
// OOM killer or a heap abort would) records nothing; the next worker to claim the feed must see
// that, record it as the feed's error, back off, and after WORKER_MAX_CRASHES disable the feed.

const server = new TestServer();
let dir: string;
let db: Db;
let env: Record<string, string>;
/** Resolves when the next request for /hang arrives (the worker is then mid-poll). */
let requested: () => void = () => undefined;

beforeAll(async () => {
  server.route('/hang', () => {
    requested();
    return new Promise<void>(() => undefined);
  });
  await server.start();
  dir = mkdtempSync(join(tmpdir(), 'newsfeed-crash-'));
  env = {
    ...CLI_TIMEOUTS_ENV,
    DATABASE_URL: `file:${join(dir, 'crash.db')}`,
    WORKER_ALLOWED_ADDRESSES: '127.0.0.1',
    WORKER_SEED_OPML: 'none',
    WORKER_METRICS_PORT: '0',
    WORKER_LEASE_SECONDS: '1',
    WORKER_MAX_CRASHES: '2',
    WORKER_FULL_TEXT: 'off',
  };
  db = await createDb(env.DATABASE_URL!);
});

afterAll(async () => {
  await db.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `once` until it is mid-request for the feed, then kills it with SIGKILL. */
async function killMidPoll(): Promise<void> {
  const arrived = new Promise<void>((resolve) => {
    requested = resolve;
  });
  const { child, done } = startCli(['once'], env);
  await arrived;
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  // Let the dead worker's lease (WORKER_LEASE_SECONDS=1) run out.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

async function makeDue(id: number): Promise<void> {
  await db.feeds.update(id, { nextPollAt: new Date(Date.now() - 1_000).toISOString() });
}

describe('a feed whose poll killed the worker', () => {
  it('is recorded as a crash, backs off, and is disabled after WORKER_MAX_CRASHES', async () => {
    const feed = await db.feeds.add({ url: server.url('/hang') });
    const hits = () => server.hitsOf('/hang');

    await killMidPoll();
    const first = await runCli(['once'], env);
    expect(first.code).toBe(0);
    const crashed = (await db.feeds.get(feed.id))!;
    expect(crashed.lastError).toMatch(/^Crashed the worker: 1 poll of this feed ended with the worker gone/);
    expect(crashed).toMatchObject({ errorCount: 1, crashCount: 1, claimAttempts: 0, disabled: false });
    expect(Date.parse(crashed.nextPollAt)).toBeGreaterThan(Date.now());
    // The crashed feed was set aside, not fetched again by the worker that found the crash.
    expect(hits()).toBe(1);
    const history = await db.polls.listByFeed(feed.id, { limit: 5 });
    expect(history.items[0]?.error).toMatch(/Crashed the worker/);

    await makeDue(feed.id);
    await killMidPoll();
    await runCli(['once'], env);
    const disabled = (await db.feeds.get(feed.id))!;
    expect(disabled.disabled).toBe(true);
    expect(disabled.disabledReason).toMatch(/Crashed the worker.*disabled after 2 \(WORKER_MAX_CRASHES\)/);
    expect(disabled.crashCount).toBe(2);
    expect(hits()).toBe(2);
  });
});
