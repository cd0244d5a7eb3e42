import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db, type UnchangedPoll } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnchangedPollWriter } from '../src/pipeline/unchanged-polls.js';

// The 304 path's batched write, on a real SQLite file.

const dir = mkdtempSync(join(tmpdir(), 'newsfeed-unchanged-'));
let db: Db;

beforeAll(async () => {
  db = await createDb(`file:${join(dir, 'test.db')}`);
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('UnchangedPollWriter', () => {
  it('writes polls that finish while a write runs in the next one, and reports lost leases', async () => {
    const now = Date.now();
    for (let index = 0; index < 6; index++)
      await db.feeds.add({
        url: `https://u${index}.example/feed`,
        nextPollAt: new Date(now - 1000).toISOString(),
      });
    const claimed = await db.feeds.claimDue('me', 5, { leaseSeconds: 60 });
    const other = await db.feeds.claimDue('someone-else', 5, { leaseSeconds: 60 });
    expect(claimed).toHaveLength(5);
    expect(other).toHaveLength(1);
    // Statements the writer sends, by size: the real database underneath, counted.
    const batches: number[] = [];
    const counted: Db = {
      ...db,
      feeds: {
        ...db.feeds,
        finishUnchanged: (workerId: string, polls: UnchangedPoll[]) => {
          batches.push(polls.length);
          return db.feeds.finishUnchanged(workerId, polls);
        },
      },
    };
    const writer = new UnchangedPollWriter(counted, 'me');
    const poll = (id: number): UnchangedPoll => ({
      id,
      nextPollAt: new Date(now + 3_600_000).toISOString(),
      pollIntervalSeconds: 3600,
      polledAt: new Date(now).toISOString(),
    });
    const results = await Promise.all([...claimed, ...other].map((feed) => writer.finish(poll(feed.id))));
    // The first poll is written at once; the five that came while it ran share one statement.
    expect(batches).toEqual([1, 5]);
    expect(results).toEqual([true, true, true, true, true, false]);
    for (const feed of claimed)
      expect(await db.feeds.get(feed.id)).toMatchObject({ leaseOwner: null, pollIntervalSeconds: 3600 });
    expect(await db.feeds.get(other[0]!.id)).toMatchObject({ leaseOwner: 'someone-else' });
  });

  it('rejects every poll of a batch whose write failed, and keeps writing later ones', async () => {
    let fail = true;
    const flaky: Db = {
      ...db,
      feeds: {
        ...db.feeds,
        finishUnchanged: async (workerId: string, polls: UnchangedPoll[]) => {
          if (fail) throw new Error('connection lost');
          return db.feeds.finishUnchanged(workerId, polls);
        },
      },
    };
    const writer = new UnchangedPollWriter(flaky, 'me');
    const feed = await db.feeds.add({ url: 'https://flaky.example/feed' });
    await db.feeds.claimDue('me', 10);
    const poll: UnchangedPoll = {
      id: feed.id,
      nextPollAt: new Date(Date.now() + 600_000).toISOString(),
      pollIntervalSeconds: 600,
      polledAt: new Date().toISOString(),
    };
    await expect(writer.finish(poll)).rejects.toThrow('connection lost');
    fail = false;
    expect(await writer.finish(poll)).toBe(true);
    expect(await db.feeds.get(feed.id)).toMatchObject({ leaseOwner: null, pollIntervalSeconds: 600 });
  });
});
