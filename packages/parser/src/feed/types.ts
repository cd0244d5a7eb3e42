export interface FeedWarning {
  /** Machine-readable: ENCODING_MISMATCH, XML_REPAIRED, INVALID_DATE, FUTURE_DATE, ... */
  code: string;
  message: string;
}

export interface ParsedAuthor {
  name?: string;
  email?: string;
  url?: string;
}

export interface ParsedEnclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface ParsedItem {
  /** The publisher's id (RSS guid, Atom id, JSON Feed id), trimmed; null when absent. */
  guid: string | null;
  /** The item's page, absolute. */
  url: string | null;
  /** Plain text. */
  title: string | null;
  /** Plain text, on one line. */
  summary: string | null;
  /** Sanitized HTML with absolute URLs. */
  contentHtml: string | null;
  /** Plain text of the content, paragraphs separated by a blank line. */
  contentText: string | null;
  authors: ParsedAuthor[];
  /** ISO 8601 UTC. */
  publishedAt: string | null;
  updatedAt: string | null;
  categories: string[];
  enclosures: ParsedEnclosure[];
  imageUrl: string | null;
  commentsUrl: string | null;
  /** How many comments the item has (slash:comments, Atom threading thr:total / thr:count); null when the feed does not say. */
  commentsCount: number | null;
  language: string | null;
  /** Stable identity for de-duplication: see itemKey. */
  key: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  /** "2.0", "0.91", "1.0" (RDF, Atom), "0.3", "1.1" (JSON Feed); null when the feed does not say. */
  version: string | null;
  title: string | null;
  description: string | null;
  /** The site the feed belongs to. */
  homeUrl: string | null;
  /** The feed's own address (self link), else the URL it was fetched from. */
  feedUrl: string | null;
  language: string | null;
  imageUrl: string | null;
  iconUrl: string | null;
  updatedAt: string | null;
  authors: ParsedAuthor[];
  categories: string[];
  /** WebSub hub. */
  hubUrl: string | null;
  ttlMinutes: number | null;
  items: ParsedItem[];
  warnings: FeedWarning[];
}

import type { FeedFieldLimits } from './field-limits.js';

export interface ParseFeedOptions {
  /** Where the body came from: the base for relative links, reported in errors. */
  url?: string;
  /** The HTTP Content-Type; its charset wins over the XML declaration. */
  contentType?: string;
  /** Refuse bodies larger than this (bytes); default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /** Keep at most this many items (the first ones, with a warning); default DEFAULT_MAX_ITEMS. */
  maxItems?: number;
  /**
   * The zone of dates written without one, when the feed shows no zone of its own in its other
   * dates: an IANA name ("Europe/Berlin", DST-aware) or an offset ("+02:00"); default UTC. Invalid
   * names throw a RangeError before the body is read.
   */
  timeZone?: string;
  /** Most characters internal DTD entities may add in total; default DEFAULT_MAX_ENTITY_EXPANSION. */
  maxEntityExpansion?: number;
  /** Entities may add at most this many times the feed's length; default DEFAULT_ENTITY_EXPANSION_FACTOR. */
  entityExpansionFactor?: number;
  /** Longest title, summary, content... each field may be; default DEFAULT_FIELD_LIMITS. */
  fieldLimits?: Partial<FeedFieldLimits>;
}
