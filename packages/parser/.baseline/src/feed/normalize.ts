import { escapeText } from 'entities';
import { FeedDates, type ZonelessSummary } from '../dates/feed-dates.js';
import type { TimeZone } from '../dates/time-zone.js';
import { collapseWhitespace, htmlToText } from '../html/html-to-text.js';
import { sanitizeHtmlWithText } from '../html/sanitize-html.js';
import { assignItemKeys } from './item-key.js';
import { FUTURE_DATE_TOLERANCE_MS } from './limits.js';
import type { RawAuthor, RawEnclosure, RawFeed, RawItem, RawText } from './raw-feed.js';
import type { ParsedAuthor, ParsedEnclosure, ParsedFeed, ParsedItem } from './types.js';
import type { Warnings } from './warnings.js';

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const FIRST_IMAGE = /<img\s[^>]*?\bsrc="([^"]+)"/;
const COUNT = /^\d{1,9}$/;
const WEB_SCHEMES = new Set(['http:', 'https:']);
const ENCLOSURE_SCHEMES = new Set(['http:', 'https:', 'ftp:']);

export interface NormalizeContext {
  warnings: Warnings;
  /** The time "now" is, for the FUTURE_DATE check. */
  now: number;
  maxItems: number;
  /** Where the feed was fetched from: the base of links when the feed sets no xml:base. */
  documentUrl: string | null;
  /** The caller's zone for dates written without one, when the feed shows no zone; null: UTC. */
  timeZone: TimeZone | null;
}

/** The context while a feed is normalized: its dates read together (see FeedDates). */
interface FeedContext extends NormalizeContext {
  dates: FeedDates;
}

function plainText(text: RawText | null): string | null {
  if (!text) return null;
  const html = text.kind === 'html' || (text.kind === 'auto' && LOOKS_LIKE_HTML.test(text.value));
  const value = html ? collapseWhitespace(htmlToText(text.value)) : collapseWhitespace(text.value);
  return value || null;
}

/** An absolute http(s) URL (resolved against `base`), or null. */
function absoluteUrl(value: string | null, base: string | null, schemes = WEB_SCHEMES): string | null {
  if (!value) return null;
  try {
    const url = base ? new URL(value.trim(), base) : new URL(value.trim());
    return schemes.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function paragraphsOfText(value: string): string[] {
  return value
    .split(/\r?\n\s*\r?\n/)
    .map(collapseWhitespace)
    .filter(Boolean);
}

function content(text: RawText | null, base: string | null): { html: string | null; text: string | null } {
  if (!text) return { html: null, text: null };
  if (text.kind === 'text') {
    const paragraphs = paragraphsOfText(text.value);
    if (paragraphs.length === 0) return { html: null, text: null };
    return { html: paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join(''), text: paragraphs.join('\n\n') };
  }
  const { html, text: plain } = sanitizeHtmlWithText(text.value, { baseUrl: text.base ?? base ?? undefined });
  if (!html) return { html: null, text: null };
  return { html, text: plain || null };
}

function authors(list: RawAuthor[], base: string | null): ParsedAuthor[] {
  const seen = new Set<string>();
  const out: ParsedAuthor[] = [];
  for (const raw of list) {
    const author: ParsedAuthor = {};
    const name = raw.name
      ? collapseWhitespace(LOOKS_LIKE_HTML.test(raw.name) ? htmlToText(raw.name) : raw.name)
      : '';
    const email = raw.email?.trim().replace(/^mailto:/i, '');
    const url = absoluteUrl(raw.url, base);
    if (name) author.name = name;
    if (email) author.email = email;
    if (url) author.url = url;
    const key = JSON.stringify(author);
    if (key === '{}' || seen.has(key)) continue;
    seen.add(key);
    out.push(author);
  }
  return out;
}

function categories(list: string[]): string[] {
  return [...new Set(list.map(collapseWhitespace).filter(Boolean))];
}

function enclosures(list: RawEnclosure[], base: string | null): ParsedEnclosure[] {
  const byUrl = new Map<string, ParsedEnclosure>();
  for (const raw of list) {
    const url = absoluteUrl(raw.url, base, ENCLOSURE_SCHEMES);
    if (!url || byUrl.has(url)) continue;
    const enclosure: ParsedEnclosure = { url };
    const type = raw.type?.trim().toLowerCase();
    if (type) enclosure.type = type;
    const length = raw.length?.trim() ? Number(raw.length.trim()) : Number.NaN;
    if (Number.isSafeInteger(length) && length > 0) enclosure.length = length;
    byUrl.set(url, enclosure);
  }
  return [...byUrl.values()];
}

function date(value: string | null, where: string, context: FeedContext): string | null {
  if (!value?.trim()) return null;
  const iso = context.dates.read(value);
  if (iso === null) {
    context.warnings.add(
      'INVALID_DATE',
      `${where}: unreadable date ${JSON.stringify(value.trim().slice(0, 80))}`,
    );
    return null;
  }
  if (Date.parse(iso) - context.now > FUTURE_DATE_TOLERANCE_MS) {
    context.warnings.add('FUTURE_DATE', `${where}: date ${iso} is in the future`);
  }
  return iso;
}

/** A count the feed states ("12", " 3 "), or null with a warning when it is not a whole number. */
function count(value: string | null, where: string, context: NormalizeContext): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (COUNT.test(trimmed)) return Number(trimmed);
  context.warnings.add(
    'INVALID_COUNT',
    `${where}: comment count ${JSON.stringify(trimmed.slice(0, 40))} is not a number`,
  );
  return null;
}

/** A language tag as BCP 47 writes it: "en_US" (POSIX locale style) becomes "en-US". */
function language(value: string | null): string | null {
  const trimmed = value?.trim().replace(/_/g, '-');
  return trimmed ? trimmed : null;
}

function item(
  raw: RawItem,
  index: number,
  feedBase: string | null,
  context: FeedContext,
): Omit<ParsedItem, 'key'> {
  const base = raw.base ?? feedBase;
  const where = `item ${index + 1}`;
  const body = content(raw.content, base);
  const updatedAt = date(raw.updated, where, context);
  return {
    guid: raw.guid?.trim() || null,
    url: absoluteUrl(raw.url, base),
    title: plainText(raw.title),
    // An RSS description is both summary and content: its text is read once.
    summary:
      raw.summary === raw.content ? body.text && collapseWhitespace(body.text) : plainText(raw.summary),
    contentHtml: body.html,
    contentText: body.text,
    authors: authors(raw.authors, base),
    // Items that only say when they were updated (Atom allows it) are listed by that date.
    publishedAt: date(raw.published, where, context) ?? updatedAt,
    updatedAt,
    categories: categories(raw.categories),
    enclosures: enclosures(raw.enclosures, base),
    // Without a declared picture, the first image of the content (tracking pixels are gone by now).
    imageUrl:
      absoluteUrl(raw.imageUrl, base) ?? absoluteUrl(FIRST_IMAGE.exec(body.html ?? '')?.[1] ?? null, null),
    commentsUrl: absoluteUrl(raw.commentsUrl, base),
    commentsCount: count(raw.commentsCount, where, context),
    language: language(raw.language),
  };
}

const ZONE_SOURCE_TEXT = {
  feed: 'the offset most of the feed’s other dates state',
  option: 'the timeZone option',
  default: 'no zone in the feed and no timeZone option',
} as const;

/** One warning per feed for its dates without a zone, naming the zone used and why. */
function warnZoneless(summary: ZonelessSummary | null, context: NormalizeContext): void {
  if (!summary) return;
  const code = summary.source === 'feed' ? 'DATE_ZONE_FROM_FEED' : 'DATE_ZONE_ASSUMED';
  context.warnings.add(
    code,
    `${summary.count} date(s) without a time zone (e.g. ${JSON.stringify(summary.example.slice(0, 80))}) read in ${summary.zone.name}: ${ZONE_SOURCE_TEXT[summary.source]}`,
  );
}

/**
 * The raw record of any format to the public one: text trimmed, entities decoded, whitespace
 * collapsed, HTML sanitized, URLs absolute, dates ISO 8601 UTC, absent values null or [], and a
 * key on every item.
 */
export function normalizeFeed(
  raw: RawFeed,
  normalizeContext: NormalizeContext,
): Omit<ParsedFeed, 'warnings'> {
  const context: FeedContext = {
    ...normalizeContext,
    dates: new FeedDates(
      [raw.updated, ...raw.items.flatMap((rawItem) => [rawItem.published, rawItem.updated])],
      normalizeContext.timeZone,
    ),
  };
  const documentBase = raw.base ?? context.documentUrl;
  const homeUrl = absoluteUrl(raw.homeUrl, documentBase);
  const feedUrl = absoluteUrl(raw.feedUrl, documentBase);
  // Relative item links with no document URL or xml:base still resolve against the site.
  const itemBase = documentBase ?? homeUrl ?? feedUrl;
  let rawItems = raw.items;
  if (rawItems.length > context.maxItems) {
    context.warnings.add(
      'TOO_MANY_ITEMS',
      `Feed has ${rawItems.length} items; kept the first ${context.maxItems}`,
    );
    rawItems = rawItems.slice(0, context.maxItems);
  }
  const items = rawItems.map((rawItem, index) => item(rawItem, index, itemBase, context));
  const keys = assignItemKeys(items);
  const ttl = raw.ttl?.trim();
  const updatedAt = date(raw.updated, 'feed', context);
  warnZoneless(context.dates.zoneless(), context);
  return {
    format: raw.format,
    version: raw.version?.trim() || null,
    title: plainText(raw.title),
    description: plainText(raw.description),
    homeUrl,
    feedUrl,
    language: language(raw.language),
    imageUrl: absoluteUrl(raw.imageUrl, itemBase),
    iconUrl: absoluteUrl(raw.iconUrl, itemBase),
    updatedAt,
    authors: authors(raw.authors, itemBase),
    categories: categories(raw.categories),
    hubUrl: absoluteUrl(raw.hubUrl, itemBase),
    ttlMinutes: ttl && /^\d{1,9}$/.test(ttl) ? Number(ttl) : null,
    items: items.map((parsed, index) => ({ ...parsed, key: keys[index]! })),
  };
}
