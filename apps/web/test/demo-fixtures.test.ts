import { flattenOpml, parseFeed, parseOpml } from '@newsfeed/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FEEDS,
  demoOpml,
  type FixtureServer,
  renderTemplate,
  startFixtureServer,
} from '../demo/fixture-server';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
});

describe('demo fixture server', () => {
  it.each(DEMO_FEEDS.map((feed) => [feed.title, feed] as const))(
    'serves %s as a valid feed of at least three fresh items',
    async (_title, feed) => {
      const response = await fetch(`${server.url}${feed.path}`);
      expect(response.status).toBe(200);
      const body = new Uint8Array(await response.arrayBuffer());
      const parsed = await parseFeed(body, {
        url: `${server.url}${feed.path}`,
        contentType: response.headers.get('content-type') ?? undefined,
      });
      expect(parsed.title).toBe(feed.title);
      expect(parsed.items.length).toBeGreaterThanOrEqual(3);
      for (const item of parsed.items) {
        expect(item.url?.startsWith(server.url)).toBe(true);
        const age = Date.now() - Date.parse(item.publishedAt ?? '');
        expect(age).toBeGreaterThan(0);
        expect(age).toBeLessThan(24 * 3600 * 1000);
      }
    },
  );

  it('serves the Alpenblick feed in ISO-8859-1, which decodes to the right umlauts', async () => {
    const response = await fetch(`${server.url}/alpenblick/rss.xml`);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=ISO-8859-1');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.includes(0xf6)).toBe(true); // "ö" as one Latin-1 byte, not UTF-8's two
    const parsed = await parseFeed(bytes, { contentType: response.headers.get('content-type') ?? undefined });
    expect(parsed.items[0]?.title).toBe('Föhnsturm: Straßen über den Grünwaldpass gesperrt');
  });

  it('serves the truncated items’ article pages, and 404 outside the fixtures', async () => {
    const page = await fetch(`${server.url}/northern-ledger/articles/electric-ferries.html`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Each of the three new ferries carries 180 passengers');
    expect((await fetch(`${server.url}/nope.xml`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('reports one event, the Brekkhavn terminal attack, from three outlets in their own words', async () => {
    const versions = [];
    for (const feed of DEMO_FEEDS) {
      const response = await fetch(`${server.url}${feed.path}`);
      const parsed = await parseFeed(new Uint8Array(await response.arrayBuffer()), {
        url: `${server.url}${feed.path}`,
        contentType: response.headers.get('content-type') ?? undefined,
      });
      for (const item of parsed.items.filter((entry) => entry.title?.includes('Brekkhavn'))) {
        // The article page holds each outlet's whole text (the Atom feed carries a teaser only).
        const page = await (await fetch(item.url!)).text();
        const paragraphs = [...page.matchAll(/<p>(.*?)<\/p>/g)].map((match) => match[1]!);
        versions.push({ outlet: feed.title, title: item.title, text: paragraphs.join(' ') });
      }
    }
    expect(new Set(versions.map((version) => version.outlet)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(versions.map((version) => version.title)).size).toBe(versions.length);
    const sentences = (text: string) =>
      text.split(/(?<=[.!?"])\s+/).filter((sentence) => sentence.split(' ').length >= 6);
    for (const version of versions) {
      // As real coverage does, they share the event's names and numbers…
      expect(version.text).toMatch(/Brekkhavn/);
      expect(version.text).toMatch(/Ingrid Solvang|Solvang/);
      expect(version.text).toMatch(/[Ff]ourteen/);
      // …but no sentence: none is a copy of another.
      for (const other of versions.filter((candidate) => candidate !== version)) {
        for (const sentence of sentences(version.text)) expect(other.text).not.toContain(sentence);
      }
    }
  });

  it('generates an OPML that lists every publisher in its folder', () => {
    const subscriptions = flattenOpml(parseOpml(demoOpml(server.url)));
    expect(subscriptions.map((entry) => [entry.title, entry.folder, entry.xmlUrl])).toEqual(
      DEMO_FEEDS.map((feed) => [feed.title, feed.folder, `${server.url}${feed.path}`]),
    );
  });

  it('fills the templates', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(renderTemplate('{{base}}/a {{iso:90}} {{rfc822:60}}', 'http://x', now)).toBe(
      'http://x/a 2026-11-28T10:30:00.000Z Sat, 28 Nov 2026 11:00:00 GMT',
    );
  });
});
