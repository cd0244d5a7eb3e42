import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type RssItem, rss, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Items without guid or link, over several polls of a real server: their identity is their
// content, never a date the feed rewrites on every fetch.

const server = new TestServer();
let world: TestWorld;
let body = '';

beforeAll(async () => {
  await server.start();
  server.route('/feed', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(body);
  });
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

/** The feed as it is served at poll `poll`: every date is that fetch's time, as some generators do. */
function itemsAtPoll(poll: number, titles: string[]): RssItem[] {
  const fetchedAt = new Date(Date.UTC(2026, 0, 1, 12, poll)).toUTCString();
  return titles.map((title) => ({ title, description: `About ${title}.`, pubDate: fetchedAt }));
}

async function storedTitles(feedId: number): Promise<string[]> {
  const { items } = await world.db.items.listByFeed(feedId, { limit: 100 });
  return items.map((item) => item.title).sort();
}

describe('items without guid or link', () => {
  it('stay one row each over four polls whose dates all change', async () => {
    const feed = await world.db.feeds.add({ url: server.url('/feed') });
    const titles = ['Water outage on Elm Street', 'Library hours extended', 'Road works until Friday'];
    for (let poll = 0; poll < 4; poll++) {
      body = rss(itemsAtPoll(poll, titles));
      expect((await world.poll(feed.id)).outcome).toBe('updated');
      expect(await storedTitles(feed.id), `after poll ${poll + 1}`).toEqual([...titles].sort());
    }
  });

  it('keep two identical entries as two rows, and add one when a third appears on top', async () => {
    const feed = await world.db.feeds.add({ url: server.url('/feed?repeated') });
    body = rss(itemsAtPoll(0, ['Status: all systems normal', 'Status: all systems normal']));
    await world.poll(feed.id);
    expect(await storedTitles(feed.id)).toHaveLength(2);
    body = rss(itemsAtPoll(1, ['Status: all systems normal', 'Status: all systems normal']));
    await world.poll(feed.id);
    expect(await storedTitles(feed.id)).toHaveLength(2);
    body = rss(itemsAtPoll(2, Array(3).fill('Status: all systems normal')));
    await world.poll(feed.id);
    expect(await storedTitles(feed.id)).toHaveLength(3);
  });
});
