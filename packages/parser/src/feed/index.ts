export { FeedParseError, type FeedParseErrorCode } from '../errors/feed-parse-error.js';
export {
  DEFAULT_FIELD_LIMITS,
  DEFAULT_MAX_CONTENT_CHARS,
  DEFAULT_MAX_LIST_ENTRIES,
  DEFAULT_MAX_SHORT_TEXT_CHARS,
  DEFAULT_MAX_SUMMARY_CHARS,
  DEFAULT_MAX_TITLE_CHARS,
  type FeedFieldLimits,
} from './field-limits.js';
export { type ItemIdentity, type ItemKeyRule, itemKey } from './item-key.js';
export {
  DEFAULT_ENTITY_EXPANSION_FACTOR,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ENTITY_EXPANSION,
  DEFAULT_MAX_ITEMS,
  FUTURE_DATE_TOLERANCE_MS,
  MAX_ENTITY_DECLARATIONS,
  MAX_XML_DEPTH,
} from './limits.js';
export { parseFeed } from './parse-feed.js';
export type {
  FeedFormat,
  FeedWarning,
  ParsedAuthor,
  ParsedEnclosure,
  ParsedFeed,
  ParsedItem,
  ParseFeedOptions,
} from './types.js';
