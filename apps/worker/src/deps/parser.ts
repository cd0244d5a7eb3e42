// The parts of @newsfeed/parser the worker uses, in one place. Other engineers are landing these
// functions while the worker is written; until then the calls are typed from the contract
// and looked up at run time.
import * as parser from '@newsfeed/parser';

export interface ParsedAuthor {
  name?: string;
  email?: string;
  url?: string;
}

export interface ParsedItem {
  guid: string | null;
  url: string | null;
  title: string | null;
  summary: string | null;
  contentHtml: string | null;
  contentText: string | null;
  authors: ParsedAuthor[];
  publishedAt: string | null;
  updatedAt: string | null;
  categories: string[];
  enclosures: Array<{ url: string; type?: string; length?: number }>;
  imageUrl: string | null;
  commentsUrl: string | null;
  language: string | null;
  key: string;
}

export interface ParsedFeed {
  format: string;
  title: string | null;
  description: string | null;
  homeUrl: string | null;
  feedUrl: string | null;
  language: string | null;
  imageUrl: string | null;
  iconUrl: string | null;
  ttlMinutes: number | null;
  items: ParsedItem[];
  warnings: Array<{ code: string; message: string }>;
}

export interface DiscoveredFeed {
  url: string;
  title?: string | null;
  type?: string | null;
}

export interface OpmlOutline {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  folder: string | null;
}

interface ParserApi {
  parseFeed(body: string | Uint8Array, options?: { url?: string; contentType?: string }): Promise<ParsedFeed>;
  discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[];
  parseOpml(text: string): unknown;
  buildOpml(doc: unknown): string;
  flattenOpml(doc: unknown): OpmlOutline[];
  FeedParseError: new (...args: never[]) => Error & { code: string; discovered?: DiscoveredFeed[] };
}

export class ParserUnavailableError extends Error {
  readonly code = 'PARSER_UNAVAILABLE';
  constructor(name: string) {
    super(
      `@newsfeed/parser does not export ${name}; rebuild it (pnpm turbo run build --filter=@newsfeed/parser)`,
    );
    this.name = 'ParserUnavailableError';
  }
}

const api = parser as unknown as Partial<ParserApi>;

function need<K extends keyof ParserApi>(name: K): ParserApi[K] {
  const value = api[name];
  if (value === undefined) throw new ParserUnavailableError(name);
  return value as ParserApi[K];
}

export const parseFeed: ParserApi['parseFeed'] = (body, options) => need('parseFeed')(body, options);
export const discoverFeeds: ParserApi['discoverFeeds'] = (html, pageUrl) =>
  need('discoverFeeds')(html, pageUrl);
export const parseOpml: ParserApi['parseOpml'] = (text) => need('parseOpml')(text);
export const buildOpml: ParserApi['buildOpml'] = (doc) => need('buildOpml')(doc);
export const flattenOpml: ParserApi['flattenOpml'] = (doc) => need('flattenOpml')(doc);

/** The parser's error for a body that is not a feed, with the feeds an HTML page advertises. */
export function asFeedParseError(
  error: unknown,
): (Error & { code: string; discovered?: DiscoveredFeed[] }) | null {
  const FeedParseError = api.FeedParseError;
  if (FeedParseError && error instanceof FeedParseError) return error;
  if (error instanceof Error && error.name === 'FeedParseError') return error as Error & { code: string };
  return null;
}

export { canonicalUrl, tryCanonicalUrl, urlIdentity } from '@newsfeed/parser/url';
export {
  type Article,
  contentHash,
  detectLanguage,
  detectWire,
  extractArticle,
  isTruncatedText,
  similarity,
  simhash,
  simhashDistance,
} from '@newsfeed/parser';
