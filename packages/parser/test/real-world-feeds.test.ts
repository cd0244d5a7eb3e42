import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../src/index.js';
import { sharedCorpus } from './lib/shared-corpus.js';

const CORPUS = sharedCorpus('feeds', 'real-world');
/** Files of the corpus that are not feeds, and what parseFeed must say about them. */
const NOT_FEEDS: Record<string, string> = { 'unrecognized.rss': 'NOT_A_FEED' };
const FEEDS = CORPUS ? readdirSync(CORPUS).filter((name) => name !== 'LICENSE' && !(name in NOT_FEEDS)) : [];

/**
 * Feeds whose text really contains escaped markup: reddit-atom.rss has one description escaped
 * twice (`&amp;lt;div…` amid raw markup), which XML says is the literal text "&lt;div…".
 */
const LITERAL_ENTITIES_IN_TEXT = new Set(['reddit-atom.rss']);
const EARLIEST_SANE_DATE = Date.parse('1995-01-01T00:00:00Z');
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** <item> and <entry> elements in the raw XML, outside comments and CDATA: no item may be lost. */
function countItems(xml: string): number {
  const visible = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  return (visible.match(/<(?:[\w-]+:)?(?:item|entry)[\s>/]/g) ?? []).length;
}

describe.skipIf(!CORPUS)('real-world feeds (skipped: ../shared/corpora/feeds/real-world absent)', () => {
  const dir = CORPUS!;

  it.each(FEEDS)('%s parses with every item, sane dates and clean text', async (name) => {
    const bytes = readFileSync(path.join(dir, name));
    const feed = await parseFeed(new Uint8Array(bytes));
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items.length).toBe(countItems(bytes.toString('latin1')));
    for (const item of feed.items) {
      for (const date of [item.publishedAt, item.updatedAt]) {
        if (date === null) continue;
        expect(date).toMatch(ISO_UTC);
        expect(Date.parse(date)).toBeGreaterThan(EARLIEST_SANE_DATE);
        expect(Date.parse(date)).toBeLessThan(Date.now() + 86_400_000);
      }
      for (const text of [item.title, item.summary]) {
        if (text === null) continue;
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\s{2}/);
        if (!LITERAL_ENTITIES_IN_TEXT.has(name)) expect(text).not.toMatch(/&(?:amp|lt|gt|quot|#\d+);/);
      }
      if (item.url) expect(item.url).toMatch(/^https?:\/\//);
      expect(item.key).toMatch(/^(guid|url|hash):./);
    }
    expect(new Set(feed.items.map((item) => item.key)).size).toBeGreaterThan(feed.items.length * 0.9);
  });

  it('guardian.rss: untyped media:content with an image URL is the item picture (the widest), not an enclosure', async () => {
    const feed = await parseFeed(new Uint8Array(readFileSync(path.join(dir, 'guardian.rss'))));
    const withMedia = feed.items.filter((item) => item.imageUrl !== null);
    expect(withMedia.length).toBeGreaterThan(feed.items.length * 0.9);
    for (const item of withMedia) {
      expect(item.imageUrl).toMatch(/^https:\/\/i\.guim\.co\.uk\/.+\.(?:jpe?g|png)\?w=460&/i);
      expect(item.enclosures.filter((enclosure) => enclosure.url.includes('i.guim.co.uk'))).toEqual([]);
    }
  });

  it.each(Object.entries(NOT_FEEDS))('%s is refused with %s', async (name, code) => {
    const error = await parseFeed(new Uint8Array(readFileSync(path.join(dir, name)))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).code).toBe(code);
  });
});
