import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OpmlParseError,
  readOpml,
  readOpmlSubscriptions,
  SubscriptionUrlError,
  subscribableUrl,
  subscriptionsOpml,
} from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/opml/${name}`, import.meta.url), 'utf8');

describe('subscribableUrl: the one rule for what may be subscribed', () => {
  it.each([
    ['example.org', 'https://example.org/'],
    ['  example.org/feed#top ', 'https://example.org/feed'],
    ['example.org:8080/rss', 'https://example.org:8080/rss'],
    ['//example.org/rss', 'https://example.org/rss'],
    ['http://Example.ORG./rss.xml?utm_source=x&page=2', 'http://example.org/rss.xml?page=2'],
    ['http://127.0.0.1:8080/feed', 'http://127.0.0.1:8080/feed'],
    ['http://[::1]:8080/feed', 'http://[::1]:8080/feed'],
    ['http://localhost:3000/feed', 'http://localhost:3000/feed'],
  ])('accepts %j as %s', (input, expected) => {
    expect(subscribableUrl(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['nope', /"nope" has no domain/],
    ['https://intranet/feed', /"intranet" has no domain/],
    ['ftp://example.org/feed', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['https://user:secret@example.org/feed', /user name or password/],
    ['http://exa mple.org/', /not a valid URL/],
    [`https://example.org/${'a'.repeat(2100)}`, /longer than 2048/],
  ])('refuses %.40j, saying why', (input, reason) => {
    expect(() => subscribableUrl(input)).toThrow(SubscriptionUrlError);
    expect(() => subscribableUrl(input)).toThrow(reason);
  });
});

describe('readOpml: a repaired or partly read list says so', () => {
  it('recovers the feed after an unclosed <outline ...> tag and warns with the line', () => {
    const { document, warnings } = readOpml(fixture('unclosed-outline.opml'));
    const news = document.outlines[0]!;
    expect(news.children.map((outline) => outline.xmlUrl)).toEqual([
      'https://harbour.example/feed.xml',
      'https://ledger.example/atom.xml',
    ]);
    expect(document.outlines[1]!.xmlUrl).toBe('https://metro.example/feed.json');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'UNCLOSED_OUTLINE' });
    expect(warnings[0]!.message).toMatch(/^line 6: /);
  });

  it('closes an unclosed quoted value and a tag cut off at the end of the file', () => {
    const { document, warnings } = readOpml(
      '<opml><body><outline text="A xmlUrl="https://a.example/feed"/>\n<outline xmlUrl="https://b.example/rss"',
    );
    const urls = document.outlines.map((outline) => outline.xmlUrl);
    expect(urls).toContain('https://b.example/rss');
    expect(warnings.map((warning) => warning.code)).toEqual(['UNCLOSED_OUTLINE', 'UNCLOSED_OUTLINE']);
    expect(warnings[0]!.message).toMatch(/^line 1: .*nor its quoted value/);
    expect(warnings[1]!.message).toMatch(/^line 2: .*end of the file/);
  });

  it('has no warning for a well-formed list, and leaves outlines inside comments alone', () => {
    const text = subscriptionsOpml('List', [
      { url: 'https://a.example/feed', title: 'A', siteUrl: null, folder: 'Tech/Web' },
      { url: 'https://b.example/feed', title: null, siteUrl: 'https://b.example/', folder: null },
    ]).replace('<body>', '<body><!-- <outline xmlUrl="https://c.example/" -->');
    expect(readOpml(text).warnings).toEqual([]);
  });

  it('still refuses text that is not OPML', () => {
    expect(() => readOpml('<rss><outline xmlUrl="https://a.example/"')).toThrow(OpmlParseError);
  });
});

describe('readOpmlSubscriptions', () => {
  it('checks every address by subscribableUrl, once per address, folders as A/B', () => {
    const list = readOpmlSubscriptions(`<opml version="2.0"><body>
      <outline text="Tech"><outline text="Web">
        <outline text="A" xmlUrl="https://a.example/feed?utm_medium=rss"/>
        <outline text="A again" xmlUrl="https://a.example/feed"/>
      </outline></outline>
      <outline text="Bare" xmlUrl="bare.example/rss"/>
      <outline text="Nope" xmlUrl="nope"/>
      <outline text="Mail" xmlUrl="mailto:me@example.org"/>
    </body></opml>`);
    expect(list.subscriptions).toEqual([
      { url: 'https://a.example/feed', title: 'A', siteUrl: null, folder: 'Tech/Web' },
      { url: 'https://bare.example/rss', title: 'Bare', siteUrl: null, folder: null },
    ]);
    // Other schemes are dropped while reading, bare names refused by subscribableUrl: both listed.
    expect(list.refused.map((refused) => refused.xmlUrl)).toEqual(['mailto:me@example.org', 'nope']);
    expect(list.refused[1]!.reason).toMatch(/no domain/);
    expect(list.warnings).toEqual([]);
  });

  it('counts what is over the limit instead of dropping it silently', () => {
    const list = readOpmlSubscriptions(
      `<opml><body>${[1, 2, 3].map((n) => `<outline xmlUrl="https://f${n}.example/"/>`).join('')}</body></opml>`,
      { maxSubscriptions: 2 },
    );
    expect(list.subscriptions).toHaveLength(2);
    expect(list.overLimit).toBe(1);
  });

  it('reads back what subscriptionsOpml writes', () => {
    const feeds = [
      { url: 'https://a.example/feed', title: 'A & B', siteUrl: 'https://a.example/', folder: 'Tech/Web' },
      { url: 'https://b.example/feed', title: 'B', siteUrl: null, folder: 'Tech' },
      { url: 'https://c.example/feed', title: 'C', siteUrl: null, folder: null },
    ];
    expect(readOpmlSubscriptions(subscriptionsOpml('Mine', feeds)).subscriptions).toEqual(feeds);
  });
});
