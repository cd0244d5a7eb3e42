export { FeedParseError, type FeedParseErrorCode } from './feed-parse-error.js';
export { OpmlParseError } from './opml-parse-error.js';
