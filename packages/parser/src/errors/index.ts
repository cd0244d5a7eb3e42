export { FeedParseError, type FeedParseErrorCode } from './feed-parse-error.js';
export { MissingPeerDependencyError } from './missing-peer-error.js';
export { OpmlParseError } from './opml-parse-error.js';
