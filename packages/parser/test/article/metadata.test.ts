import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { dateFromUrl, parseDateline, toIsoUtc } from '../../src/article/metadata/dates.js';
import { readJsonLd } from '../../src/article/metadata/json-ld.js';
import { documentFinder, readPageMetadata } from '../../src/article/metadata/page-metadata.js';
import { fixtureHtml } from './fixtures.js';

const NO_DATE_URL = 'https://birds.example/stories/swifts';

describe('publication date, in order of trust', () => {
  it('takes JSON-LD NewsArticle first (inside @graph, with arrays)', () => {
    const metadata = readPageMetadata(load(fixtureHtml('news-article.html')), NO_DATE_URL);
    // article:published_time says 08:00 UTC, <time> and the URL other things: JSON-LD wins.
    expect(metadata.publishedAt).toBe('2024-03-05T08:30:00.000Z');
    expect(metadata.updatedAt).toBe('2024-03-05T14:10:00.000Z');
    expect(metadata.declaresArticle).toBe(true);
  });

  it('then Open Graph article:published_time / modified_time', () => {
    const metadata = readPageMetadata(load(fixtureHtml('og-only-article.html')), NO_DATE_URL);
    expect(metadata.publishedAt).toBe('2023-07-14T14:45:00.000Z');
    expect(metadata.updatedAt).toBe('2023-07-15T06:00:00.000Z');
    expect(metadata.language).toBe('de');
    expect(metadata.byline).toBe('Jonas Weber');
    expect(metadata.siteName).toBe('Fieldnotes');
    expect(metadata.canonicalUrl).toBe('https://fieldnotes.example/stories/drought-wheat');
  });

  it('then <time datetime>', () => {
    const metadata = readPageMetadata(load(fixtureHtml('time-element-article.html')), NO_DATE_URL);
    expect(metadata.publishedAt).toBe('2022-09-01T05:30:00.000Z');
    expect(metadata.language).toBe('fr');
  });

  it('then the date in the URL', () => {
    const metadata = readPageMetadata(
      load(fixtureHtml('no-date-article.html')),
      'https://birds.example/2021/06/14/swifts',
    );
    expect(metadata.publishedAt).toBe('2021-06-14T00:00:00.000Z');
    expect(readPageMetadata(load(fixtureHtml('no-date-article.html')), NO_DATE_URL).publishedAt).toBeNull();
  });

  it('then a visible dateline', () => {
    const metadata = readPageMetadata(
      load(fixtureHtml('dateline-article.html')),
      'https://county.example/news/water-plant',
    );
    expect(metadata.publishedAt).toBe('2019-11-20T04:04:00.000Z');
  });
});

describe('JSON-LD', () => {
  const page = (json: string) =>
    load(`<html><head><script type="application/ld+json">${json}</script></head></html>`);

  it('reads arrays of nodes, type arrays, author lists and image objects', () => {
    const { article } = readJsonLd(
      documentFinder(
        page(`[{"@type":"Organization","name":"X"},{"@type":["Article","NewsArticle"],"headline":"H","author":[{"name":"A"},"B"],
        "publisher":{"name":"P"},"image":{"url":"https://x.example/i.jpg"},"inLanguage":"es-MX","datePublished":"2020-01-02"}]`),
      ),
    );
    expect(article).toMatchObject({
      headline: 'H',
      authors: ['A', 'B'],
      publisher: 'P',
      image: 'https://x.example/i.jpg',
      language: 'es-MX',
    });
    expect(article?.datePublished).toBe('2020-01-02');
  });

  it('finds the article as mainEntity of a WebPage and tolerates trailing commas', () => {
    const { article, invalidBlocks } = readJsonLd(
      documentFinder(page('{"@type":"WebPage","mainEntity":{"@type":"BlogPosting","headline":"Post",},}')),
    );
    expect(invalidBlocks).toBe(0);
    expect(article?.headline).toBe('Post');
  });

  it('counts blocks that are not JSON, and the page metadata warns about them', () => {
    const $ = page('{not json');
    expect(readJsonLd(documentFinder($))).toEqual({ article: null, invalidBlocks: 1 });
    expect(readPageMetadata($, NO_DATE_URL).warnings.map((warning) => warning.code)).toEqual([
      'JSONLD_INVALID',
    ]);
  });
});

describe('date parsing', () => {
  it('normalizes machine dates to ISO UTC', () => {
    expect(toIsoUtc('2019-11-19T11:00:09.000Z')).toBe('2019-11-19T11:00:09.000Z');
    expect(toIsoUtc('2019-11-19 11:00:09+0100')).toBe('2019-11-19T10:00:09.000Z');
    expect(toIsoUtc('2019-11-19')).toBe('2019-11-19T00:00:00.000Z');
    expect(toIsoUtc('Tue, 19 Nov 2019 11:00:09 GMT')).toBe('2019-11-19T11:00:09.000Z');
    expect(toIsoUtc('1574161209')).toBe('2019-11-19T11:00:09.000Z');
    expect(toIsoUtc('0001-01-01T00:00:00Z')).toBeNull();
    expect(toIsoUtc('soon')).toBeNull();
  });

  it('reads datelines with times and zones', () => {
    expect(parseDateline('Updated Nov. 19, 2019 at 11:04 p.m. EST')).toBe('2019-11-20T04:04:00.000Z');
    expect(parseDateline('Published 5 March 2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseDateline('no date here')).toBeNull();
  });

  it('reads dates from URL paths', () => {
    expect(dateFromUrl('https://x.example/2019/11/19/story.html')).toBe('2019-11-19T00:00:00.000Z');
    expect(dateFromUrl('https://x.example/news/story-20191119-abc')).toBe('2019-11-19T00:00:00.000Z');
    expect(dateFromUrl('https://x.example/2019/13/45/story')).toBeNull();
    expect(dateFromUrl('https://x.example/products/12345678')).toBeNull();
  });
});
