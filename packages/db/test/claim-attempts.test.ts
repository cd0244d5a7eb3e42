import { describe, expect, it } from 'vitest';
import { ENGINES, useTestDb } from './helpers/test-db.js';

// Claims count themselves, so a claim that died with its worker is visible to the next one.

const NOW = new Date('2026-03-01T12:00:00.000Z');
const afterLease = (claims: number) => ({ now: new Date(NOW.getTime() + claims * 61_000), leaseSeconds: 60 });

describe.each(ENGINES)('claim attempts on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('are raised by each claim and cleared by a recorded outcome', async () => {
    const feed = await t.db.feeds.add({ url: 'https://crash.example/a', nextPollAt: NOW.toISOString() });
    const [first] = await t.db.feeds.claimDue('w1', 10, afterLease(0));
    expect(first).toMatchObject({ id: feed.id, claimAttempts: 1, crashCount: 0 });
    // w1 dies; after its lease another worker claims the feed and sees the attempt that never ended.
    const [second] = await t.db.feeds.claimDue('w2', 10, afterLease(1));
    expect(second).toMatchObject({ id: feed.id, claimAttempts: 2 });
    expect(await t.db.feeds.recordCrash(feed.id, 'w1', { lastError: 'not the holder' })).toBe(false);
    expect(
      await t.db.feeds.recordCrash(feed.id, 'w2', {
        lastError: 'crashed the worker',
        errorCount: 1,
        nextPollAt: afterLease(2).now.toISOString(),
      }),
    ).toBe(true);
    const crashed = await t.db.feeds.get(feed.id);
    expect(crashed).toMatchObject({
      claimAttempts: 0,
      crashCount: 1,
      lastError: 'crashed the worker',
      leaseOwner: null,
    });
    const [third] = await t.db.feeds.claimDue('w3', 10, afterLease(3));
    expect(third).toMatchObject({ claimAttempts: 1, crashCount: 1 });
    expect(
      await t.db.feeds.finishPoll(feed.id, 'w3', {
        errorCount: 0,
        nextPollAt: afterLease(4).now.toISOString(),
      }),
    ).toBe(true);
    expect(await t.db.feeds.get(feed.id)).toMatchObject({ claimAttempts: 0, crashCount: 0 });
  });

  it('are given back by a released lease and cleared by an unchanged poll', async () => {
    const feed = await t.db.feeds.add({ url: 'https://crash.example/b', nextPollAt: NOW.toISOString() });
    await t.db.feeds.claimDue('w1', 10, afterLease(0));
    await t.db.feeds.releaseLease(feed.id, 'w1');
    expect(await t.db.feeds.get(feed.id)).toMatchObject({ claimAttempts: 0 });
    await t.db.feeds.claimDue('w1', 10, afterLease(0));
    await t.db.feeds.claimDue('w2', 10, afterLease(1));
    const done = await t.db.feeds.finishUnchanged('w2', [
      {
        id: feed.id,
        nextPollAt: afterLease(5).now.toISOString(),
        pollIntervalSeconds: 600,
        polledAt: afterLease(1).now.toISOString(),
      },
    ]);
    expect(done).toEqual([feed.id]);
    expect(await t.db.feeds.get(feed.id)).toMatchObject({ claimAttempts: 0, crashCount: 0 });
  });
});
