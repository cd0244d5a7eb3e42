import { type Article, isTruncatedText, type ParsedItem } from '../deps/parser.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { ParsePool } from '../isolate/parse-pool.js';
import type { Logger } from '../observe/logger.js';

/** Default of WORKER_FULL_TEXT_CACHE_MB, in bytes. */
export const DEFAULT_FULL_TEXT_CACHE_BYTES = 32 * 1024 * 1024;

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

/**
 * A least-recently-used map bounded by entry count and by total weight (Map keeps insertion
 * order, so re-inserting marks as recent). The weight bound is what keeps memory flat: pages
 * differ a hundredfold in size, so a count alone bounds nothing.
 */
class LruCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private totalWeight = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxWeight: number,
  ) {}
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  set(key: string, value: V, weight = 0): void {
    this.delete(key);
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (
      this.entries.size > this.capacity ||
      (this.totalWeight > this.maxWeight && this.entries.size > 1)
    ) {
      this.delete(this.entries.keys().next().value!);
    }
  }
  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.totalWeight -= entry.weight;
    this.entries.delete(key);
  }
}

/** What the pipeline reads of an article (`signItem`); the rest (paragraphs, removed lines...) is not kept. */
export type FetchedArticle = Pick<
  Article,
  'title' | 'canonicalUrl' | 'publishedAt' | 'language' | 'leadImageUrl' | 'contentHtml' | 'text' | 'wire'
>;

export function keptFields(article: Article): FetchedArticle {
  const { title, canonicalUrl, publishedAt, language, leadImageUrl, contentHtml, text, wire } = article;
  return { title, canonicalUrl, publishedAt, language, leadImageUrl, contentHtml, text, wire };
}

/** Approximate bytes a cached entry holds: UTF-16 strings plus a fixed overhead per entry. */
function weightOf(article: FetchedArticle | null): number {
  const ENTRY_OVERHEAD = 512;
  return ENTRY_OVERHEAD + (article ? 2 * (article.text.length + article.contentHtml.length) : 0);
}

export interface FullTextResult {
  article: FetchedArticle | null;
  fetched: boolean;
  error: string | null;
}

/**
 * Fetches article pages for truncated items through the guarded, polite client, remembering each
 * URL's outcome (failures too) so a page is fetched once however many feeds carry it; concurrent
 * requests share one fetch. Only the fields the pipeline reads are kept, bounded by bytes.
 */
export class FullTextFetcher {
  private readonly cache: LruCache<Promise<FetchedArticle | null>>;
  constructor(
    private readonly http: HttpClient,
    /** Where pages are extracted: threads that may die of a hostile page instead of the worker. */
    private readonly parsers: ParsePool,
    capacity: number,
    private readonly logger: Logger,
    maxBytes = DEFAULT_FULL_TEXT_CACHE_BYTES,
  ) {
    this.cache = new LruCache(capacity, maxBytes);
  }

  /** Whether `url`'s outcome is remembered: fetching it again costs no request. */
  has(url: string): boolean {
    return this.cache.has(url);
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
    // Weighed once settled; skipped if evicted (or replaced) meanwhile.
    if (this.cache.has(url)) this.cache.set(url, Promise.resolve(article), weightOf(article));
    return { article, fetched: true, error };
  }

  private async load(url: string, signal?: AbortSignal): Promise<FetchedArticle | null> {
    const response = await this.http.fetch({
      url,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      ...(signal ? { signal } : {}),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status} for article page ${url}`);
    return this.parsers.extractArticle(response);
  }
}
