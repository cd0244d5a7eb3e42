import { textOf } from '../page-walk.js';
import type { Finder } from './page-metadata.js';

/** What the page's JSON-LD says about its article, as found (not yet normalized). */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisher: string | null;
  image: string | null;
  language: string | null;
  description: string | null;
  url: string | null;
  /** The story's text as the publisher declares it (schema.org articleBody). */
  articleBody: string | null;
}

/** schema.org types that describe an article page, most specific first in trust. */
export const ARTICLE_TYPES = [
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'BackgroundNewsArticle',
  'AskPublicNewsArticle',
  'Article',
  'BlogPosting',
  'LiveBlogPosting',
  'SocialMediaPosting',
  'TechArticle',
  'ScholarlyArticle',
  'Report',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function types(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.replace(/^.*[/#:]/, ''));
}

/** Every object in a JSON-LD value: arrays, @graph, and objects nested as mainEntity. */
function collectNodes(value: Json | undefined, into: JsonObject[], depth = 0): void {
  if (depth > 6 || value === undefined) return;
  if (Array.isArray(value)) for (const item of value) collectNodes(item, into, depth + 1);
  else if (isObject(value)) {
    into.push(value);
    collectNodes(value['@graph'], into, depth + 1);
    collectNodes(value.mainEntity, into, depth + 1);
    collectNodes(value.mainEntityOfPage, into, depth + 1);
  }
}

function text(value: Json | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isObject(value)) return text(value.name ?? value['@value'] ?? value.url ?? value['@id']);
  return null;
}

function names(value: Json | undefined): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .map((item) => (isObject(item) ? text(item.name) : text(item)))
    .filter((name): name is string => !!name);
}

function imageUrl(value: Json | undefined): string | null {
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (isObject(value)) return text(value.url ?? value.contentUrl ?? value['@id']);
  return text(value);
}

/** Parses one <script type="application/ld+json"> body, tolerating CDATA wrappers and stray commas. */
function parseBlock(source: string): Json | undefined {
  const cleaned = source
    .replace(/^\s*(?:<!\[CDATA\[|\/\/\s*<!\[CDATA\[)|(?:\]\]>|\/\/\s*\]\]>)\s*$/g, '')
    .trim();
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      // Hand-written JSON-LD often has trailing commas or raw newlines inside strings.
      return JSON.parse(cleaned.replace(/,\s*([}\]])/g, '$1').replace(/[\n\r\t]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

/**
 * The article described by the page's JSON-LD: the first node whose @type is an article type (in
 * ARTICLE_TYPES order), searching arrays, @graph and mainEntity. `invalidBlocks` counts the
 * blocks that were not JSON at all.
 */
export function readJsonLd(find: Finder): { article: JsonLdArticle | null; invalidBlocks: number } {
  const nodes: JsonObject[] = [];
  let invalidBlocks = 0;
  find('script[type="application/ld+json" i]').each((_, element) => {
    const parsed = parseBlock(textOf(element));
    if (parsed === undefined) invalidBlocks++;
    else collectNodes(parsed, nodes);
  });
  let best: JsonObject | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const node of nodes) {
    for (const type of types(node)) {
      const rank = (ARTICLE_TYPES as readonly string[]).indexOf(type);
      if (rank >= 0 && rank < bestRank) {
        best = node;
        bestRank = rank;
      }
    }
  }
  if (!best) return { article: null, invalidBlocks };
  const publisher = best.publisher ?? best.sourceOrganization;
  return {
    invalidBlocks,
    article: {
      headline: text(best.headline ?? best.name),
      datePublished: text(best.datePublished ?? best.dateCreated),
      dateModified: text(best.dateModified),
      authors: names(best.author ?? best.creator),
      publisher: Array.isArray(publisher)
        ? (names(publisher)[0] ?? null)
        : isObject(publisher)
          ? text(publisher.name)
          : text(publisher),
      image: imageUrl(best.image ?? best.thumbnailUrl),
      language: text(best.inLanguage),
      description: text(best.description),
      url: text(best.url),
      articleBody: text(best.articleBody),
    },
  };
}
