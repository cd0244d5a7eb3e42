import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../src/index.js';

const PAGE = `<!doctype html><html><head>
  <base href="https://cdn.example.com/site/">
  <link rel="alternate" type="application/rss+xml" title="Main &amp; all" href="feed.xml">
  <link rel="ALTERNATE" type="application/atom+xml" href="https://blog.example.com/atom.xml">
  <link rel="alternate" type="application/feed+json" href="/feed.json">
  <link rel="alternate" type="application/rss+xml" href="feed.xml">
  <link rel="alternate" hreflang="fr" href="/fr/">
  <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
  <link rel="stylesheet" href="/s.css">
</head><body><a rel="alternate" type="application/rss+xml" href="/comments.rss">comments</a></body></html>`;

describe('discoverFeeds', () => {
  it('lists advertised feeds first, resolved against <base>, once each, with types', () => {
    const feeds = discoverFeeds(PAGE, 'https://blog.example.com/post/1');
    expect(feeds.filter((feed) => feed.source === 'link')).toEqual([
      { url: 'https://cdn.example.com/site/feed.xml', title: 'Main & all', type: 'rss', source: 'link' },
      { url: 'https://blog.example.com/atom.xml', title: null, type: 'atom', source: 'link' },
      { url: 'https://cdn.example.com/feed.json', title: null, type: 'json', source: 'link' },
      { url: 'https://cdn.example.com/comments.rss', title: null, type: 'rss', source: 'link' },
    ]);
  });

  it('adds common feed paths of the page origin as guesses', () => {
    const guesses = discoverFeeds('<html></html>', 'https://site.example.org/a/b?c=1').filter(
      (feed) => feed.source === 'guess',
    );
    expect(guesses.map((feed) => feed.url)).toContain('https://site.example.org/feed');
    expect(guesses.map((feed) => feed.url)).toContain('https://site.example.org/atom.xml');
    expect(guesses.every((feed) => feed.url.startsWith('https://site.example.org/'))).toBe(true);
  });

  it('reports only absolute links when the page URL is unknown', () => {
    const feeds = discoverFeeds(
      '<link rel="alternate" type="application/rss+xml" href="/relative.xml"><link rel="alternate" type="application/atom+xml" href="https://abs.example/atom">',
      '',
    );
    expect(feeds).toEqual([{ url: 'https://abs.example/atom', title: null, type: 'atom', source: 'link' }]);
  });
});
