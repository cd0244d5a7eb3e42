import type { Item, ItemInput } from '@newsfeed/db';
import {
  contentHash,
  detectLanguage,
  detectWire,
  type ParsedItem,
  simhash,
  tryCanonicalUrl,
} from '../deps/parser.js';
import type { FetchedArticle } from './full-text.js';
import { httpUrlOrNull } from './http-url.js';

/** A publication date later than this past the fetch is a clock or zone error, not the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/**
 * Never in the future: a date without a zone read as UTC while the publisher meant a zone east of
 * it lands hours ahead; such a date becomes the time we first saw the item.
 */
export function clampToNow(date: string | null, now: Date): string | null {
  if (!date) return null;
  const time = Date.parse(date);
  if (!Number.isFinite(time)) return null;
  return time > now.getTime() + FUTURE_TOLERANCE_MS ? now.toISOString() : date;
}

/** What signing derives from an item's text; reused from the stored row when the text is unchanged. */
export type TextFields = Pick<
  ItemInput,
  | 'canonicalUrl'
  | 'contentHtml'
  | 'contentText'
  | 'language'
  | 'imageUrl'
  | 'wire'
  | 'wordCount'
  | 'contentHash'
  | 'simhash'
>;

/** The text work of signing (language, signatures): run in a parse thread (ParsePool.deriveText). */
export function deriveTextFields(
  item: ParsedItem,
  article: FetchedArticle | null,
  feedLanguage: string | null,
): TextFields {
  const feedText = (item.contentText ?? '').trim();
  const articleText = article?.text?.trim() ?? '';
  const useArticle = articleText.length > feedText.length;
  const contentText = useArticle ? articleText : feedText || null;
  const contentHtml = useArticle ? article!.contentHtml : item.contentHtml;
  const signedText = contentText ?? item.summary ?? '';
  const hasText = signedText.trim() !== '';
  const basis = `${item.title ?? ''}\n${signedText}`;
  return {
    canonicalUrl: httpUrlOrNull(article?.canonicalUrl) ?? httpUrlOrNull(tryCanonicalUrl(item.url)),
    contentHtml: contentHtml ?? null,
    contentText,
    language: item.language ?? article?.language ?? feedLanguage ?? (hasText ? detectLanguage(basis) : null),
    imageUrl: httpUrlOrNull(item.imageUrl) ?? httpUrlOrNull(article?.leadImageUrl),
    wire: article?.wire ?? (hasText ? detectWire(signedText) : null),
    wordCount: wordCount(signedText),
    contentHash: hasText ? contentHash(signedText) : null,
    simhash: basis.trim() !== '' ? simhash(basis) : null,
  };
}

/**
 * Turns a parsed item (and its fetched article, if any) into the stored record: the longer text,
 * dates never in the future, and the signatures for de-duplication and clustering. Text fields
 * come from `stored` (a row still valid) or `derived` (a parse thread's) when given.
 */
export function signItem(
  item: ParsedItem,
  key: string,
  article: FetchedArticle | null,
  feedLanguage: string | null,
  now: Date,
  stored?: Item,
  derived?: TextFields,
): ItemInput {
  const text: TextFields = derived
    ? derived
    : stored
      ? {
          canonicalUrl: stored.canonicalUrl,
          contentHtml: stored.contentHtml,
          contentText: stored.contentText,
          language: stored.language,
          imageUrl: stored.imageUrl,
          wire: stored.wire,
          wordCount: stored.wordCount,
          contentHash: stored.contentHash,
          simhash: stored.simhash,
        }
      : deriveTextFields(item, article, feedLanguage);
  return {
    key,
    guid: item.guid,
    url: httpUrlOrNull(item.url),
    title: item.title?.trim() || article?.title?.trim() || item.url || '(untitled)',
    summary: item.summary,
    authors: item.authors ?? [],
    categories: item.categories ?? [],
    enclosures: (item.enclosures ?? []).filter((enclosure) => httpUrlOrNull(enclosure.url) !== null),
    publishedAt: clampToNow(item.publishedAt ?? article?.publishedAt ?? null, now),
    updatedAt: clampToNow(item.updatedAt, now),
    commentsUrl: httpUrlOrNull(item.commentsUrl),
    ...text,
  };
}
