import type { HttpClient } from '../fetch/http-client.js';
import { type Article, extractArticle, isTruncatedText, type ParsedItem } from '../deps/parser.js';
import type { Logger } from '../observe/logger.js';

/** Fewer words than this and the feed only teases the article. */
const SHORT_CONTENT_WORDS = 60;

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** Whether an item's own content is missing or a teaser, so its page is worth fetching. */
export function needsFullText(item: ParsedItem): boolean {
  if (!item.url) return false;
  const text = (item.contentText ?? item.summary ?? '').trim();
  if (text === '') return true;
  if (isTruncatedText(text)) return true;
  return countWords(text) < SHORT_CONTENT_WORDS;
}

/** A small least-recently-used map: Map keeps insertion order, so re-inserting marks as recent. */
class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface FullTextResult {
  article: Article | null;
  fetched: boolean;
  error: string | null;
}

/**
 * Fetches article pages for truncated items through the same guarded, polite client, and
 * remembers each URL's outcome (a failure too) so a page is fetched once, however many feeds or
 * polls carry it. Concurrent requests for one URL share one fetch.
 */
export class FullTextFetcher {
  private readonly cache: LruCache<Promise<Article | null>>;
  constructor(
    private readonly http: HttpClient,
    capacity: number,
    private readonly logger: Logger,
  ) {
    this.cache = new LruCache(capacity);
  }

  async fetch(url: string, signal?: AbortSignal): Promise<FullTextResult> {
    const cached = this.cache.get(url);
    if (cached) return { article: await cached, fetched: false, error: null };
    let error: string | null = null;
    const pending = this.load(url, signal).catch((cause: unknown) => {
      error = cause instanceof Error ? cause.message : String(cause);
      this.logger.warn({ url, err: error }, 'full text fetch failed');
      return null;
    });
    this.cache.set(url, pending);
    const article = await pending;
    return { article, fetched: true, error };
  }

  private async load(url: string, signal?: AbortSignal): Promise<Article | null> {
    const response = await this.http.fetch({
      url,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status} for article page ${url}`);
    const contentType = response.headers['content-type'];
    return extractArticle(response.body, { url: response.url, ...(contentType ? { contentType } : {}) });
  }
}
