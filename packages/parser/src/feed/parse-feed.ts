import { parseTimeZone } from '../dates/time-zone.js';
import { discoverFeeds } from '../discover/discover-feeds.js';
import { FeedParseError } from '../errors/feed-parse-error.js';
import { decodeBody } from './decode-body.js';
import { detectFormat } from './detect-format.js';
import { DEFAULT_FIELD_LIMITS } from './field-limits.js';
import {
  DEFAULT_ENTITY_EXPANSION_FACTOR,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTITY_EXPANSION,
  DEFAULT_MAX_ITEMS,
} from './limits.js';
import { mapAtom } from './map-atom.js';
import { mapJsonFeed } from './map-json-feed.js';
import { mapRss } from './map-rss.js';
import { normalizeFeed } from './normalize.js';
import { parseXml } from './parse-xml.js';
import type { RawFeed } from './raw-feed.js';
import { repairXml } from './repair-xml.js';
import type { ParsedFeed, ParseFeedOptions } from './types.js';
import { Warnings } from './warnings.js';
import { EntityExpansionBudget } from './xml-safety.js';

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function readRaw(
  text: string,
  url: string | null,
  entityBudget: EntityExpansionBudget,
  warnings: Warnings,
): RawFeed {
  const detected = detectFormat(text);
  switch (detected.kind) {
    case 'json':
      return mapJsonFeed(text, url, warnings);
    case 'html':
      throw new FeedParseError('NOT_A_FEED', 'Body is an HTML page, not a feed', {
        url: url ?? undefined,
        discovered: discoverFeeds(text, url ?? ''),
      });
    case 'unknown':
      throw new FeedParseError(
        'NOT_A_FEED',
        detected.rootName
          ? `Root element <${detected.rootName}> is not RSS, Atom or RDF`
          : 'Body is neither XML nor JSON',
        { url: url ?? undefined },
      );
    case 'xml': {
      const document = parseXml(repairXml(text, detected, entityBudget, warnings), warnings);
      return detected.root === 'feed' ? mapAtom(document, url) : mapRss(document, url, warnings);
    }
  }
}

/**
 * Reads a feed (RSS 0.90-2.0, RSS 1.0/RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1, detected from the
 * content) into one normalized record. Broken encoding, XML and dates are repaired or dropped,
 * entities expand within a budget, fields are capped and URLs kept only when http(s), each noted
 * in `warnings`; zone-less dates read in the feed's own zone, else `timeZone`.
 * @throws RangeError when `options.timeZone` names no zone.
 * @throws FeedParseError NOT_A_FEED (with `discovered` feeds for an HTML page), EMPTY, TOO_LARGE,
 *   INVALID_JSON, MALFORMED_XML, UNSAFE_XML.
 */
export async function parseFeed(
  body: string | Uint8Array,
  options: ParseFeedOptions = {},
): Promise<ParsedFeed> {
  const timeZone = options.timeZone ? parseTimeZone(options.timeZone) : null;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const url = options.url?.trim() || null;
  const size = byteLength(body);
  if (size > maxBytes) {
    throw new FeedParseError('TOO_LARGE', `Body is ${size} bytes, over the ${maxBytes}-byte limit`, {
      url: url ?? undefined,
    });
  }
  const warnings = new Warnings();
  const text = decodeBody(body, options.contentType, warnings);
  if (!text.trim()) throw new FeedParseError('EMPTY', 'Body is empty', { url: url ?? undefined });
  let raw: RawFeed;
  try {
    const entityBudget = new EntityExpansionBudget(
      Math.min(
        options.maxEntityExpansion ?? DEFAULT_MAX_ENTITY_EXPANSION,
        Math.floor(text.length * (options.entityExpansionFactor ?? DEFAULT_ENTITY_EXPANSION_FACTOR)),
      ),
    );
    raw = readRaw(text, url, entityBudget, warnings);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    throw new FeedParseError('MALFORMED_XML', `Feed could not be read: ${(error as Error).message}`, {
      cause: error,
      url: url ?? undefined,
    });
  }
  const feed = normalizeFeed(raw, {
    warnings,
    now: Date.now(),
    maxItems: options.maxItems ?? DEFAULT_MAX_ITEMS,
    documentUrl: url,
    timeZone,
    limits: { ...DEFAULT_FIELD_LIMITS, ...options.fieldLimits },
  });
  return { ...feed, feedUrl: feed.feedUrl ?? url, warnings: warnings.toArray() };
}
