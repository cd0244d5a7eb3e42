import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Stopping while a poll hangs: after WORKER_SHUTDOWN_TIMEOUT_MS the poll is aborted and its feed
// given back untouched (no failure recorded, no backoff), so the next worker polls it right away.

const server = new TestServer();
let world: TestWorld;
let requested: (() => void) | null = null;
const hangingRequested = new Promise<void>((resolve) => {
  requested = resolve;
});

beforeAll(async () => {
  await server
    .route('/hangs', () => {
      requested?.();
      // Never answers; the worker must not wait for it on shutdown.
    })
    .start();
  world = await createWorld({
    WORKER_REQUEST_TIMEOUT_MS: '60000',
    WORKER_SHUTDOWN_TIMEOUT_MS: '300',
    WORKER_POLL_INTERVAL_MS: '100',
  });
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

describe('shutdown', () => {
  it('aborts a poll that outlives the shutdown timeout and releases its feed untouched', async () => {
    const feed = await world.db.feeds.add({ url: server.url('/hangs') });
    const running = world.runtime.worker.run();
    await hangingRequested;
    const leased = await world.feed(feed.id);
    expect(leased.leaseOwner).toBe(world.runtime.ctx.workerId);
    const started = Date.now();
    await world.runtime.worker.stop();
    await running;
    // Bounded by the shutdown timeout, not the 60 s request timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    const released = await world.feed(feed.id);
    expect(released).toMatchObject({
      leaseOwner: null,
      leaseExpiresAt: null,
      errorCount: 0,
      lastError: null,
      lastSuccessAt: null,
      nextPollAt: feed.nextPollAt,
    });
    expect((await world.db.polls.listByFeed(feed.id)).items).toEqual([]);
    expect(await world.db.feeds.countDue()).toBe(1);
  });
});
