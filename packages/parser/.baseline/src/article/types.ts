// The one clean record an article page or a scraped text becomes. Absent values are null or [],
// never undefined, so the JSON output is stable.

export interface ArticleWarning {
  code: string;
  message: string;
}

export interface Article {
  /** The address the article was read from. */
  url: string | null;
  /** From <link rel=canonical> / og:url, else `url`, through canonicalUrl. */
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO 8601 UTC. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** BCP 47 primary tag ("en", "de"): declared, else detected from the text. */
  language: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
  /** Sanitized HTML of the article body. */
  contentHtml: string;
  /** Plain text: one paragraph per block, a blank line between paragraphs. */
  text: string;
  paragraphs: string[];
  wordCount: number;
  readingTimeMinutes: number;
  /** The news agency the text credits ("AFP", "AP", "Reuters"...), or null. */
  wire: string | null;
  /** The text ends in an ellipsis or a "continue reading" stub. */
  truncated: boolean;
  /** Boilerplate lines dropped, in order, for transparency. */
  removed: string[];
  /** Exact signature: hex SHA-256 of the normalized text. */
  contentHash: string;
  /** 64-bit simhash of the text as 16 hex digits: near-identical texts are a few bits apart. */
  simhash: string;
  warnings: ArticleWarning[];
}
