import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRetention } from '../src/cli/retention.js';
import { silentLogger } from '../src/observe/logger.js';
import { createWorld, hoursAgo, longText, rss, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// The hourly retention step of `run`, on a real SQLite file, and what the next poll of the same feed does.

const server = new TestServer();
let world: TestWorld;

beforeAll(async () => {
  await server.start();
  world = await createWorld({ WORKER_RETENTION_DAYS: '30' });
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

describe('retention', () => {
  it('deletes old items and their empty stories, keeps recent ones, and a later poll does not bring them back', async () => {
    const body = rss([
      {
        title: 'Harbour bridge reopens',
        link: 'https://r.example/old-1',
        guid: 'old-1',
        description: longText('bridge'),
        pubDate: hoursAgo(24 * 45),
      },
      {
        title: 'Orchestra names new conductor',
        link: 'https://r.example/old-2',
        guid: 'old-2',
        description: longText('music'),
        pubDate: hoursAgo(24 * 40),
      },
      {
        title: 'Council approves budget',
        link: 'https://r.example/new-1',
        guid: 'new-1',
        description: longText('budget'),
        pubDate: hoursAgo(2),
      },
    ]);
    // No validators: every poll gets the full feed again, old items included.
    server.route('/retained', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(body);
    });
    const feed = await world.db.feeds.add({ url: server.url('/retained') });

    const first = await world.poll(feed);
    await world.cluster();
    expect(first.outcome).toBe('updated');
    expect(first.itemsNew).toBe(3);
    const before = (await world.db.items.listByFeed(feed.id, { limit: 100 })).items;
    expect(before).toHaveLength(3);
    const byGuid = new Map(before.map((item) => [item.guid, item]));
    const oldStories = ['old-1', 'old-2'].map((guid) => byGuid.get(guid)?.storyId);
    const freshStory = byGuid.get('new-1')?.storyId;
    for (const storyId of [...oldStories, freshStory]) expect(storyId).toEqual(expect.any(Number));
    expect(new Set([...oldStories, freshStory]).size).toBe(3);

    // The same step the loop takes every hour, with the cutoff 30 days before now.
    const removed = await sweepRetention(world.db, world.config, silentLogger());
    expect(removed).not.toBeNull();
    expect(Date.parse(removed?.cutoff ?? '')).toBeCloseTo(Date.now() - 30 * 86_400_000, -4);
    expect(removed?.items).toBe(2);
    expect(removed?.stories).toBe(2);

    const after = (await world.db.items.listByFeed(feed.id, { limit: 100 })).items;
    expect(after.map((item) => item.guid)).toEqual(['new-1']);
    for (const storyId of oldStories) expect(await world.db.stories.get(storyId as number)).toBeNull();
    expect(await world.db.stories.get(freshStory as number)).not.toBeNull();

    // The publisher still lists the old items: the tombstones keep them out.
    const second = await world.poll(feed);
    expect(second.outcome).not.toBe('error');
    expect(second.httpStatus).toBe(200);
    expect(second.itemsNew).toBe(0);
    const afterPoll = (await world.db.items.listByFeed(feed.id, { limit: 100 })).items;
    expect(afterPoll.map((item) => item.guid)).toEqual(['new-1']);
    for (const storyId of oldStories) expect(await world.db.stories.get(storyId as number)).toBeNull();
  });

  it('does nothing when WORKER_RETENTION_DAYS is 0', async () => {
    expect(await sweepRetention(world.db, { WORKER_RETENTION_DAYS: 0 }, silentLogger())).toBeNull();
  });
});
