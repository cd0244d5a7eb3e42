import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, longText, type RssItem, rss, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// One poll fetches at most WORKER_FULL_TEXT_PER_POLL article pages, at most
// WORKER_FULL_TEXT_PER_HOST from one host; the teasers left over get their page on later polls.

const feedServer = new TestServer();
/** Two article hosts (same address, two ports: a host is host and port). */
const hosts = [new TestServer(), new TestServer()];
let world: TestWorld;
const PAGES_PER_HOST = 6;

function articlePage(title: string): string {
  const paragraphs = longText(title.replace(/\W+/g, ''), 300)
    .match(/(?:\S+\s+){1,40}/g)!
    .map((sentence) => `<p>${sentence.trim()}.</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><article><h1>${title}</h1>${paragraphs}</article></main></body></html>`;
}

beforeAll(async () => {
  for (const host of hosts) {
    for (let page = 0; page < PAGES_PER_HOST; page++) {
      host.route(`/article/${page}`, (_request, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(articlePage(`Story ${page} on port ${host.port}`));
      });
    }
    await host.start();
  }
  // Teasers alternating between the two hosts: a0 b0 a1 b1 ...
  const items: RssItem[] = [];
  for (let page = 0; page < PAGES_PER_HOST; page++) {
    for (const [name, host] of hosts.entries()) {
      items.push({
        title: `Teaser ${name}-${page}`,
        link: host.url(`/article/${page}`),
        guid: `teaser-${name}-${page}`,
        description: 'Read more…',
      });
    }
  }
  feedServer.route('/teasers', (_request, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(items));
  });
  await feedServer.start();
  world = await createWorld({ WORKER_FULL_TEXT_PER_POLL: '5', WORKER_FULL_TEXT_PER_HOST: '3' });
});

afterAll(async () => {
  await world.close();
  await feedServer.stop();
  for (const host of hosts) await host.stop();
});

function pagesFetched(host: TestServer): number {
  return Array.from({ length: PAGES_PER_HOST }, (_, page) => host.hitsOf(`/article/${page}`)).reduce(
    (a, b) => a + b,
  );
}

describe('full-text fetches per poll', () => {
  it('stay within the per-poll and per-host budgets, and the backlog is fetched on later polls', async () => {
    const feed = await world.db.feeds.add({ url: feedServer.url('/teasers') });
    const fetched = () => hosts.map(pagesFetched);

    const first = await world.poll(feed);
    expect(first.error).toBeNull();
    const [a1, b1] = fetched();
    expect(a1! + b1!).toBe(5);
    expect(Math.max(a1!, b1!)).toBeLessThanOrEqual(3);
    const items = async () => (await world.db.items.listByFeed(feed.id, { limit: 100 })).items;
    expect(await items()).toHaveLength(2 * PAGES_PER_HOST);
    const withText = async () =>
      (await items()).filter((item) => (item.contentText?.length ?? 0) > 500).length;
    expect(await withText()).toBe(5);

    await world.poll(feed);
    const [a2, b2] = fetched();
    expect(a2! + b2!).toBe(10);
    expect(await withText()).toBe(10);

    await world.poll(feed);
    expect(fetched()).toEqual([PAGES_PER_HOST, PAGES_PER_HOST]);
    expect(await withText()).toBe(2 * PAGES_PER_HOST);

    // Nothing is left: a fourth poll fetches no page again.
    await world.poll(feed);
    expect(fetched()).toEqual([PAGES_PER_HOST, PAGES_PER_HOST]);
    expect(await items()).toHaveLength(2 * PAGES_PER_HOST);
  });
});
