import { describe, expect, it } from 'vitest';
import { itemKey, parseFeed } from '../src/index.js';

const item = { guid: null, url: null, title: null, publishedAt: null };

describe('itemKey', () => {
  it('keys by guid, URL-like guids by their identity', () => {
    expect(itemKey({ ...item, guid: ' tag:example.com,2024:1 ' }, 'guid')).toBe(
      'guid:tag:example.com,2024:1',
    );
    const variants = [
      'http://Example.com/a/?utm_source=rss',
      'https://www.example.com/a',
      'https://example.com/a/#top',
    ];
    expect(new Set(variants.map((guid) => itemKey({ ...item, guid }, 'guid')))).toEqual(
      new Set(['guid:example.com/a']),
    );
  });

  it('keys by URL identity', () => {
    expect(itemKey({ ...item, url: 'https://www.example.com/story/?fbclid=x' }, 'url')).toBe(
      'url:example.com/story',
    );
  });

  it('keys by a hash of title and date, stable and distinct', () => {
    const one = itemKey({ ...item, title: 'Title', publishedAt: '2024-05-06T07:08:09.000Z' }, 'hash');
    expect(one).toMatch(/^hash:[0-9a-f]{32}$/);
    expect(itemKey({ ...item, title: 'Title', publishedAt: '2024-05-06T07:08:09.000Z' }, 'hash')).toBe(one);
    expect(itemKey({ ...item, title: 'Title', publishedAt: '2024-05-07T07:08:09.000Z' }, 'hash')).not.toBe(
      one,
    );
  });

  it('returns null when the item lacks what the rule needs', () => {
    expect(itemKey(item, 'guid')).toBeNull();
    expect(itemKey({ ...item, guid: '  ' }, 'guid')).toBeNull();
    expect(itemKey(item, 'url')).toBeNull();
    expect(itemKey(item, 'hash')).toBeNull();
  });

  it('gives items with nothing but an enclosure distinct keys', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>P</title><item><enclosure url="https://p.example/1.mp3" type="audio/mpeg"/></item><item><enclosure url="https://p.example/2.mp3" type="audio/mpeg"/></item></channel></rss>',
    );
    const [one, two] = feed.items.map((item) => item.key);
    expect(one).toMatch(/^hash:/);
    expect(one).not.toBe(two);
  });
});
