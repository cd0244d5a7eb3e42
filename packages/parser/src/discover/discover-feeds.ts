import { Parser } from 'htmlparser2';
import { safeHttpUrl } from '../html/url-policy.js';
import type { DiscoveredFeed } from './types.js';

const FEED_TYPES: Record<string, DiscoveredFeed['type']> = {
  'application/rss+xml': 'rss',
  'application/rdf+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
  'application/x-rss+xml': 'rss',
  'text/xml': 'unknown',
  'application/xml': 'unknown',
};

/** Paths where sites commonly serve a feed without advertising it; offered as `source: 'guess'`. */
export const COMMON_FEED_PATHS: readonly string[] = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/atom.xml',
  '/feed.xml',
  '/index.xml',
  '/feed.json',
];

function guessType(path: string): DiscoveredFeed['type'] {
  if (/atom/i.test(path)) return 'atom';
  if (/json/i.test(path)) return 'json';
  return /rss|feed/i.test(path) ? 'rss' : 'unknown';
}

/**
 * The feeds a web page advertises (`<link rel="alternate">`, in page order, no duplicates), then
 * common feed paths of the same site as guesses to try. With `pageUrl` '' (unknown), relative
 * links and guesses are left out.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const links: { href: string; title: string | null; type: DiscoveredFeed['type'] }[] = [];
  // Without a usable page URL only absolute links (or ones under an absolute <base>) are reported.
  let base: string | undefined = URL.canParse(pageUrl) ? pageUrl : undefined;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (tag === 'base' && attributes.href) {
          try {
            base = new URL(attributes.href, base).href;
          } catch {
            // An unusable <base> leaves the page URL as the base.
          }
        }
        if (tag !== 'link' && tag !== 'a') return;
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const type = FEED_TYPES[(attributes.type ?? '').toLowerCase().split(';')[0]!.trim()];
        if (!rel.includes('alternate') || !type || !attributes.href?.trim()) return;
        if (
          type === 'json' &&
          !/feed/i.test(`${attributes.type} ${attributes.href} ${attributes.title ?? ''}`)
        )
          return;
        links.push({ href: attributes.href.trim(), title: attributes.title?.trim() || null, type });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const found = new Map<string, DiscoveredFeed>();
  for (const link of links) {
    const url = safeHttpUrl(link.href, base);
    if (!url || found.has(url)) continue;
    found.set(url, {
      url,
      title: link.title,
      type: link.type === 'unknown' ? guessType(url) : link.type,
      source: 'link',
    });
  }
  let origin: string | null = null;
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    origin = null;
  }
  if (origin && origin !== 'null') {
    for (const path of COMMON_FEED_PATHS) {
      const url = `${origin}${path}`;
      if (!found.has(url)) found.set(url, { url, title: null, type: guessType(path), source: 'guess' });
    }
  }
  return [...found.values()];
}
