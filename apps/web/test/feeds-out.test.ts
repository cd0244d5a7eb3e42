import { parseFeed } from '@newsfeed/parser';
import { describe, expect, it } from 'vitest';
import { renderAtom } from '../lib/feeds-out/atom';
import { coverageHtml } from '../lib/feeds-out/coverage-html';
import { type Coverage, escapeXml, type FeedDocument } from '../lib/feeds-out/feed-document';
import { renderJsonFeed } from '../lib/feeds-out/json-feed';
import { renderRss } from '../lib/feeds-out/rss';

const ORIGIN = 'https://newsfeed.example';

const COVERAGE: Coverage = {
  storyUrl: `${ORIGIN}/story/1`,
  sourceCount: 3,
  outlets: [
    {
      name: 'Gotham Gazette',
      title: 'River states end <dam> row',
      url: 'https://gazette.example/dam?x=1&y=2',
      publishedAt: '2026-11-28T10:05:00.000Z',
    },
    {
      name: 'Tech Weekly',
      title: 'Sluice sensors to be shared',
      url: null,
      publishedAt: '2026-11-28T10:20:00.000Z',
    },
  ],
};

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
      coverage: COVERAGE,
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
      coverage: null,
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

describe('a story entry’s coverage', () => {
  const story = {
    ...FEED,
    entries: [{ ...FEED.entries[0]!, contentHtml: coverageHtml('Talks ended.', COVERAGE) }],
  };

  it('is HTML every reader shows: the summary, each other outlet’s own headline and name, "N sources"', async () => {
    const html = coverageHtml('Talks <ended>.', COVERAGE)!;
    expect(html).toBe(
      '<p>Talks &lt;ended&gt;.</p><ul>' +
        '<li><a href="https://gazette.example/dam?x=1&amp;y=2">River states end &lt;dam&gt; row</a> – Gotham Gazette</li>' +
        '<li>Sluice sensors to be shared – Tech Weekly</li></ul>' +
        `<p><a href="${ORIGIN}/story/1">3 sources</a></p>`,
    );
    expect(coverageHtml('One outlet only', { ...COVERAGE, sourceCount: 1, outlets: [] })).toBeNull();
    for (const [render, contentType] of [
      [renderRss, 'application/rss+xml'],
      [renderAtom, 'application/atom+xml'],
      [renderJsonFeed, 'application/feed+json'],
    ] as const) {
      const [entry] = (await parseFeed(render(story), { contentType })).items;
      expect(entry?.contentText).toContain('River states end <dam> row – Gotham Gazette');
      expect(entry?.contentText).toContain('Sluice sensors to be shared – Tech Weekly');
      expect(entry?.contentText).toContain('3 sources');
    }
  });

  it('is data too: JSON Feed’s _newsfeed extension and Atom’s related links', () => {
    const json = JSON.parse(renderJsonFeed(FEED));
    expect(json.items[0]._newsfeed).toEqual({
      source: { name: 'Daily Planet', url: 'https://planet.example/' },
      story_url: `${ORIGIN}/story/1`,
      source_count: 3,
      outlets: [
        {
          name: 'Gotham Gazette',
          title: 'River states end <dam> row',
          url: 'https://gazette.example/dam?x=1&y=2',
          date_published: '2026-11-28T10:05:00.000Z',
        },
        {
          name: 'Tech Weekly',
          title: 'Sluice sensors to be shared',
          url: null,
          date_published: '2026-11-28T10:20:00.000Z',
        },
      ],
    });
    expect(json.items[1]._newsfeed).toEqual({
      source: { name: 'Gotham Gazette', url: 'https://gazette.example/' },
    });
    expect(renderAtom(FEED)).toContain(
      '<link rel="related" type="text/html" href="https://gazette.example/dam?x=1&amp;y=2" title="Gotham Gazette: River states end &lt;dam&gt; row"/>',
    );
  });
});

describe('RSS specifics', () => {
  it('uses RFC 822 dates and an atom:link to itself', () => {
    const xml = renderRss(FEED);
    expect(xml).toContain('<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>');
    expect(xml).toContain(`<atom:link href="${FEED.links.rss}" rel="self" type="application/rss+xml"/>`);
  });
});
