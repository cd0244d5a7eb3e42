import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultWorkerConfig, loadWorkerConfig } from '../src/env.js';
import { resolveFeedTimeZone } from '../src/pipeline/parse-stage.js';
import { createWorld, longText, type RssItem, rss, TEST_ENV, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// Dates written without a zone, polled from a real HTTP server: read in the feed's own zone when
// its other dates show one, else in WORKER_FEED_TIME_ZONE; a date still ahead is the fetch time.

const ZONE = 'Europe/Berlin';
const server = new TestServer();
let world: TestWorld;

/** RFC 822 without a zone: what clocks in `zone` (IANA; Etc/GMT+5 is UTC-5) show at `instant`, e.g. "Mon, 06 May 2024 09:00:00". */
function wallClock(instant: number, zone: string): string {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  for (const part of format.formatToParts(instant))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return new Date(wall).toUTCString().replace(/ GMT$/, '');
}

/** Whole seconds, as an RFC 822 date keeps them. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

function serve(path: string, items: RssItem[], extra = ''): string {
  const body = rss(items, { extra });
  server.route(path, (_, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(body);
  });
  return server.url(path);
}

async function pollDates(url: string): Promise<Map<string, string | null>> {
  const feed = await world.db.feeds.add({ url });
  await world.poll(feed);
  const { items } = await world.db.items.listByFeed(feed.id, { limit: 100 });
  return new Map(items.map((item) => [item.guid!, item.publishedAt]));
}

beforeAll(async () => {
  await server.start();
  world = await createWorld({ WORKER_FEED_TIME_ZONE: ZONE });
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

describe('WORKER_FEED_TIME_ZONE', () => {
  it('defaults to local, accepts IANA names and offsets, refuses anything else', () => {
    expect(defaultWorkerConfig().WORKER_FEED_TIME_ZONE).toBe('local');
    expect(resolveFeedTimeZone('local')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(resolveFeedTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    for (const value of ['Asia/Tokyo', '+05:30', 'UTC'])
      expect(loadWorkerConfig({ ...TEST_ENV, WORKER_FEED_TIME_ZONE: value }).WORKER_FEED_TIME_ZONE).toBe(
        value,
      );
    for (const value of ['Mars/Olympus', '+99:00', 'somewhere'])
      expect(() => loadWorkerConfig({ ...TEST_ENV, WORKER_FEED_TIME_ZONE: value })).toThrow(ConfigError);
  });
});

describe('polling a feed whose dates have no zone', () => {
  it('reads them in the configured zone when the feed shows none', async () => {
    const twoHoursAgo = toSecond(Date.now() - 2 * 3_600_000);
    const dates = await pollDates(
      serve('/no-zone', [
        {
          title: 'Local time',
          guid: 'n1',
          description: longText('n'),
          pubDate: wallClock(twoHoursAgo, ZONE),
        },
      ]),
    );
    // Read as UTC it would be one or two hours later than it is (and clamped if that is the future).
    expect(dates.get('n1')).toBe(new Date(twoHoursAgo).toISOString());
  });

  it('reads them in the zone the channel date shows, not the configured one', async () => {
    const threeHoursAgo = toSecond(Date.now() - 3 * 3_600_000);
    const dates = await pollDates(
      serve(
        '/zoned-channel',
        [
          {
            title: 'New York time',
            guid: 'c1',
            description: longText('c'),
            pubDate: wallClock(threeHoursAgo, 'Etc/GMT+5'),
          },
        ],
        `<lastBuildDate>${wallClock(threeHoursAgo, 'Etc/GMT+5')} -0500</lastBuildDate>`,
      ),
    );
    expect(dates.get('c1')).toBe(new Date(threeHoursAgo).toISOString());
  });

  it('follows summer time at the changes of an IANA zone', async () => {
    const dates = await pollDates(
      serve('/dst', [
        // 02:30 happens twice on 2024-10-27 in Berlin: the earlier (summer time) is meant.
        { title: 'Repeated', guid: 'd1', description: longText('d'), pubDate: 'Sun, 27 Oct 2024 02:30:00' },
        // 02:30 never happens on 2024-03-31 in Berlin: read as 03:30 summer time.
        { title: 'Skipped', guid: 'd2', description: longText('e'), pubDate: 'Sun, 31 Mar 2024 02:30:00' },
        { title: 'Winter', guid: 'd3', description: longText('f'), pubDate: 'Mon, 15 Jan 2024 12:00:00' },
      ]),
    );
    expect(dates.get('d1')).toBe('2024-10-27T00:30:00.000Z');
    expect(dates.get('d2')).toBe('2024-03-31T01:30:00.000Z');
    expect(dates.get('d3')).toBe('2024-01-15T11:00:00.000Z');
  });

  it('still stores a date ahead of the fetch as the fetch time (the last guard)', async () => {
    const before = Date.now();
    const dates = await pollDates(
      serve('/ahead', [
        {
          title: 'Ahead',
          guid: 'a1',
          description: longText('a'),
          pubDate: wallClock(Date.now() + 3 * 3_600_000, ZONE),
        },
      ]),
    );
    const stored = Date.parse(dates.get('a1')!);
    expect(stored).toBeGreaterThanOrEqual(before - 1000);
    expect(stored).toBeLessThanOrEqual(Date.now());
  });
});
