// What a format mapper extracts, before normalization: strings as the feed wrote them (URLs already
// resolved against any xml:base), text tagged with how to read it.

/** 'text': plain; 'html': escaped HTML; 'auto': either (RSS titles), decided by looking. */
export interface RawText {
  value: string;
  kind: 'text' | 'html' | 'auto';
  /** The base URL in effect where the text was found (xml:base), for links inside HTML. */
  base: string | null;
}

export interface RawAuthor {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface RawEnclosure {
  url: string;
  type: string | null;
  length: string | null;
}

export interface RawItem {
  guid: string | null;
  url: string | null;
  title: RawText | null;
  summary: RawText | null;
  content: RawText | null;
  authors: RawAuthor[];
  published: string | null;
  updated: string | null;
  categories: string[];
  enclosures: RawEnclosure[];
  imageUrl: string | null;
  commentsUrl: string | null;
  /** slash:comments, thr:total or a replies link's thr:count, as written. */
  commentsCount: string | null;
  language: string | null;
  base: string | null;
}

export interface RawFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  version: string | null;
  title: RawText | null;
  description: RawText | null;
  homeUrl: string | null;
  feedUrl: string | null;
  hubUrl: string | null;
  language: string | null;
  imageUrl: string | null;
  iconUrl: string | null;
  updated: string | null;
  authors: RawAuthor[];
  categories: string[];
  ttl: string | null;
  base: string | null;
  items: RawItem[];
}
