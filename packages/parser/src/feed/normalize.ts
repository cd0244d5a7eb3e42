import { escapeText } from 'entities';
import { FeedDates, type ZonelessSummary } from '../dates/feed-dates.js';
import type { TimeZone } from '../dates/time-zone.js';
import { collapseWhitespace, htmlToText } from '../html/html-to-text.js';
import { sanitizeHtmlWithText } from '../html/sanitize-html.js';
import { httpUrlOrReason } from '../html/url-policy.js';
import { capList, capText, type FeedFieldLimits, renderCapped } from './field-limits.js';
import { assignItemKeys } from './item-key.js';
import { FUTURE_DATE_TOLERANCE_MS } from './limits.js';
import type { RawAuthor, RawEnclosure, RawFeed, RawItem, RawText } from './raw-feed.js';
import type { ParsedAuthor, ParsedEnclosure, ParsedFeed, ParsedItem } from './types.js';
import type { Warnings } from './warnings.js';

const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const FIRST_IMAGE = /<img\s[^>]*?\bsrc="([^"]+)"/;
const COUNT = /^\d{1,9}$/;
/** Source characters (markup, whitespace) read per character of a capped text field. */
const SOURCE_CHARS_PER_TEXT_CHAR = 4;

export interface NormalizeContext {
  warnings: Warnings;
  /** The time "now" is, for the FUTURE_DATE check. */
  now: number;
  maxItems: number;
  /** Where the feed was fetched from: the base of links when the feed sets no xml:base. */
  documentUrl: string | null;
  /** The caller's zone for dates written without one, when the feed shows no zone; null: UTC. */
  timeZone: TimeZone | null;
  /** How long each emitted field may be. */
  limits: FeedFieldLimits;
}

/** The context while a feed is normalized: its dates read together (see FeedDates). */
interface FeedContext extends NormalizeContext {
  dates: FeedDates;
}

/** Plain text of at most `limit` characters (HTML is read only up to a few times that). */
function plainText(
  text: RawText | null,
  limit: number,
  where: string,
  context: NormalizeContext,
): string | null {
  if (!text) return null;
  const html = text.kind === 'html' || (text.kind === 'auto' && LOOKS_LIKE_HTML.test(text.value));
  // Markup and whitespace shrink when read: a source far longer than the limit is cut first.
  const sourceCut = text.value.length > limit * SOURCE_CHARS_PER_TEXT_CHAR;
  const source = sourceCut ? text.value.slice(0, limit * SOURCE_CHARS_PER_TEXT_CHAR) : text.value;
  const value = html ? collapseWhitespace(htmlToText(source)) : collapseWhitespace(source);
  if (sourceCut && value.length <= limit) {
    context.warnings.add('FIELD_TRUNCATED', `${where}: ${text.value.length} characters of source cut`);
    return `${value}…`;
  }
  return capText(value || null, limit, where, context.warnings);
}

/**
 * An absolute http(s) URL (resolved against `base`), or null: a present value the URL policy
 * refuses (javascript:, over-long, relative without a base) is dropped with a URL_DROPPED warning.
 */
function absoluteUrl(
  value: string | null,
  base: string | null,
  where: string,
  context: NormalizeContext,
): string | null {
  if (!value?.trim()) return null;
  const result = httpUrlOrReason(value, base);
  if (typeof result === 'string') return result;
  context.warnings.add(
    'URL_DROPPED',
    `${where}: ${JSON.stringify(value.trim().slice(0, 80))} dropped: ${result.reason}`,
  );
  return null;
}

function paragraphsOfText(value: string): string[] {
  return value
    .split(/\r?\n\s*\r?\n/)
    .map(collapseWhitespace)
    .filter(Boolean);
}

function textParagraphs(value: string): { html: string; text: string } {
  const paragraphs = paragraphsOfText(value);
  return { html: paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join(''), text: paragraphs.join('\n\n') };
}

function content(
  text: RawText | null,
  base: string | null,
  where: string,
  context: NormalizeContext,
): { html: string | null; text: string | null } {
  if (!text) return { html: null, text: null };
  const baseUrl = text.base ?? base ?? undefined;
  const render =
    text.kind === 'text' ? textParagraphs : (html: string) => sanitizeHtmlWithText(html, { baseUrl });
  const result = renderCapped(text.value, render, context.limits.contentChars, where, context.warnings);
  if (!result.html) return { html: null, text: null };
  return { html: result.html, text: result.text || null };
}

function authors(
  list: RawAuthor[],
  base: string | null,
  where: string,
  context: NormalizeContext,
): ParsedAuthor[] {
  const seen = new Set<string>();
  const out: ParsedAuthor[] = [];
  const limit = context.limits.shortTextChars;
  for (const raw of capList(list, context.limits.listEntries, `${where} authors`, context.warnings)) {
    const author: ParsedAuthor = {};
    const rawName = raw.name ? raw.name.slice(0, limit * SOURCE_CHARS_PER_TEXT_CHAR) : '';
    const name = capText(
      collapseWhitespace(LOOKS_LIKE_HTML.test(rawName) ? htmlToText(rawName) : rawName),
      limit,
      `${where} author name`,
      context.warnings,
    );
    const email = capText(
      raw.email?.trim().replace(/^mailto:/i, '') ?? null,
      limit,
      `${where} author email`,
      context.warnings,
    );
    const url = absoluteUrl(raw.url, base, `${where} author URL`, context);
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

function categories(list: string[], where: string, context: NormalizeContext): string[] {
  const limit = context.limits.shortTextChars;
  const names = list.map((name) =>
    capText(
      collapseWhitespace(name.slice(0, limit * SOURCE_CHARS_PER_TEXT_CHAR)),
      limit,
      `${where} category`,
      context.warnings,
    ),
  );
  const unique = [...new Set(names.filter((name): name is string => Boolean(name)))];
  return capList(unique, context.limits.listEntries, `${where} categories`, context.warnings);
}

function enclosures(
  list: RawEnclosure[],
  base: string | null,
  where: string,
  context: NormalizeContext,
): ParsedEnclosure[] {
  const byUrl = new Map<string, ParsedEnclosure>();
  for (const raw of capList(list, context.limits.listEntries, `${where} enclosures`, context.warnings)) {
    const url = absoluteUrl(raw.url, base, `${where} enclosure`, context);
    if (!url || byUrl.has(url)) continue;
    const enclosure: ParsedEnclosure = { url };
    const type = raw.type?.trim().toLowerCase().slice(0, context.limits.shortTextChars);
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
function language(value: string | null, where: string, context: NormalizeContext): string | null {
  const trimmed = value?.trim().replace(/_/g, '-');
  return capText(
    trimmed ? trimmed : null,
    context.limits.shortTextChars,
    `${where} language`,
    context.warnings,
  );
}

function item(
  raw: RawItem,
  index: number,
  feedBase: string | null,
  context: FeedContext,
): Omit<ParsedItem, 'key'> {
  const base = raw.base ?? feedBase;
  const where = `item ${index + 1}`;
  const limits = context.limits;
  const body = content(raw.content, base, `${where} content`, context);
  const updatedAt = date(raw.updated, where, context);
  return {
    guid: capText(raw.guid?.trim() || null, limits.shortTextChars, `${where} guid`, context.warnings),
    url: absoluteUrl(raw.url, base, `${where} link`, context),
    title: plainText(raw.title, limits.titleChars, `${where} title`, context),
    // An RSS description is both summary and content: its text is read once.
    summary:
      raw.summary === raw.content
        ? capText(
            body.text && collapseWhitespace(body.text.slice(0, limits.summaryChars * 2)),
            limits.summaryChars,
            `${where} summary`,
            context.warnings,
          )
        : plainText(raw.summary, limits.summaryChars, `${where} summary`, context),
    contentHtml: body.html,
    contentText: body.text,
    authors: authors(raw.authors, base, where, context),
    // Items that only say when they were updated (Atom allows it) are listed by that date.
    publishedAt: date(raw.published, where, context) ?? updatedAt,
    updatedAt,
    categories: categories(raw.categories, where, context),
    enclosures: enclosures(raw.enclosures, base, where, context),
    // Without a declared picture, the first image of the content (tracking pixels are gone by now).
    imageUrl:
      absoluteUrl(raw.imageUrl, base, `${where} image`, context) ??
      absoluteUrl(FIRST_IMAGE.exec(body.html ?? '')?.[1] ?? null, null, `${where} content image`, context),
    commentsUrl: absoluteUrl(raw.commentsUrl, base, `${where} comments link`, context),
    commentsCount: count(raw.commentsCount, where, context),
    language: language(raw.language, where, context),
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
  const homeUrl = absoluteUrl(raw.homeUrl, documentBase, 'feed home link', context);
  const feedUrl = absoluteUrl(raw.feedUrl, documentBase, 'feed self link', context);
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
    title: plainText(raw.title, context.limits.titleChars, 'feed title', context),
    description: plainText(raw.description, context.limits.summaryChars, 'feed description', context),
    homeUrl,
    feedUrl,
    language: language(raw.language, 'feed', context),
    imageUrl: absoluteUrl(raw.imageUrl, itemBase, 'feed image', context),
    iconUrl: absoluteUrl(raw.iconUrl, itemBase, 'feed icon', context),
    updatedAt,
    authors: authors(raw.authors, itemBase, 'feed', context),
    categories: categories(raw.categories, 'feed', context),
    hubUrl: absoluteUrl(raw.hubUrl, itemBase, 'feed hub link', context),
    ttlMinutes: ttl && /^\d{1,9}$/.test(ttl) ? Number(ttl) : null,
    items: items.map((parsed, index) => ({ ...parsed, key: keys[index]! })),
  };
}
