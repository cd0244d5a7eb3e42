import { describe, expect, it } from 'vitest';
import { canonicalUrl, InvalidUrlError, tryCanonicalUrl, urlIdentity } from '../src/url/index.js';

describe('canonicalUrl', () => {
  it.each([
    ['HTTP://Example.COM:80/a/b?x=1#frag', 'http://example.com/a/b?x=1'],
    ['https://example.com:443/', 'https://example.com/'],
    ['https://example.com:8443/p', 'https://example.com:8443/p'],
    [
      'https://news.example.org/story?utm_source=rss&utm_medium=feed&id=7',
      'https://news.example.org/story?id=7',
    ],
    ['https://example.com/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2', 'https://example.com/a'],
    ['https://example.com./path', 'https://example.com/path'],
    ['  https://example.com/padded  ', 'https://example.com/padded'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves relative URLs against a base', () => {
    expect(canonicalUrl('../b/c?utm_campaign=x', 'https://example.com/a/d/')).toBe(
      'https://example.com/a/b/c',
    );
  });

  it('is idempotent', () => {
    for (const url of [
      'HTTP://A.com:80/x?utm_a=1&b=2#c',
      'https://ex.com/%7Euser/?q=a+b',
      'https://ex.com',
    ]) {
      const once = canonicalUrl(url);
      expect(canonicalUrl(once)).toBe(once);
    }
  });

  it('keeps non-web schemes as they are', () => {
    expect(canonicalUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });

  it('throws a typed error for input that is not a URL', () => {
    expect(() => canonicalUrl('not a url')).toThrow(InvalidUrlError);
    expect(tryCanonicalUrl('not a url')).toBeNull();
    expect(tryCanonicalUrl('')).toBeNull();
  });
});

describe('urlIdentity', () => {
  it('treats trivial variants as the same page', () => {
    const variants = [
      'http://example.com/news/story-1',
      'https://www.example.com/news/story-1/',
      'https://EXAMPLE.com/news/story-1?utm_source=twitter',
      'https://example.com/news/story-1#comments',
    ];
    expect(new Set(variants.map((url) => urlIdentity(url))).size).toBe(1);
  });

  it('keeps different pages apart', () => {
    expect(urlIdentity('https://example.com/a?id=1')).not.toBe(urlIdentity('https://example.com/a?id=2'));
    expect(urlIdentity('https://example.com/a')).not.toBe(urlIdentity('https://example.org/a'));
  });

  it('sorts the query so parameter order does not matter', () => {
    expect(urlIdentity('https://example.com/?b=2&a=1')).toBe(urlIdentity('https://example.com/?a=1&b=2'));
  });
});
