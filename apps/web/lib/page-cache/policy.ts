import { userAgentFromString } from 'next/server';

// Which requests may be answered from the rendered-page cache, and under which key. Only what is
// the same for every anonymous reader: the public pages, fetched with GET by a plain page load.
// Everything else renders for itself, as before.

/**
 * The public pages (lists of stories, search, a story, the sources) and the feeds out, which feed
 * readers poll. Admin and API are not here.
 */
export const SHARED_PAGE_PATHS: readonly RegExp[] = [
  /^\/$/,
  /^\/search$/,
  /^\/story\/[^/]+$/,
  /^\/sources$/,
  /^\/sources\/[^/]+$/,
  /^\/(?:feed\.xml|atom\.xml|feed\.json)$/,
];

// Requests Next.js answers with something other than the page's HTML (RSC payloads for client
// navigation and prefetches, server actions), so they would need keys of their own: not cached.
const NEXT_ROUTER_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-router-state-tree',
  'next-action',
  'next-url',
];

/** The request headers a page's HTML may depend on; the render of a miss gets exactly these. */
export const RENDER_HEADERS = ['host', 'x-forwarded-host', 'x-forwarded-proto', 'user-agent'] as const;

/** Distinct User-Agent strings whose bot-or-browser answer is remembered (oldest dropped first). */
export const REMEMBERED_USER_AGENTS = 1_000;

// Parsing a User-Agent (ua-parser) cost more than the rest of a cached page's key: it runs once per
// string, and readers send few distinct ones.
const readerByUserAgent = new Map<string, 'bot' | 'browser'>();

/** Whether Next.js treats the sender of `userAgent` as a bot (metadata in <head>) or a browser. */
function readerKind(userAgent: string | null): 'bot' | 'browser' {
  // userAgentFromString(undefined) is never a bot.
  if (userAgent === null) return 'browser';
  let kind = readerByUserAgent.get(userAgent);
  if (kind === undefined) {
    kind = userAgentFromString(userAgent).isBot ? 'bot' : 'browser';
    if (readerByUserAgent.size >= REMEMBERED_USER_AGENTS)
      readerByUserAgent.delete(readerByUserAgent.keys().next().value as string);
    readerByUserAgent.set(userAgent, kind);
  }
  return kind;
}

/** The header reads a key needs: a fetch Headers, or node:http's headers seen the same way (answer.ts). */
export interface HeaderLookup {
  get(name: string): string | null;
  has(name: string): boolean;
}

export interface PageRequest {
  method: string;
  url: string;
  headers: HeaderLookup;
}

/**
 * The cache key of a request that may share a rendered page, or null when it must render for itself:
 * not a GET of a public page, or a request that identifies someone (any cookie, Authorization),
 * or one of Next.js's own RSC requests.
 */
export function sharedPageKey(request: PageRequest): string | null {
  if (request.method !== 'GET') return null;
  const { headers } = request;
  if (headers.has('cookie') || headers.has('authorization')) return null;
  if (NEXT_ROUTER_HEADERS.some((name) => headers.has(name))) return null;
  const url = new URL(request.url);
  if (url.searchParams.has('_rsc')) return null;
  if (!SHARED_PAGE_PATHS.some((path) => path.test(url.pathname))) return null;
  // The host and protocol go into the page (links in metadata when WEB_PUBLIC_URL is unset); bots
  // get the metadata in <head> rather than streamed (Next.js decides by User-Agent).
  const origin = [headers.get('x-forwarded-proto'), headers.get('x-forwarded-host'), headers.get('host')];
  return JSON.stringify([readerKind(headers.get('user-agent')), ...origin, url.pathname, url.search]);
}
