import { FeedParseError } from '../errors/feed-parse-error.js';
import { resolveUrl } from './map-common.js';
import type { RawAuthor, RawEnclosure, RawFeed, RawItem, RawText } from './raw-feed.js';
import type { Warnings } from './warnings.js';

type Json = Record<string, unknown>;
const JSON_FEED_VERSION = /^https?:\/\/jsonfeed\.org\/version\/(\d+(?:\.\d+)?)\/?$/i;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field; numbers are accepted (ids often are), anything else is absent. */
function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function text(value: unknown, kind: RawText['kind'], base: string | null): RawText | null {
  const string = str(value);
  return string === null ? null : { value: string, kind, base };
}

function authorsOf(object: Json, base: string | null): RawAuthor[] {
  // 1.1 has `authors`; 1.0 had a single `author`.
  const list = Array.isArray(object.authors)
    ? object.authors
    : isObject(object.author)
      ? [object.author]
      : [];
  return list.filter(isObject).map((author) => ({
    name: str(author.name),
    email: null,
    url: resolveUrl(str(author.url), base),
  }));
}

function mapItem(item: Json, base: string | null): RawItem {
  const attachments = Array.isArray(item.attachments) ? item.attachments.filter(isObject) : [];
  const enclosures: RawEnclosure[] = attachments.flatMap((attachment) => {
    const url = resolveUrl(str(attachment.url), base);
    if (!url) return [];
    return [{ url, type: str(attachment.mime_type), length: str(attachment.size_in_bytes) }];
  });
  const html = text(item.content_html, 'html', base);
  return {
    guid: str(item.id),
    url: resolveUrl(str(item.url) ?? str(item.external_url), base),
    title: text(item.title, 'text', base),
    summary: text(item.summary, 'text', base),
    content: html ?? text(item.content_text, 'text', base),
    authors: authorsOf(item, base),
    published: str(item.date_published),
    updated: str(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((tag) => tag !== null) : [],
    enclosures,
    imageUrl: resolveUrl(str(item.image) ?? str(item.banner_image), base),
    commentsUrl: null,
    commentsCount: null,
    language: str(item.language),
    base,
  };
}

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) to the raw feed record. */
export function mapJsonFeed(json: string, documentUrl: string | null, warnings: Warnings): RawFeed {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (cause) {
    throw new FeedParseError('INVALID_JSON', `Body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (!isObject(document))
    throw new FeedParseError('NOT_A_FEED', 'JSON body is not an object, so not a JSON Feed');
  const version = JSON_FEED_VERSION.exec(str(document.version) ?? '')?.[1];
  if (!version) {
    if (!Array.isArray(document.items)) {
      throw new FeedParseError('NOT_A_FEED', 'JSON body has neither a JSON Feed version nor items');
    }
    warnings.add('MISSING_VERSION', 'JSON body has items but no JSON Feed version; read as JSON Feed 1.1');
  }
  const base = resolveUrl(str(document.feed_url), documentUrl) ?? documentUrl;
  const hubs = Array.isArray(document.hubs) ? document.hubs.filter(isObject) : [];
  const items = Array.isArray(document.items) ? document.items.filter(isObject) : [];
  return {
    format: 'json',
    version: version ? (version.includes('.') ? version : `${version}.0`) : null,
    title: text(document.title, 'text', base),
    description: text(document.description, 'text', base),
    homeUrl: resolveUrl(str(document.home_page_url), base),
    feedUrl: resolveUrl(str(document.feed_url), documentUrl),
    hubUrl: resolveUrl(
      str((hubs.find((hub) => /websub|pubsubhubbub/i.test(str(hub.type) ?? '')) ?? hubs[0])?.url),
      base,
    ),
    language: str(document.language),
    imageUrl: resolveUrl(str(document.icon), base),
    iconUrl: resolveUrl(str(document.favicon), base),
    updated: null,
    authors: authorsOf(document, base),
    categories: [],
    ttl: null,
    base,
    items: items.map((item) => mapItem(item, base)),
  };
}
