import type { DiscoveredFeed } from '../discover/types.js';

/** Why a body could not be read as a feed at all (a feed with problems parses, with warnings). */
export type FeedParseErrorCode =
  /** An HTML page, an unknown XML vocabulary, JSON that is not a JSON Feed. */
  | 'NOT_A_FEED'
  /** Nothing but whitespace. */
  | 'EMPTY'
  /** Larger than `maxBytes`. */
  | 'TOO_LARGE'
  /** Looks like JSON but does not parse. */
  | 'INVALID_JSON'
  /** XML so broken that even the tolerant parser recovers nothing. */
  | 'MALFORMED_XML'
  /** Entity expansion bombs, external entities, nesting deeper than MAX_XML_DEPTH. */
  | 'UNSAFE_XML';

/** Thrown by parseFeed for input that is not a feed; `discovered` lists feeds an HTML page links to. */
export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;
  readonly discovered: DiscoveredFeed[];

  constructor(
    code: FeedParseErrorCode,
    message: string,
    options: { cause?: unknown; discovered?: DiscoveredFeed[]; url?: string } = {},
  ) {
    super(options.url ? `${message} (${options.url})` : message, { cause: options.cause });
    this.name = 'FeedParseError';
    this.code = code;
    this.discovered = options.discovered ?? [];
  }
}
