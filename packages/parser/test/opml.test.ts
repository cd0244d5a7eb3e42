import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpml, flattenOpml, OpmlParseError, parseOpml } from '../src/index.js';

const FEEDLY = readFileSync(new URL('./fixtures/opml/feedly-export.opml', import.meta.url), 'utf8');

describe('parseOpml', () => {
  it('reads the title and the folder tree, decoding entities, whatever the attribute case', () => {
    const document = parseOpml(FEEDLY);
    expect(document.title).toBe('Jo subscriptions in feedly Cloud');
    expect(document.outlines).toHaveLength(4);
    const [tech, news, empty] = document.outlines;
    expect(tech).toMatchObject({ title: 'Tech & Science', text: 'Tech & Science', xmlUrl: null });
    expect(tech!.children[0]).toEqual({
      title: 'Ars Technica',
      text: 'Ars Technica',
      xmlUrl: 'https://feeds.arstechnica.com/arstechnica/index',
      htmlUrl: 'https://arstechnica.com',
      type: 'rss',
      children: [],
    });
    expect(tech!.children[1]!.children[0]).toMatchObject({
      title: 'CSS-Tricks',
      xmlUrl: 'https://css-tricks.com/feed/',
    });
    expect(news).toMatchObject({
      title: 'Top level "news"',
      xmlUrl: 'https://news.example.com/rss',
      htmlUrl: 'https://news.example.com/',
    });
    expect(empty).toMatchObject({ title: 'Empty folder', children: [] });
  });

  it('refuses text that is not OPML', () => {
    expect(() => parseOpml('<rss version="2.0"></rss>')).toThrow(OpmlParseError);
    expect(() => parseOpml('')).toThrow(OpmlParseError);
  });
});

describe('buildOpml', () => {
  it('round-trips: parseOpml(buildOpml(doc)) is doc', () => {
    const document = parseOpml(FEEDLY);
    const built = buildOpml(document);
    expect(parseOpml(built)).toEqual(document);
    expect(buildOpml(parseOpml(built))).toBe(built);
  });

  it('escapes what XML must escape and writes OPML 2.0 with the required text attribute', () => {
    const built = buildOpml({
      title: 'A <list> & "more"',
      outlines: [
        {
          title: null,
          text: null,
          xmlUrl: 'https://x.example/?a=1&b=2',
          htmlUrl: null,
          type: null,
          children: [],
        },
      ],
    });
    expect(built).toContain('<opml version="2.0">');
    expect(built).toContain('<title>A &lt;list&gt; &amp; &quot;more&quot;</title>');
    expect(built).toContain(
      '<outline text="https://x.example/?a=1&amp;b=2" type="rss" xmlUrl="https://x.example/?a=1&amp;b=2"/>',
    );
    expect(parseOpml(built).outlines[0]!.xmlUrl).toBe('https://x.example/?a=1&b=2');
  });
});

describe('flattenOpml', () => {
  it('lists each feed once with its folder path', () => {
    expect(flattenOpml(parseOpml(FEEDLY))).toEqual([
      {
        xmlUrl: 'https://feeds.arstechnica.com/arstechnica/index',
        title: 'Ars Technica',
        htmlUrl: 'https://arstechnica.com',
        folder: 'Tech & Science',
      },
      {
        xmlUrl: 'https://css-tricks.com/feed/',
        title: 'CSS-Tricks',
        htmlUrl: 'https://css-tricks.com',
        folder: 'Tech & Science/Web',
      },
      {
        xmlUrl: 'https://news.example.com/rss',
        title: 'Top level "news"',
        htmlUrl: 'https://news.example.com/',
        folder: null,
      },
    ]);
  });
});
