import { parseFeed } from '@newsfeed/parser';
import { describe, expect, it } from 'vitest';
import { renderAtom } from '../lib/feeds-out/atom';
import { escapeXml, type FeedDocument } from '../lib/feeds-out/feed-document';
import { renderJsonFeed } from '../lib/feeds-out/json-feed';
import { renderRss } from '../lib/feeds-out/rss';

const ORIGIN = 'https://newsfeed.example';

const FEED: FeedDocument = {
  title: 'Newsfeed: top stories & more',
  description: 'Stories <clustered> across outlets',
  homeUrl: `${ORIGIN}/`,
  links: { rss: `${ORIGIN}/feed.xml`, atom: `${ORIGIN}/atom.xml`, json: `${ORIGIN}/feed.json` },
  language: 'en',
  updatedAt: '2026-11-28T11:00:00.000Z',
  entries: [
    {
      id: `${ORIGIN}/story/1`,
      url: 'https://planet.example/dam?a=1&b=2',
      title: 'Dams & "ceasefires" <today> — Zürich ]]> done',
      summary: 'Talks ran through the night\u0001 and ended with a deal.',
      contentHtml: '<p>First <b>paragraph</b> &amp; more. ]]></p><p>Second.</p>',
      publishedAt: '2026-11-28T10:00:00.000Z',
      updatedAt: '2026-11-28T10:30:00.000Z',
      authors: ['Lois Lane'],
      categories: ['AFP'],
      imageUrl: 'https://images.example/dam.jpg',
      sourceName: 'Daily Planet',
      sourceUrl: 'https://planet.example/',
    },
    {
      id: `${ORIGIN}/story/2`,
      url: 'https://gazette.example/second',
      title: 'Second story',
      summary: null,
      contentHtml: null,
      publishedAt: '2026-11-28T09:00:00.000Z',
      updatedAt: null,
      authors: [],
      categories: [],
      imageUrl: null,
      sourceName: 'Gotham Gazette',
      sourceUrl: 'https://gazette.example/',
    },
  ],
};

describe.each([
  ['rss', renderRss, 'application/rss+xml', '2.0', FEED.links.rss],
  ['atom', renderAtom, 'application/atom+xml', '1.0', FEED.links.atom],
  ['json', renderJsonFeed, 'application/feed+json', '1.1', FEED.links.json],
] as const)(
  '%s output parsed back with @newsfeed/parser',
  (format, render, contentType, version, selfUrl) => {
    it('keeps the feed, every entry, and their text exactly', async () => {
      const parsed = await parseFeed(render(FEED), { url: selfUrl, contentType });
      expect(parsed.format).toBe(format);
      expect(parsed.version).toBe(version);
      expect(parsed.title).toBe(FEED.title);
      expect(parsed.homeUrl).toBe(FEED.homeUrl);
      expect(parsed.feedUrl).toBe(selfUrl);
      expect(parsed.warnings.filter((warning) => warning.code !== 'MISSING_FIELD')).toEqual([]);
      expect(parsed.items).toHaveLength(2);

      const [first, second] = parsed.items;
      expect(first?.title).toBe('Dams & "ceasefires" <today> — Zürich ]]> done');
      expect(first?.url).toBe('https://planet.example/dam?a=1&b=2');
      expect(first?.guid).toBe(`${ORIGIN}/story/1`);
      expect(first?.publishedAt).toBe('2026-11-28T10:00:00.000Z');
      expect(first?.contentText).toContain('First paragraph & more.');
      expect(first?.contentText).toContain('Second.');
      expect(first?.authors.map((author) => author.name)).toEqual(['Lois Lane']);
      expect(second?.title).toBe('Second story');
      expect(second?.publishedAt).toBe('2026-11-28T09:00:00.000Z');
      // Distinct, stable keys: a reader never sees one entry twice.
      expect(new Set(parsed.items.map((item) => item.key)).size).toBe(2);
    });

    it('is valid for an empty list too', async () => {
      const parsed = await parseFeed(render({ ...FEED, entries: [] }), { url: selfUrl, contentType });
      expect(parsed.title).toBe(FEED.title);
      expect(parsed.items).toEqual([]);
    });
  },
);

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a&b<c>"d'\u0000\u0008\u000b\u001f\ufffe`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
    expect(escapeXml('tab\tnewline\n')).toBe('tab\tnewline\n');
  });
});

describe('RSS specifics', () => {
  it('uses RFC 822 dates and an atom:link to itself', () => {
    const xml = renderRss(FEED);
    expect(xml).toContain('<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>');
    expect(xml).toContain(`<atom:link href="${FEED.links.rss}" rel="self" type="application/rss+xml"/>`);
  });
});
