import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  hoursAgo,
  LOADED_MACHINE_SLACK_MS,
  rss,
  secondsUntil,
  TEST_ENV,
  type TestWorld,
} from './helpers/harness.js';
import { conditional, gzipBomb, hugeBody, redirect, status, TestServer } from './helpers/test-server.js';

// Each case: what the HTTP server does → what is stored on the feed and when it is polled next.

const server = new TestServer();
let world: TestWorld;
const MIN = 300;

const FEED = rss(
  Array.from({ length: 5 }, (_, index) => ({
    title: `Story ${index}`,
    link: `https://news.example/story-${index}`,
    guid: `story-${index}`,
    description: `Body of story ${index} `.repeat(30),
    pubDate: hoursAgo(index * 2),
  })),
);

/** Items every ten minutes: on its pace alone the feed would be polled at the 5-minute minimum. */
function busyItems(prefix: string) {
  return Array.from({ length: 10 }, (_, index) => ({
    title: `${prefix} ${index}`,
    link: `https://busy.example/${prefix}-${index}`,
    guid: `${prefix}-${index}`,
    description: `Body of ${prefix} ${index} `.repeat(30),
    pubDate: hoursAgo(index / 6),
  }));
}
const BUSY_FEED = rss(busyItems('cached'));

beforeAll(async () => {
  await server
    .route(
      '/feed',
      conditional(() => ({ body: FEED, etag: '"abc"', lastModified: 'Sat, 28 Nov 2026 08:00:00 GMT' })),
    )
    .route('/old-permanent', redirect(301, '/feed'))
    .route('/old-308', redirect(308, '/feed'))
    .route('/old-temporary', redirect(302, '/feed'))
    .route('/loop-a', redirect(302, '/loop-b'))
    .route('/loop-b', redirect(302, '/loop-a'))
    .route('/missing', status(404))
    .route('/gone', status(410))
    .route('/limited', status(429, { 'retry-after': '7200' }))
    .route('/unavailable', status(503, { 'retry-after': new Date(Date.now() + 3 * 3_600_000).toUTCString() }))
    .route('/broken', status(500))
    .route('/never', () => undefined)
    .route('/trickle', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 1000);
      res.on('close', () => clearInterval(timer));
    })
    .route(
      '/cached',
      conditional(() => ({ body: BUSY_FEED, etag: '"cached"', cacheControl: 'public, max-age=14400' })),
    )
    .route(
      '/hourly',
      conditional(() => ({
        body: rss(busyItems('hourly'), {
          extra: '<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>',
        }),
        etag: '"hourly"',
      })),
    )
    .route('/huge', hugeBody(200, false))
    .route('/bomb', gzipBomb(100))
    .start();
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

async function addFeed(path: string) {
  return world.db.feeds.add({ url: server.url(path) });
}

describe('polling over HTTP', () => {
  it('stores items and validators on 200; a 304 then costs no parse and no write but the schedule', async () => {
    const feed = await addFeed('/feed');
    const first = await world.poll(feed);
    expect(first).toMatchObject({ outcome: 'updated', httpStatus: 200, itemsNew: 5 });
    let stored = await world.feed(feed.id);
    expect(stored).toMatchObject({
      etag: '"abc"',
      lastModified: 'Sat, 28 Nov 2026 08:00:00 GMT',
      errorCount: 0,
    });
    expect(stored.lastSuccessAt).not.toBeNull();
    // Items every 2 hours → about every hour, ±10 % jitter.
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(3600 * 0.89);
    expect(secondsUntil(stored.nextPollAt)).toBeLessThan(3600 * 1.11);
    expect(stored.pollIntervalSeconds).toBe(3600);
    const polls = (await world.db.polls.listByFeed(feed.id)).items.length;

    const second = await world.poll(feed.id);
    expect(second).toMatchObject({ outcome: 'not_modified', httpStatus: 304, itemsNew: 0 });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"abc"');
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe('Sat, 28 Nov 2026 08:00:00 GMT');
    stored = await world.feed(feed.id);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(3600 * 0.89);
    expect((await world.db.items.listByFeed(feed.id)).items).toHaveLength(5);
    expect((await world.db.polls.listByFeed(feed.id)).items).toHaveLength(polls);
  });

  it('moves the feed on 301 and 308, not on 302', async () => {
    await world.db.feeds.remove((await world.db.feeds.getByUrl(server.url('/feed')))!.id);
    const permanent = await addFeed('/old-permanent');
    await world.poll(permanent);
    expect((await world.feed(permanent.id)).url).toBe(server.url('/feed'));

    const temporary = await addFeed('/old-temporary');
    const outcome = await world.poll(temporary);
    expect(outcome.outcome).toBe('updated');
    expect((await world.feed(temporary.id)).url).toBe(server.url('/old-temporary'));

    // /old-308 points where feed #permanent already lives: not moved onto it, but polled fine.
    const duplicate = await addFeed('/old-308');
    expect((await world.poll(duplicate)).outcome).toBe('updated');
    expect((await world.feed(duplicate.id)).url).toBe(server.url('/old-308'));
  });

  it('records a redirect loop and backs off', async () => {
    const feed = await addFeed('/loop-a');
    const outcome = await world.poll(feed);
    expect(outcome.outcome).toBe('failed');
    const stored = await world.feed(feed.id);
    expect(stored.lastError).toMatch(/REDIRECT_LOOP/);
    expect(stored.errorCount).toBe(1);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(MIN * 0.89);
    expect(secondsUntil(stored.nextPollAt)).toBeLessThan(MIN * 1.11);
  });

  it('backs off exponentially on 404 and 500, and disables after the configured number of failures', async () => {
    const feed = await addFeed('/missing');
    await world.poll(feed);
    expect(secondsUntil((await world.feed(feed.id)).nextPollAt)).toBeLessThan(MIN * 1.11);
    await world.poll(feed);
    let stored = await world.feed(feed.id);
    expect(stored.errorCount).toBe(2);
    expect(stored.lastError).toMatch(/HTTP 404/);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(2 * MIN * 0.89);
    expect(stored.disabled).toBe(false);
    await world.poll(feed);
    stored = await world.feed(feed.id);
    expect(stored.disabled).toBe(true);
    expect(stored.disabledReason).toMatch(/3 consecutive failed polls.*HTTP 404/);
    expect(
      await world.db.feeds.claimDue('someone', 100, { now: new Date(Date.now() + 10 * 86_400_000) }),
    ).not.toContainEqual(expect.objectContaining({ id: feed.id }));

    const broken = await addFeed('/broken');
    await world.poll(broken);
    expect((await world.feed(broken.id)).lastError).toMatch(/HTTP 500/);
  });

  it('disables a feed on 410 Gone with the reason', async () => {
    const feed = await addFeed('/gone');
    expect((await world.poll(feed)).outcome).toBe('disabled');
    const stored = await world.feed(feed.id);
    expect(stored.disabled).toBe(true);
    expect(stored.disabledReason).toMatch(/410/);
  });

  it('honours Retry-After on 429 (seconds) and 503 (a date)', async () => {
    const limited = await addFeed('/limited');
    await world.poll(limited);
    const afterLimit = await world.feed(limited.id);
    expect(afterLimit.lastError).toMatch(/HTTP 429/);
    expect(secondsUntil(afterLimit.nextPollAt)).toBeGreaterThan(7190);
    expect(secondsUntil(afterLimit.nextPollAt)).toBeLessThan(7210);

    const unavailable = await addFeed('/unavailable');
    await world.poll(unavailable);
    const afterUnavailable = await world.feed(unavailable.id);
    expect(secondsUntil(afterUnavailable.nextPollAt)).toBeGreaterThan(3 * 3600 - 60);
    expect(secondsUntil(afterUnavailable.nextPollAt)).toBeLessThan(3 * 3600 + 10);
  });

  it('times out a server that never answers and one that trickles a byte a second', async () => {
    for (const path of ['/never', '/trickle']) {
      const feed = await addFeed(path);
      const started = Date.now();
      expect((await world.poll(feed)).outcome).toBe('failed');
      // Without the request deadline neither server would ever finish; the bound leaves a loaded
      // 2-core machine room (the poll also claims, records and reschedules in the database).
      expect(Date.now() - started).toBeLessThan(
        Number(TEST_ENV.WORKER_REQUEST_TIMEOUT_MS) + LOADED_MACHINE_SLACK_MS,
      );
      const stored = await world.feed(feed.id);
      expect(stored.lastError).toMatch(/TIMEOUT/);
      expect(stored.lastErrorAt).not.toBeNull();
      expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(MIN * 0.89);
    }
  });

  it('aborts a 200 MB body and a gzip bomb at the size limit', async () => {
    for (const path of ['/huge', '/bomb']) {
      const feed = await addFeed(path);
      expect((await world.poll(feed)).outcome).toBe('failed');
      const stored = await world.feed(feed.id);
      expect(stored.lastError).toMatch(/TOO_LARGE.*WORKER_MAX_BODY_BYTES/);
      expect((await world.db.items.listByFeed(feed.id)).items).toHaveLength(0);
    }
  });

  it('refuses an address on a private network without connecting, and records why', async () => {
    const feed = await world.db.feeds.add({ url: 'http://192.168.77.1/feed.xml' });
    expect((await world.poll(feed)).outcome).toBe('failed');
    const stored = await world.feed(feed.id);
    expect(stored.lastError).toMatch(/BLOCKED_ADDRESS.*192\.168\.77\.1/);
    expect(stored.errorCount).toBe(1);
    const polls = await world.db.polls.listByFeed(feed.id);
    expect(polls.items[0]).toMatchObject({ httpStatus: null, itemsNew: 0 });
    expect(polls.items[0]!.error).toMatch(/BLOCKED_ADDRESS/);
  });

  it('never polls sooner than Cache-Control max-age asks, on 200 and on 304', async () => {
    const feed = await addFeed('/cached');
    expect((await world.poll(feed)).outcome).toBe('updated');
    let stored = await world.feed(feed.id);
    expect(stored.pollIntervalSeconds).toBe(14_400);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(14_400 * 0.89);
    expect((await world.poll(feed)).outcome).toBe('not_modified');
    stored = await world.feed(feed.id);
    expect(stored.pollIntervalSeconds).toBe(14_400);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(14_400 * 0.89);
    expect(secondsUntil(stored.nextPollAt)).toBeLessThan(14_400 * 1.11);
  });

  it('never polls sooner than sy:updatePeriod asks', async () => {
    const feed = await addFeed('/hourly');
    await world.poll(feed);
    const stored = await world.feed(feed.id);
    expect(stored.pollIntervalSeconds).toBe(3600);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(3600 * 0.89);
  });

  it('records an HTML page that is no feed and advertises none, trying at most a few guessed paths', async () => {
    // A server of its own: the guessed paths (/feed, /rss.xml…) must not find this file's feeds.
    const site = await new TestServer().start();
    site.route('/', (_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><title>Home</title></head><body><p>Welcome to our site.</p></body></html>',
      );
    });
    try {
      const feed = await world.db.feeds.add({ url: site.url('/') });
      expect((await world.poll(feed)).outcome).toBe('failed');
      const stored = await world.feed(feed.id);
      expect(stored.url).toBe(site.url('/'));
      expect(stored.lastError).toMatch(/is a web page, not a feed; it advertises none/);
      expect(stored.errorCount).toBe(1);
      expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(MIN * 0.89);
      expect((await world.db.items.listByFeed(feed.id)).items).toHaveLength(0);
      // The page itself, then a few guesses (/feed, /rss.xml…): bounded, not every path under the sun.
      expect(site.requests.length).toBeGreaterThan(1);
      expect(site.requests.length).toBeLessThanOrEqual(4);
      expect(site.hitsOf('/')).toBe(1);
    } finally {
      await site.stop();
    }
  });

  it('spreads the next polls of feeds polled in the same round (jitter)', async () => {
    const feeds = [];
    for (let index = 0; index < 40; index++) {
      server.route(
        `/spread/${index}`,
        conditional(() => ({ body: FEED, etag: `"spread-${index}"` })),
      );
      feeds.push(await addFeed(`/spread/${index}`));
    }
    const summary = await world.runtime.worker.runOnce();
    expect(summary.polled).toBeGreaterThanOrEqual(40);
    const next = await Promise.all(
      feeds.map(async (feed) => Date.parse((await world.feed(feed.id)).nextPollAt)),
    );
    const seconds = new Set(next.map((time) => Math.floor(time / 1000)));
    // ±10 % of an hour is a 12-minute window: 40 feeds land on (nearly) 40 different seconds.
    expect(seconds.size).toBeGreaterThanOrEqual(35);
    expect(Math.max(...next) - Math.min(...next)).toBeGreaterThan(60_000);
    for (const time of next) expect((time - Date.now()) / 1000).toBeGreaterThan(3600 * 0.88);
  });
});
