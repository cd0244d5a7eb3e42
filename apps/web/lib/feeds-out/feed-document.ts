// One format-neutral description of an outgoing feed; rss.ts, atom.ts and json-feed.ts each
// serialize it, so the three formats always carry the same entries.

/** Another outlet's version of the entry's story. */
export interface CoverageOutlet {
  name: string;
  title: string;
  url: string | null;
  publishedAt: string;
}

/** Who covers the entry's story: its distinct sources and up to three other outlets by name. */
export interface Coverage {
  /** The story's page on this site, listing every version. */
  storyUrl: string;
  sourceCount: number;
  outlets: CoverageOutlet[];
}

export interface FeedEntry {
  /** Stable, unique, never reused: the permalink of the story or item on this site. */
  id: string;
  /** Where a reader goes: the original article. */
  url: string;
  title: string;
  summary: string | null;
  /** Already sanitized HTML. */
  contentHtml: string | null;
  publishedAt: string;
  updatedAt: string | null;
  authors: string[];
  categories: string[];
  imageUrl: string | null;
  /** The outlet, e.g. "The Harbour Herald". */
  sourceName: string | null;
  sourceUrl: string | null;
  /** Story entries (top stories, search hits): the story's other outlets; null for one source's items. */
  coverage: Coverage | null;
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The HTML page this feed mirrors. */
  homeUrl: string;
  /** This feed's own URL, per format (each format links to itself and its siblings). */
  links: { rss: string; atom: string; json: string };
  language: string | null;
  updatedAt: string;
  entries: FeedEntry[];
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for XML and drops the characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}
