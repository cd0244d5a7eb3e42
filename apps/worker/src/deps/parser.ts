// The parts of @newsfeed/parser the worker uses, in one place. OPML reading and writing is being
// landed while the worker is written; until it is exported those calls are typed from the issue's
// contract and looked up at run time.
import * as parser from '@newsfeed/parser';

export interface OpmlOutline {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  folder: string | null;
}

interface OpmlApi {
  parseOpml(text: string): unknown;
  buildOpml(doc: unknown): string;
  flattenOpml(doc: unknown): OpmlOutline[];
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

const opml = parser as unknown as Partial<OpmlApi>;

function need<K extends keyof OpmlApi>(name: K): OpmlApi[K] {
  const value = opml[name];
  if (value === undefined) throw new ParserUnavailableError(name);
  return value as OpmlApi[K];
}

export const parseOpml: OpmlApi['parseOpml'] = (text) => need('parseOpml')(text);
export const buildOpml: OpmlApi['buildOpml'] = (doc) => need('buildOpml')(doc);
export const flattenOpml: OpmlApi['flattenOpml'] = (doc) => need('flattenOpml')(doc);

export {
  type Article,
  contentHash,
  type DiscoveredFeed,
  detectLanguage,
  detectWire,
  discoverFeeds,
  extractArticle,
  FeedParseError,
  isTruncatedText,
  type ParsedFeed,
  type ParsedItem,
  parseFeed,
  similarity,
  simhash,
  simhashDistance,
} from '@newsfeed/parser';
export { canonicalUrl, tryCanonicalUrl, urlIdentity } from '@newsfeed/parser/url';
