import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../src/deps/parser.js';
import { chooseIdentityRule, keyFor } from '../src/pipeline/identity.js';

const FEED = 'https://news.example/feed.xml';

function parsed(overrides: Partial<ParsedItem>): ParsedItem {
  return {
    guid: null,
    url: null,
    title: 'A title',
    summary: null,
    contentHtml: null,
    contentText: null,
    authors: [],
    publishedAt: '2026-11-28T10:00:00.000Z',
    updatedAt: null,
    categories: [],
    enclosures: [],
    imageUrl: null,
    commentsUrl: null,
    commentsCount: null,
    language: null,
    key: '',
    ...overrides,
  };
}

describe('item keys', () => {
  it('give trivially different URLs (scheme, host case, www, tracking, trailing slash) one key', () => {
    const variants = [
      'http://News.Example/2026/story/',
      'https://www.news.example/2026/story?utm_source=rss&utm_medium=feed',
      'https://news.example/2026/story#comments',
    ];
    const urlKeys = new Set(variants.map((url) => keyFor(parsed({ url }), 'url', FEED)));
    expect(urlKeys.size).toBe(1);
    const guidKeys = new Set(variants.map((guid) => keyFor(parsed({ guid }), 'guid', FEED)));
    expect(guidKeys.size).toBe(1);
  });

  it('keep opaque guids as they are and fall back when one is missing', () => {
    expect(keyFor(parsed({ guid: 'tag:news.example,2026:123' }), 'guid', FEED)).toBe(
      'guid:tag:news.example,2026:123',
    );
    expect(keyFor(parsed({ url: 'https://news.example/a' }), 'guid', FEED)).toBe('url:news.example/a');
    expect(keyFor(parsed({}), 'url', FEED)).toMatch(/^hash:[0-9a-f]{32}$/);
  });
});

describe('chooseIdentityRule', () => {
  const good = [
    parsed({ guid: 'a', url: 'https://n.example/1' }),
    parsed({ guid: 'b', url: 'https://n.example/2' }),
  ];

  it('uses guids when every item has a unique one', () => {
    expect(chooseIdentityRule(good, FEED, null).rule).toBe('guid');
  });

  it('falls back to URLs when guids are missing, repeated or changed between polls, and stays there', () => {
    const missing = [
      parsed({ url: 'https://n.example/1' }),
      parsed({ guid: 'b', url: 'https://n.example/2' }),
    ];
    expect(chooseIdentityRule(missing, FEED, null)).toEqual({
      rule: 'url',
      reason: 'guids missing or repeated',
    });
    const repeated = [
      parsed({ guid: 'same', url: 'https://n.example/1' }),
      parsed({ guid: 'same', url: 'https://n.example/2' }),
    ];
    expect(chooseIdentityRule(repeated, FEED, null).rule).toBe('url');
    expect(chooseIdentityRule(good, FEED, 'guid', true)).toEqual({
      rule: 'url',
      reason: 'guids changed between polls',
    });
    expect(chooseIdentityRule(good, FEED, 'url').rule).toBe('url');
  });

  it('hashes content when neither guids nor links identify items, and judges nothing on an empty feed', () => {
    const bare = [parsed({ title: 'one' }), parsed({ title: 'two' })];
    expect(chooseIdentityRule(bare, FEED, null).rule).toBe('hash');
    expect(chooseIdentityRule([], FEED, null).rule).toBe('guid');
    expect(chooseIdentityRule([], FEED, 'url').rule).toBe('url');
  });
});
