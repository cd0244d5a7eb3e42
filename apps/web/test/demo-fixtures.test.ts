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
    'serves %s as a valid feed of three fresh items',
    async (_title, feed) => {
      const response = await fetch(`${server.url}${feed.path}`);
      expect(response.status).toBe(200);
      const body = new Uint8Array(await response.arrayBuffer());
      const parsed = await parseFeed(body, {
        url: `${server.url}${feed.path}`,
        contentType: response.headers.get('content-type') ?? undefined,
      });
      expect(parsed.title).toBe(feed.title);
      expect(parsed.items).toHaveLength(3);
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
