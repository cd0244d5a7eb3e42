import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_CONTENT_CHARS,
  DEFAULT_MAX_ENTITY_EXPANSION,
  DEFAULT_MAX_LIST_ENTRIES,
  DEFAULT_MAX_TITLE_CHARS,
  discoverFeeds,
  flattenOpml,
  parseFeed,
  safeHttpUrl,
} from '../src/index.js';
import { readOpml, readOpmlSubscriptions } from '../src/opml/index.js';

// Feeds built to exhaust the worker (issue 16): what parseFeed emits stays bounded, what it cut
// or dropped is in its warnings, and no URL it emits is anything but http(s).

function rss(channel: string, items: string, doctype = ''): string {
  return `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>T</title>${channel}${items}</channel></rss>`;
}

const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code);

describe('internal entity expansion', () => {
  it('leaves references unexpanded once they would add more than the budget (a 56 KB feed, 100M characters)', async () => {
    const doctype = `<!DOCTYPE rss [<!ENTITY big "${'A'.repeat(50_000)}">]>`;
    const feed = rss(
      '',
      `<item><link>http://example.com/1</link><description>${'&big;'.repeat(2_000)}</description></item>`,
      doctype,
    );
    const parsed = await parseFeed(feed);
    const item = parsed.items[0]!;
    // The budget is twice the feed's size: two of the 2,000 references expand.
    expect(item.contentText!.length).toBeLessThan(feed.length * 3);
    expect(item.contentText).toContain('A'.repeat(50_000));
    expect(item.contentText).toContain('&big;');
    expect(codes(parsed.warnings)).toContain('ENTITY_EXPANSION_LIMIT');
  });

  it('holds the absolute budget even for a feed large enough to allow more', async () => {
    const doctype = `<!DOCTYPE rss [<!ENTITY e "${'B'.repeat(1_000)}">]>`;
    const items = Array.from(
      { length: 400 },
      (_, index) =>
        `<item><link>http://example.com/${index}</link><description>${'&e;'.repeat(5)} ${'x'.repeat(4_000)}</description></item>`,
    ).join('');
    const parsed = await parseFeed(rss('', items, doctype), { maxEntityExpansion: 100_000 });
    const expanded = parsed.items.reduce(
      (sum, item) => sum + (item.contentText!.match(/B{1000}/g)?.length ?? 0),
      0,
    );
    expect(expanded).toBe(100);
    expect(DEFAULT_MAX_ENTITY_EXPANSION).toBeGreaterThan(100_000);
    expect(codes(parsed.warnings)).toContain('ENTITY_EXPANSION_LIMIT');
  });

  it('expands ordinary entity use in full, without a warning', async () => {
    const doctype = '<!DOCTYPE rss [<!ENTITY company "Example Corporation">]>';
    const parsed = await parseFeed(
      rss(
        '',
        '<item><title>&company; news</title><description>About &company; and &company;.</description></item>',
        doctype,
      ),
    );
    expect(parsed.items[0]!.title).toBe('Example Corporation news');
    expect(parsed.items[0]!.summary).toBe('About Example Corporation and Example Corporation.');
    expect(codes(parsed.warnings)).not.toContain('ENTITY_EXPANSION_LIMIT');
  });
});

describe('field caps', () => {
  it('cuts every oversized field with a FIELD_TRUNCATED warning', async () => {
    const longTitle = 'word '.repeat(DEFAULT_MAX_TITLE_CHARS);
    const longContent = `<p>${'Sentence of content. '.repeat(60_000)}</p>`;
    const categories = Array.from({ length: 500 }, (_, index) => `<category>c${index}</category>`).join('');
    const parsed = await parseFeed(
      rss(
        `<description>${'d'.repeat(100_000)}</description>`,
        `<item><title>${longTitle}</title><link>http://example.com/a</link><author>${'n'.repeat(50_000)}</author>${categories}<description><![CDATA[${longContent}]]></description></item>`,
      ),
    );
    const item = parsed.items[0]!;
    expect(item.title!.length).toBeLessThanOrEqual(DEFAULT_MAX_TITLE_CHARS);
    expect(item.title!.endsWith('…')).toBe(true);
    expect(item.contentHtml!.length).toBeLessThanOrEqual(DEFAULT_MAX_CONTENT_CHARS);
    expect(item.contentHtml!.endsWith('</p>')).toBe(true);
    expect(item.contentText!.length).toBeLessThanOrEqual(DEFAULT_MAX_CONTENT_CHARS);
    expect(item.summary!.length).toBeLessThan(100_000);
    expect(item.categories).toHaveLength(DEFAULT_MAX_LIST_ENTRIES);
    expect(item.authors[0]!.name!.length).toBeLessThan(50_000);
    expect(parsed.description!.length).toBeLessThan(100_000);
    expect(codes(parsed.warnings)).toContain('FIELD_TRUNCATED');
  });

  it('takes the limits as options', async () => {
    const parsed = await parseFeed(
      rss(
        '',
        '<item><title>A title that is rather long</title><description>&lt;b&gt;bold&lt;/b&gt; &amp; more text here</description></item>',
      ),
      { fieldLimits: { titleChars: 10, contentChars: 20, summaryChars: 8 } },
    );
    const item = parsed.items[0]!;
    expect(item.title).toBe('A title t…');
    expect(item.contentHtml!.length).toBeLessThanOrEqual(20);
    expect(item.contentHtml).toMatch(/^<b>bold<\/b>/);
    expect(item.summary!.length).toBeLessThanOrEqual(8);
  });

  it('keeps content within the cap when escaping lengthens it', async () => {
    const parsed = await parseFeed(
      rss('', `<item><title>t</title><description>${'&amp;amp;'.repeat(5_000)}</description></item>`),
      { fieldLimits: { contentChars: 1_000 } },
    );
    const item = parsed.items[0]!;
    expect(item.contentHtml!.length).toBeLessThanOrEqual(1_000);
    expect(item.contentHtml!.length).toBeGreaterThan(500);
  });
});

describe('URL policy', () => {
  it('drops every non-http(s) URL a feed gives, with a warning', async () => {
    const parsed = await parseFeed(
      rss(
        '<link>javascript:alert(1)</link><image><url>data:image/png;base64,AAAA</url></image>',
        `<item><title>t</title><link>javascript:alert(document.cookie)</link><comments>vbscript:x</comments>
         <enclosure url="ftp://example.com/a.mp3" type="audio/mpeg" length="1"/>
         <enclosure url="file:///etc/passwd" type="audio/mpeg" length="1"/>
         <enclosure url="https://example.com/ok.mp3" type="audio/mpeg" length="1"/>
         <description>text</description></item>`,
      ),
      { url: 'https://example.com/feed.xml' },
    );
    expect(parsed.homeUrl).toBeNull();
    expect(parsed.imageUrl).toBeNull();
    const item = parsed.items[0]!;
    expect(item.url).toBeNull();
    expect(item.commentsUrl).toBeNull();
    expect(item.enclosures.map((enclosure) => enclosure.url)).toEqual(['https://example.com/ok.mp3']);
    expect(parsed.warnings.filter((warning) => warning.code === 'URL_DROPPED').length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('drops Atom author URIs and links that are not http(s)', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <link rel="alternate" href="java&#x09;script:alert(1)"/>
      <entry><title>e</title><id>urn:x:1</id><link href=" JAVASCRIPT:alert(1)"/>
      <author><name>N</name><uri>javascript:alert(1)</uri></author><content>c</content></entry></feed>`;
    const parsed = await parseFeed(atom);
    expect(parsed.homeUrl).toBeNull();
    expect(parsed.items[0]!.url).toBeNull();
    expect(parsed.items[0]!.authors).toEqual([{ name: 'N' }]);
  });

  it('safeHttpUrl keeps absolute http(s) URLs only', () => {
    expect(safeHttpUrl('/a b', 'https://example.com/x/')).toBe('https://example.com/a%20b');
    expect(safeHttpUrl(' java\nscript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl(`https://example.com/${'a'.repeat(10_000)}`)).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('drops OPML xmlUrl and htmlUrl values that are not http(s), with a warning', () => {
    const opml = `<opml version="2.0"><body>
      <outline text="a" xmlUrl="https://a.example/feed" htmlUrl="javascript:alert(1)"/>
      <outline text="b" xmlUrl="javascript:alert(2)" htmlUrl="https://b.example/"/>
      <outline text="c" xmlUrl="file:///etc/passwd"/></body></opml>`;
    const { document, warnings } = readOpml(opml);
    expect(flattenOpml(document)).toEqual([
      { xmlUrl: 'https://a.example/feed', title: 'a', htmlUrl: null, folder: null },
    ]);
    expect(warnings.map((warning) => [warning.code, warning.attribute, warning.value])).toEqual([
      ['URL_DROPPED', 'htmlUrl', 'javascript:alert(1)'],
      ['URL_DROPPED', 'xmlUrl', 'javascript:alert(2)'],
      ['URL_DROPPED', 'xmlUrl', 'file:///etc/passwd'],
    ]);
    // An importer lists the dropped feed addresses as refused, never loses them quietly.
    expect(readOpmlSubscriptions(opml).refused.map((refused) => refused.xmlUrl)).toEqual([
      'javascript:alert(2)',
      'file:///etc/passwd',
    ]);
  });

  it('discovers only http(s) feed URLs', () => {
    const found = discoverFeeds(
      `<html><head><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
       <link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`,
      'https://example.com/',
    );
    expect(found.every((feed) => /^https?:\/\//.test(feed.url))).toBe(true);
    expect(found[0]!.url).toBe('https://example.com/feed.xml');
  });
});

describe('media:content pictures', () => {
  const media = (attributes: string) =>
    rss(
      '',
      `<item xmlns:media="http://search.yahoo.com/mrss/"><title>t</title><media:content ${attributes}/></item>`,
    ).replace('<rss version="2.0">', '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">');

  it('counts an untyped media:content as an image by its URL extension or medium="image"', async () => {
    const byExtension = await parseFeed(media('url="https://img.example/a/photo.JPG?w=300"'));
    expect(byExtension.items[0]!.imageUrl).toBe('https://img.example/a/photo.JPG?w=300');
    expect(byExtension.items[0]!.enclosures).toEqual([]);
    const byMedium = await parseFeed(media('url="https://img.example/render?id=1" medium="image"'));
    expect(byMedium.items[0]!.imageUrl).toBe('https://img.example/render?id=1');
  });

  it('keeps a typed or video media:content as an enclosure', async () => {
    const video = await parseFeed(media('url="https://img.example/clip.jpg" medium="video"'));
    expect(video.items[0]!.imageUrl).toBeNull();
    const typed = await parseFeed(media('url="https://img.example/a.png" type="video/mp4"'));
    expect(typed.items[0]!.enclosures).toEqual([{ url: 'https://img.example/a.png', type: 'video/mp4' }]);
  });
});
