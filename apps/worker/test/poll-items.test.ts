import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/observe/logger.js';
import { FullTextFetcher } from '../src/pipeline/full-text.js';
import {
  createWorld,
  hoursAgo,
  longText,
  type RssItem,
  rss,
  secondsUntil,
  type TestWorld,
} from './helpers/harness.js';
import { redirect, TestServer } from './helpers/test-server.js';

// What a poll stores: items, their identity across polls, full text, stories.

const server = new TestServer();
let world: TestWorld;
const wire = (name: string) => readFileSync(new URL(`./fixtures/wire/${name}.txt`, import.meta.url), 'utf8');

/** Feeds whose body a test can change between polls. */
const bodies = new Map<string, { body: string | Buffer; contentType: string }>();
function serve(path: string, body: string | Buffer, contentType = 'application/rss+xml; charset=utf-8') {
  bodies.set(path, { body, contentType });
  server.route(path, (_, res) => {
    const current = bodies.get(path)!;
    res.writeHead(200, { 'content-type': current.contentType });
    res.end(current.body);
  });
}

/** Plain text with blank lines between paragraphs → <p> elements. */
function htmlParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.trim()}</p>`)
    .join('\n');
}

function articlePage(title: string, text: string): string {
  const paragraphs = htmlParagraphs(text);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>${title}</h1>${paragraphs}</article></main>
<footer>© Example News. All rights reserved.</footer></body></html>`;
}

beforeAll(async () => {
  await server.start();
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

async function itemsOf(feedId: number) {
  return (await world.db.items.listByFeed(feedId, { limit: 100 })).items;
}

describe('what a poll stores', () => {
  it('reads a feed served with the wrong Content-Type', async () => {
    serve(
      '/wrong-type',
      rss([{ title: 'Typed wrong', link: 'https://a.example/1', guid: 'w1', description: longText('x') }]),
      'text/plain',
    );
    const feed = await world.db.feeds.add({ url: server.url('/wrong-type') });
    expect((await world.poll(feed)).outcome).toBe('updated');
    expect((await itemsOf(feed.id)).map((item) => item.title)).toEqual(['Typed wrong']);
  });

  it('decodes a windows-1251 feed', async () => {
    const xml = rss(
      [
        {
          title: 'Новости дня',
          link: 'https://ru.example/1',
          guid: 'r1',
          description: 'Привет, мир. '.repeat(40),
        },
      ],
      {
        title: 'Русская лента',
        encoding: 'windows-1251',
      },
    );
    serve('/cp1251', Buffer.from(new TextEncoderWindows1251().encode(xml)), 'application/xml');
    const feed = await world.db.feeds.add({ url: server.url('/cp1251') });
    expect((await world.poll(feed)).outcome).toBe('updated');
    const [item] = await itemsOf(feed.id);
    expect(item!.title).toBe('Новости дня');
    expect(item!.contentText ?? item!.summary).toMatch(/Привет, мир/);
    expect((await world.feed(feed.id)).title).toBe('Русская лента');
  });

  it('follows the feed an HTML page advertises and moves the subscription to it', async () => {
    serve(
      '/site/',
      `<!doctype html><html><head><title>A site</title><link rel="alternate" type="application/rss+xml" title="Site feed" href="/site/feed.xml"></head><body><p>Welcome</p></body></html>`,
      'text/html; charset=utf-8',
    );
    serve(
      '/site/feed.xml',
      rss([
        { title: 'From the site', link: 'https://site.example/1', guid: 's1', description: longText('s') },
      ]),
    );
    const feed = await world.db.feeds.add({ url: server.url('/site/') });
    expect((await world.poll(feed)).outcome).toBe('updated');
    const stored = await world.feed(feed.id);
    expect(stored.url).toBe(server.url('/site/feed.xml'));
    expect((await itemsOf(feed.id)).map((item) => item.title)).toEqual(['From the site']);
  });

  it('fetches the article page of truncated items, once per URL', async () => {
    server.route('/articles/geneva', (_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage('Geneva talks resume', wire('agency')));
    });
    const teaser: RssItem = {
      title: 'Geneva talks resume',
      link: server.url('/articles/geneva'),
      guid: 'g1',
      description:
        'Negotiators from both delegations resumed talks in Geneva on Tuesday after a three-week pause…',
      pubDate: hoursAgo(1),
    };
    serve('/truncated', rss([teaser]));
    serve('/truncated-too', rss([{ ...teaser, guid: 'other-guid' }]));
    const feed = await world.db.feeds.add({ url: server.url('/truncated') });
    const other = await world.db.feeds.add({ url: server.url('/truncated-too') });
    await world.poll(feed);
    const [item] = await itemsOf(feed.id);
    expect(item!.contentText).toMatch(/Palais des Nations/);
    expect(item!.contentText).toMatch(/observer mission/);
    expect(item!.wordCount).toBeGreaterThan(150);
    expect(item!.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(item!.contentHash).not.toBeNull();
    await world.poll(feed);
    await world.poll(other);
    expect(server.hitsOf('/articles/geneva')).toBe(1);
    // After a restart (an empty cache) the stored full text is still valid: no refetch either.
    world.runtime.ctx.fullText = new FullTextFetcher(
      world.runtime.http,
      world.runtime.ctx.parsers,
      10,
      silentLogger(),
    );
    await world.poll(feed);
    expect(server.hitsOf('/articles/geneva')).toBe(1);
    expect((await itemsOf(feed.id))[0]!.contentText).toMatch(/Palais des Nations/);
    expect((await itemsOf(other.id))[0]!.contentText).toMatch(/Palais des Nations/);
  });

  it('fetches full text through the same guard: a page redirecting to a metadata address is refused, the teaser kept', async () => {
    server.route('/articles/sneaky', redirect(302, 'http://169.254.169.254/latest/meta-data/'));
    serve(
      '/sneaky-feed',
      rss([
        {
          title: 'Ministers meet in Brussels',
          link: server.url('/articles/sneaky'),
          guid: 'sneaky-1',
          description: 'Ministers met in Brussels on Monday to discuss the budget…',
          pubDate: hoursAgo(1),
        },
      ]),
    );
    const feed = await world.db.feeds.add({ url: server.url('/sneaky-feed') });
    const failedBefore = world.runtime.metrics.fullTextFetches.get({ result: 'failed' });
    expect((await world.poll(feed)).outcome).toBe('updated');
    expect(server.hitsOf('/articles/sneaky')).toBe(1);
    expect(world.runtime.metrics.fullTextFetches.get({ result: 'failed' })).toBe(failedBefore + 1);
    const [item] = await itemsOf(feed.id);
    expect(item!.title).toBe('Ministers meet in Brussels');
    expect(item!.contentText ?? item!.summary).toMatch(/discuss the budget/);
  });

  it('makes one story with two sources of a wire story, and keeps a different event apart', async () => {
    serve(
      '/outlet-a',
      rss([
        {
          title: 'Peace talks resume in Geneva, prisoner exchange on the table',
          link: 'https://a.example/geneva',
          guid: 'a-geneva',
          content: htmlParagraphs(wire('outlet-a')),
          pubDate: hoursAgo(3),
        },
      ]),
    );
    serve(
      '/outlet-b',
      rss([
        {
          title: 'Geneva talks resume after three-week pause',
          link: 'https://b.example/geneva',
          guid: 'b-geneva',
          content: htmlParagraphs(wire('outlet-b')),
          pubDate: hoursAgo(2),
        },
        {
          title: 'Geneva talks collapse over humanitarian corridors',
          link: 'https://b.example/collapse',
          guid: 'b-collapse',
          content: htmlParagraphs(wire('other-event')),
          pubDate: hoursAgo(1),
        },
      ]),
    );
    const a = await world.db.feeds.add({ url: server.url('/outlet-a') });
    const b = await world.db.feeds.add({ url: server.url('/outlet-b') });
    await world.poll(a);
    await world.poll(b);
    // Polls only queue their items; the clustering stage places them.
    expect((await world.db.items.listByFeed(a.id)).items.every((item) => item.storyId === null)).toBe(true);
    await world.cluster();
    const [fromA] = await itemsOf(a.id);
    const fromB = await itemsOf(b.id);
    const sameStory = fromB.find((item) => item.title.startsWith('Geneva talks resume'))!;
    const otherEvent = fromB.find((item) => item.title.includes('collapse'))!;
    expect(fromA!.storyId).not.toBeNull();
    expect(sameStory.storyId).toBe(fromA!.storyId);
    expect(otherEvent.storyId).not.toBeNull();
    expect(otherEvent.storyId).not.toBe(fromA!.storyId);
    // The earlier full-text test stored the agency's own copy twice: it is the same story too.
    const story = await world.db.stories.get(fromA!.storyId!);
    const feedsInStory = new Set(story!.items.map((item) => item.feedId));
    expect(feedsInStory).toContain(a.id);
    expect(feedsInStory).toContain(b.id);
    expect(story!.story.sourceCount).toBe(feedsInStory.size);
    expect(story!.items.map((item) => item.id)).not.toContain(otherEvent.id);
  });

  it('keeps one item when its link changes trivially, updates an edited item in place', async () => {
    const item = (link: string, title: string): RssItem => ({
      title,
      link,
      description: longText('edit'),
      pubDate: hoursAgo(5),
    });
    serve(
      '/no-guids',
      rss([item('http://Edit.example/post/1/', 'First title'), item('http://edit.example/post/2', 'Second')]),
    );
    const feed = await world.db.feeds.add({ url: server.url('/no-guids') });
    await world.poll(feed);
    const before = await itemsOf(feed.id);
    expect(before).toHaveLength(2);
    expect((await world.feed(feed.id)).identityRule).toBe('url');

    bodies.get('/no-guids')!.body = rss([
      item('https://www.edit.example/post/1?utm_source=rss&utm_campaign=x', 'First title, corrected'),
      item('https://edit.example/post/2/', 'Second'),
    ]);
    const outcome = await world.poll(feed);
    expect(outcome.itemsNew).toBe(0);
    const after = await itemsOf(feed.id);
    expect(after).toHaveLength(2);
    const edited = after.find((row) => row.title === 'First title, corrected')!;
    expect(edited.id).toBe(before.find((row) => row.title === 'First title')!.id);
    expect(edited.firstSeenAt).toBe(before.find((row) => row.title === 'First title')!.firstSeenAt);
  });

  it('never brings back a deleted item', async () => {
    const items = [1, 2, 3].map((n) => ({
      title: `Item ${n}`,
      link: `https://t.example/${n}`,
      guid: `t-${n}`,
      description: longText(`t${n}`),
    }));
    serve('/tombstones', rss(items));
    const feed = await world.db.feeds.add({ url: server.url('/tombstones') });
    await world.poll(feed);
    const doomed = (await itemsOf(feed.id)).find((row) => row.title === 'Item 2')!;
    await world.db.items.remove(doomed.id);
    const outcome = await world.poll(feed);
    expect(outcome.itemsNew).toBe(0);
    expect((await itemsOf(feed.id)).map((row) => row.title).sort()).toEqual(['Item 1', 'Item 3']);
  });

  it('falls back to URLs when guids change every poll, records it, and duplicates nothing', async () => {
    let poll = 0;
    const render = () =>
      rss(
        [1, 2].map((n) => ({
          title: `Rotating ${n}`,
          link: `https://r.example/${n}`,
          guid: `poll-${poll}-item-${n}`,
          description: longText(`r${n}`),
        })),
      );
    serve('/rotating', render());
    const feed = await world.db.feeds.add({ url: server.url('/rotating') });
    await world.poll(feed);
    expect((await world.feed(feed.id)).identityRule).toBe('guid');
    for (poll = 1; poll <= 2; poll++) {
      bodies.get('/rotating')!.body = render();
      expect((await world.poll(feed)).itemsNew).toBe(0);
    }
    expect((await world.feed(feed.id)).identityRule).toBe('url');
    expect(await itemsOf(feed.id)).toHaveLength(2);
  });

  it('never stores an item in the future and respects ttl as a lower bound', async () => {
    const future = new Date(Date.now() + 5 * 3_600_000).toUTCString();
    serve(
      '/future',
      rss(
        [
          {
            title: 'From the future',
            link: 'https://f.example/1',
            guid: 'f1',
            description: longText('f'),
            pubDate: future,
          },
          {
            title: 'Recent',
            link: 'https://f.example/2',
            guid: 'f2',
            description: longText('g'),
            pubDate: hoursAgo(0.1),
          },
        ],
        { extra: '<ttl>180</ttl>' },
      ),
    );
    const feed = await world.db.feeds.add({ url: server.url('/future') });
    await world.poll(feed);
    for (const item of await itemsOf(feed.id))
      expect(Date.parse(item.publishedAt!)).toBeLessThanOrEqual(Date.now());
    const stored = await world.feed(feed.id);
    expect(stored.pollIntervalSeconds).toBe(180 * 60);
    expect(secondsUntil(stored.nextPollAt)).toBeGreaterThan(180 * 60 * 0.89);
  });

  it('reads a date without a time zone as UTC, and one that lands in the future as the first-seen time', async () => {
    // RFC 822 without its zone, as some publishers write their local time: the parser reads it as UTC.
    const zoneless = (offsetHours: number) =>
      new Date(Date.now() + offsetHours * 3_600_000).toUTCString().replace(/ GMT$/, '');
    const pastDate = zoneless(-3);
    serve(
      '/zoneless',
      rss([
        {
          title: 'Ahead of us',
          link: 'https://z.example/1',
          guid: 'z1',
          description: longText('z'),
          pubDate: zoneless(2),
        },
        {
          title: 'Behind us',
          link: 'https://z.example/2',
          guid: 'z2',
          description: longText('y'),
          pubDate: pastDate,
        },
      ]),
    );
    const feed = await world.db.feeds.add({ url: server.url('/zoneless') });
    const before = Date.now();
    expect((await world.poll(feed)).itemsNew).toBe(2);
    const items = new Map((await itemsOf(feed.id)).map((item) => [item.guid, item]));
    const ahead = items.get('z1')!;
    // Two hours ahead: clamped to the fetch time, never after the time the item was first seen.
    expect(Date.parse(ahead.publishedAt!)).toBeLessThanOrEqual(Date.parse(ahead.firstSeenAt));
    expect(Date.parse(ahead.publishedAt!)).toBeGreaterThanOrEqual(before - 1000);
    // In the past: kept as written, read in UTC.
    expect(Date.parse(items.get('z2')!.publishedAt!)).toBe(Date.parse(`${pastDate} GMT`));
  });
});

/** windows-1251 has no TextEncoder in Node; this maps the Cyrillic block by hand. */
class TextEncoderWindows1251 {
  encode(text: string): Uint8Array {
    const bytes: number[] = [];
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (code < 0x80) bytes.push(code);
      else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
      else if (code === 0x401) bytes.push(0xa8);
      else if (code === 0x451) bytes.push(0xb8);
      else bytes.push(0x3f);
    }
    return Uint8Array.from(bytes);
  }
}
