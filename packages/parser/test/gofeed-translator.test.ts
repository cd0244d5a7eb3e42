import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../src/index.js';
import { gofeedMismatches } from './lib/gofeed-facts.js';
import { sharedCorpus } from './lib/shared-corpus.js';

const CORPUS = sharedCorpus('feeds', 'gofeed-translator');

/**
 * Where we state a fact differently from gofeed on purpose (also listed in the package README).
 * Each entry: the case, and the mismatches we accept with the reason.
 */
const DELIBERATE_DIFFERENCES: Record<string, { reason: string; mismatches: string[] }> = {
  'atom__feed_image_-_atom10_feed_icon': {
    reason: 'An Atom <icon> is the feed icon (iconUrl), not its image; gofeed has one image field for both.',
    mismatches: ['feed.image'],
  },
  'rss__feed_image_-_rss_channel_description': {
    reason: 'A channel description is prose; we do not promote an <img> inside it to the feed image.',
    mismatches: ['feed.image'],
  },
  'rss__feed_item_fallbacks_-_rss_channel_item_extensions': {
    reason: 'dc:date is the publication date; we do not also report it as an update (updatedAt stays null).',
    mismatches: ['items[0].updated'],
  },
  'rss__feed_item_links_-_rss_channel_item_links': {
    reason: 'With several <link>s we keep the first (the RSS element), gofeed the last (an href attribute).',
    mismatches: ['items[0].link'],
  },
  'rss__feed_links_-_rss_channel_links': {
    reason: 'As for items: the first channel <link> is the site.',
    mismatches: ['feed.link'],
  },
  'rss__feed_links_-_rdf_channel_links': {
    reason: 'As for items: the first channel <link> is the site.',
    mismatches: ['feed.link'],
  },
};

const CASES = CORPUS
  ? readdirSync(CORPUS)
      .filter((name) => name.startsWith('translator__') && name.endsWith('.xml'))
      .map((name) => name.slice('translator__'.length, -'.xml'.length))
  : [];

describe.skipIf(!CORPUS)(
  'gofeed translator corpus (skipped: ../shared/corpora/feeds/gofeed-translator absent)',
  () => {
    const dir = CORPUS!;

    it('has the cases', () => {
      expect(CASES.length).toBeGreaterThan(90);
    });

    it.each(CASES)('%s states the same facts as gofeed', async (name) => {
      const file = path.join(dir, `translator__${name}`);
      const expected = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
      const feed = await parseFeed(new Uint8Array(readFileSync(`${file}.xml`)));
      const accepted = DELIBERATE_DIFFERENCES[name]?.mismatches ?? [];
      const mismatches = gofeedMismatches(expected, feed).filter(
        (mismatch) => !accepted.some((field) => mismatch.startsWith(`${field}:`)),
      );
      expect(mismatches).toEqual([]);
      // Every accepted difference must still be one: a stale entry would hide nothing and mislead.
      const all = gofeedMismatches(expected, feed);
      for (const field of accepted)
        expect(all.some((mismatch) => mismatch.startsWith(`${field}:`))).toBe(true);
    });

    it.each([
      ['parser__universal__rss_feed.xml', 'rss'],
      ['parser__universal__rss_feed_bom.xml', 'rss'],
      ['parser__universal__rss_feed_leading_spaces.xml', 'rss'],
      ['parser__universal__rdf_feed.xml', 'rdf'],
      ['parser__universal__atom03_feed.xml', 'atom'],
      ['parser__universal__atom10_feed.xml', 'atom'],
      ['parser__universal__json10_feed.json', 'json'],
      ['parser__universal__json11_feed.json', 'json'],
    ])('detects %s as %s from its content', async (file, format) => {
      const feed = await parseFeed(new Uint8Array(readFileSync(path.join(dir, file))));
      expect(feed.format).toBe(format);
      expect(feed.title).toBeTruthy();
    });

    it.each([
      ['parser__universal__empty_feed.xml', 'EMPTY'],
      ['parser__universal__unknown_feed.xml', 'NOT_A_FEED'],
      ['parser__universal__invalid.json', 'INVALID_JSON'],
    ])('refuses %s with %s', async (file, code) => {
      const error = await parseFeed(new Uint8Array(readFileSync(path.join(dir, file)))).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(FeedParseError);
      expect((error as FeedParseError).code).toBe(code);
    });
  },
);
