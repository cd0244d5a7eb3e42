export { FeedParseError, type FeedParseErrorCode } from './feed-parse-error.js';
