import { htmlToText } from '../../src/html/index.js';
import type { ParsedAuthor, ParsedFeed, ParsedItem } from '../../src/index.js';

// gofeed's normalized JSON names facts differently from ParsedFeed; this maps them and lists
// where they disagree. Text is compared as text (gofeed keeps HTML and raw whitespace), dates as
// instants, URLs as given.

type GofeedPerson = { name?: string; email?: string };
type Gofeed = Record<string, unknown> & { items?: Record<string, unknown>[] };

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const plain = htmlToText(value).replace(/\s+/g, ' ').trim();
  return plain || null;
}

/** URLs as WHATWG serializes them (gofeed keeps "http://example.org", we give "http://example.org/"). */
function url(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

/** Categories as a set: gofeed lists iTunes keywords first, we list them last. */
function set(value: unknown): string[] {
  return Array.isArray(value) ? [...value].map(String).sort() : [];
}

function instant(value: unknown): number | null {
  return typeof value === 'string' ? Date.parse(value) : null;
}

function people(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return (value as GofeedPerson[]).map((person) => `${person.name ?? ''}|${person.email ?? ''}`);
}

function ours(authors: ParsedAuthor[]): string[] {
  return authors.map((author) => `${author.name ?? ''}|${author.email ?? ''}`);
}

function compare(
  mismatches: string[],
  where: string,
  field: string,
  expected: unknown,
  actual: unknown,
): void {
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    mismatches.push(`${where}.${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function compareItem(
  mismatches: string[],
  where: string,
  expected: Record<string, unknown>,
  item: ParsedItem | undefined,
): void {
  if (!item) {
    mismatches.push(`${where}: missing`);
    return;
  }
  if ('title' in expected) compare(mismatches, where, 'title', text(expected.title), item.title);
  if ('link' in expected) compare(mismatches, where, 'link', url(expected.link), item.url);
  if ('guid' in expected) compare(mismatches, where, 'guid', expected.guid, item.guid);
  if ('description' in expected)
    compare(mismatches, where, 'description', text(expected.description), item.summary);
  if ('content' in expected)
    compare(mismatches, where, 'content', text(expected.content), item.contentText && text(item.contentHtml));
  if ('publishedParsed' in expected)
    compare(mismatches, where, 'published', instant(expected.publishedParsed), instant(item.publishedAt));
  if ('updatedParsed' in expected)
    compare(mismatches, where, 'updated', instant(expected.updatedParsed), instant(item.updatedAt));
  if ('authors' in expected)
    compare(mismatches, where, 'authors', people(expected.authors), ours(item.authors));
  if ('categories' in expected)
    compare(mismatches, where, 'categories', set(expected.categories), set(item.categories));
  if ('image' in expected)
    compare(mismatches, where, 'image', url((expected.image as { url?: string }).url), item.imageUrl);
  if ('enclosures' in expected) {
    const enclosures = (expected.enclosures as { url: string; type?: string; length?: string }[]).map((e) =>
      url(e.url),
    );
    compare(
      mismatches,
      where,
      'enclosures',
      enclosures,
      item.enclosures.map((e) => e.url),
    );
  }
}

/** Every fact of gofeed's JSON that our ParsedFeed states differently. */
export function gofeedMismatches(expected: Gofeed, feed: ParsedFeed): string[] {
  const mismatches: string[] = [];
  if ('feedType' in expected)
    compare(mismatches, 'feed', 'type', expected.feedType, feed.format === 'rdf' ? 'rss' : feed.format);
  if ('title' in expected) compare(mismatches, 'feed', 'title', text(expected.title), feed.title);
  if ('description' in expected)
    compare(mismatches, 'feed', 'description', text(expected.description), feed.description);
  if ('link' in expected) compare(mismatches, 'feed', 'link', url(expected.link), feed.homeUrl);
  if ('feedLink' in expected) compare(mismatches, 'feed', 'feedLink', url(expected.feedLink), feed.feedUrl);
  if ('language' in expected) compare(mismatches, 'feed', 'language', expected.language, feed.language);
  if ('image' in expected)
    compare(mismatches, 'feed', 'image', url((expected.image as { url?: string }).url), feed.imageUrl);
  if ('updatedParsed' in expected)
    compare(mismatches, 'feed', 'updated', instant(expected.updatedParsed), instant(feed.updatedAt));
  if ('authors' in expected)
    compare(mismatches, 'feed', 'authors', people(expected.authors), ours(feed.authors));
  if ('categories' in expected)
    compare(mismatches, 'feed', 'categories', set(expected.categories), set(feed.categories));
  const items = expected.items ?? [];
  compare(mismatches, 'feed', 'items.length', items.length, feed.items.length);
  for (const [index, item] of items.entries())
    compareItem(mismatches, `items[${index}]`, item, feed.items[index]);
  return mismatches;
}
