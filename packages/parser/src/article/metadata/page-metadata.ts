import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { collapseWhitespace } from '../../html/html-to-text.js';
import { httpUrlOrReason, safeHttpUrl } from '../../html/url-policy.js';
import { tryCanonicalUrl } from '../../url/canonical-url.js';
import { firstText, textOf } from '../page-walk.js';
import type { Article, ArticleWarning } from '../types.js';
import { dateFromUrl, parseDateline, toIsoUtc } from './dates.js';
import { readJsonLd } from './json-ld.js';

/** Runs a selector over the part of the page that metadata is read from. */
export type Finder = (selector: string) => Cheerio<Element>;

/** A Finder over the whole document. */
export const documentFinder =
  ($: CheerioAPI): Finder =>
  (selector) =>
    $<Element, string>(selector);

/** A Finder over <head> only: cheap on pages whose body is pathological. */
export const headFinder =
  ($: CheerioAPI): Finder =>
  (selector) =>
    $('head').find<Element>(selector);

/**
 * A URL the page declares, canonical and absolute http(s) (the URL policy), or null; a value the
 * policy refuses (javascript:, data:, over-long) is recorded as a URL_DROPPED warning.
 */
function declaredWebUrl(
  value: string | null | undefined,
  base: string,
  what: string,
  warnings: ArticleWarning[],
): string | null {
  if (!value?.trim()) return null;
  const result = httpUrlOrReason(value, /^https?:/i.test(base) ? base : undefined);
  if (typeof result === 'string') return tryCanonicalUrl(result);
  warnings.push({
    code: 'URL_DROPPED',
    message: `${what} ${JSON.stringify(value.trim().slice(0, 80))} dropped: ${result.reason}`,
  });
  return null;
}

/** Everything about an article that the page says outside its body text. */
export type PageMetadata = Pick<
  Article,
  | 'canonicalUrl'
  | 'title'
  | 'byline'
  | 'siteName'
  | 'publishedAt'
  | 'updatedAt'
  | 'language'
  | 'excerpt'
  | 'leadImageUrl'
> & {
  /** The page's JSON-LD declares an article (see ARTICLE_TYPES). */
  declaresArticle: boolean;
  /** og:type, lower-cased ("article", "website"), when present. */
  ogType: string | null;
  /** The JSON-LD articleBody, when the page declares one. */
  declaredBody: string | null;
  warnings: ArticleWarning[];
};

/** Meta names that carry the publication date, most trusted first. */
export const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'publishdate',
  'pubdate',
  'publish-date',
  'article.published',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'date',
  'cxenseparse:recs:publishtime',
] as const;
export const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'datemodified',
  'dcterms.modified',
  'last-modified',
] as const;
/** Where pages print their dateline, for the last-resort visible-date search. */
const DATELINE_SELECTOR =
  '[class*="date" i], [class*="time" i], [class*="posted" i], [class*="published" i], [class*="byline" i], [id*="date" i]';
const BYLINE_SELECTOR = '[rel="author"], [itemprop="author"], [class*="byline" i], [class*="author-name" i]';

function metaMap(find: Finder): Map<string, string> {
  const map = new Map<string, string>();
  find('meta').each((_, element) => {
    const { attribs } = element;
    const value = attribs.content?.trim();
    if (!value) return;
    // One tag can speak for several vocabularies: property="article:published" itemprop="datePublished dateCreated".
    const keys = [
      attribs.property,
      attribs.name,
      attribs['http-equiv'],
      ...(attribs.itemprop ?? '').split(/\s+/),
    ];
    for (const key of keys) {
      const normalized = key?.trim().toLowerCase();
      if (normalized && !map.has(normalized)) map.set(normalized, value);
    }
  });
  return map;
}

const first = (map: Map<string, string>, keys: readonly string[]) => {
  for (const key of keys) {
    const value = map.get(key);
    if (value) return value;
  }
  return null;
};

/** "en-US", "en_GB", "EN" -> "en"; anything that is not a language tag -> null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const match = tag?.trim().match(/^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i);
  return match ? match[1]!.toLowerCase() : null;
}

/** "By Jane Doe and John Roe | Staff" -> "Jane Doe and John Roe". */
export function cleanByline(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = collapseWhitespace(value)
    .replace(/^(?:by|von|par|por|di|door)\s+/i, '')
    .replace(/\s*[|,]\s*(?:staff writer|staff|reporter|correspondent)\b.*$/i, '')
    .trim();
  if (!text || text.length > 120 || /^https?:/i.test(text)) return null;
  return text;
}

function firstTimeElement(find: Finder): string | null {
  const scoped = find('article time[datetime], main time[datetime], [itemprop="datePublished"]').first();
  const element = scoped.length ? scoped : find('time[datetime]').first();
  if (!element.length) return null;
  return toIsoUtc(element.attr('datetime') ?? element.attr('content')) ?? parseDateline(firstText(element));
}

function visibleDateline(find: Finder): string | null {
  let found: string | null = null;
  find(DATELINE_SELECTOR).each((_, element) => {
    const text = collapseWhitespace(textOf(element));
    if (text.length > 200) return undefined;
    found = parseDateline(text);
    return found ? false : undefined;
  });
  return found;
}

function titleFromDocument(find: Finder, siteName: string | null): string | null {
  const h1 = firstText(find('h1'));
  const raw = collapseWhitespace(firstText(find('title')));
  if (!raw) return collapseWhitespace(h1) || null;
  // "Headline | Site" / "Headline - Site": keep the headline when the h1 or the site name agrees.
  const parts = raw.split(/\s+[|–—-]\s+|\s+::\s+/);
  if (parts.length > 1) {
    const headline = parts.reduce((longest, part) => (part.length > longest.length ? part : longest), '');
    if (headline.length >= 15 || (siteName && parts.some((part) => part.trim() === siteName)))
      return headline.trim();
  }
  return raw;
}

/**
 * Reads the page's own statements about its article, trusting JSON-LD first, then Open Graph /
 * article / twitter meta tags, then <time>, then the URL's date, then a visible dateline. `find`
 * scopes the search (extractArticle limits it to <head> on pathological pages).
 */
export function readPageMetadata($: CheerioAPI, url: string, find: Finder = documentFinder($)): PageMetadata {
  const warnings: ArticleWarning[] = [];
  const { article: ld, invalidBlocks } = readJsonLd(find);
  if (invalidBlocks > 0) {
    warnings.push({
      code: 'JSONLD_INVALID',
      message: `${invalidBlocks} JSON-LD block(s) are not valid JSON and were ignored`,
    });
  }
  const meta = metaMap(find);
  const siteName =
    first(meta, ['og:site_name', 'application-name', 'twitter:app:name:iphone']) ?? ld?.publisher ?? null;

  const publishedAt =
    toIsoUtc(ld?.datePublished) ??
    toIsoUtc(first(meta, PUBLISHED_META)) ??
    firstTimeElement(find) ??
    dateFromUrl(url) ??
    visibleDateline(find);
  const updatedAt = toIsoUtc(ld?.dateModified) ?? toIsoUtc(first(meta, MODIFIED_META));

  const declaredCanonical =
    find('link[rel~="canonical" i]').first().attr('href') ?? meta.get('og:url') ?? null;
  let canonical = declaredWebUrl(declaredCanonical, url, 'Canonical URL', warnings);
  // Some sites point every page's canonical at their home page: that is not this article.
  if (
    canonical &&
    new URL(canonical).pathname === '/' &&
    tryCanonicalUrl(url) &&
    new URL(url).pathname !== '/'
  )
    canonical = null;

  const authorMeta = first(meta, [
    'author',
    'article:author',
    'parsely-author',
    'sailthru.author',
    'dc.creator',
    'twitter:creator',
  ]);
  const bylineText = firstText(find(BYLINE_SELECTOR));
  const byline =
    cleanByline(ld?.authors.length ? ld.authors.join(', ') : null) ??
    cleanByline(authorMeta) ??
    cleanByline(bylineText);

  // The first declared image the URL policy accepts.
  const imageCandidates = [
    first(meta, ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']),
    ld?.image,
    find('link[rel="image_src"]').attr('href'),
  ];
  let leadImageUrl: string | null = null;
  for (const candidate of imageCandidates) {
    leadImageUrl ??= declaredWebUrl(candidate, url, 'Lead image', warnings);
  }

  return {
    canonicalUrl: canonical ?? tryCanonicalUrl(safeHttpUrl(url)),
    title:
      collapseWhitespace(ld?.headline ?? first(meta, ['og:title', 'twitter:title']) ?? '') ||
      titleFromDocument(find, siteName),
    byline,
    siteName,
    publishedAt,
    updatedAt,
    language:
      primaryLanguage($.root().children('html').attr('lang')) ??
      primaryLanguage(meta.get('og:locale')) ??
      primaryLanguage(meta.get('content-language')) ??
      primaryLanguage(ld?.language),
    excerpt:
      collapseWhitespace(
        first(meta, ['description', 'og:description', 'twitter:description']) ?? ld?.description ?? '',
      ) || null,
    leadImageUrl,
    declaresArticle: ld !== null,
    ogType: meta.get('og:type')?.toLowerCase() ?? null,
    declaredBody: ld?.articleBody ?? null,
    warnings,
  };
}
