export { FeedParseError, type FeedParseErrorCode } from '../errors/feed-parse-error.js';
export { type ItemIdentity, type ItemKeyRule, itemKey } from './item-key.js';
export {
  DEFAULT_MAX_BYTES,
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
