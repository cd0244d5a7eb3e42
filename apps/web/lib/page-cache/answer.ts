import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import { webConfig } from '../env';
import { screenRequest } from '../request-screen';
import { createNonce } from '../security-headers';
import type { SecondRequestAdmission } from './admission';
import type { PageCache } from './cache';
import { keptPageEncoding } from './encoding';
import { type HeaderLookup, type PageRequest, sharedPageKey } from './policy';
import { RENDER_MARKER_HEADER, withNonce } from './render';

// A kept page answered with node:http alone, before Next.js sees the request (server.mjs calls this
// first). Next.js's per-request work (request adapters, router, proxy) costs more than handing out
// the copy itself, so a page the cache holds and need not render now is served here, under the
// same rules proxy.ts applies: anything else, a miss, a page due for renewal, a request the screen
// refuses or the sign-in gate must see, goes on to Next.js unchanged.

/**
 * node:http's request headers as Next.js's proxy sees them: repeated values joined, and the
 * x-forwarded-* values Next.js fills in when a request has none (this server speaks plain HTTP).
 */
function proxyView(req: IncomingMessage, host: string): HeaderLookup {
  const filled: Record<string, string> = { 'x-forwarded-host': host, 'x-forwarded-proto': 'http' };
  const get = (name: string): string | null => {
    const value = req.headers[name];
    if (value === undefined) return filled[name] ?? null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { get, has: (name) => get(name) !== null };
}

/** The request as proxy.ts would get it, or null for one whose URL Next.js would rewrite first. */
function pageRequest(req: IncomingMessage): PageRequest | null {
  const { url, headers } = req;
  // Next.js folds leading slashes and reads absolute-form targets itself; those are left to it.
  if (url === undefined || !url.startsWith('/') || url.startsWith('//')) return null;
  const host = headers.host;
  if (host === undefined) return null;
  return { method: req.method ?? 'GET', url: `http://${host}${url}`, headers: proxyView(req, host) };
}

export interface KeptPages {
  pages: PageCache;
  admission: SecondRequestAdmission;
}

/** Sends a kept page for this request and returns true, or returns false and leaves it to Next.js. */
export function answerKeptPage(req: IncomingMessage, res: ServerResponse, kept: KeptPages): boolean {
  const config = webConfig();
  if (config.WEB_PAGE_CACHE_TTL_MS <= 0 || config.WEB_REQUIRE_SIGN_IN) return false;
  // The cache's own render of a page must reach Next.js, even while a copy of that page is kept.
  if (req.headers[RENDER_MARKER_HEADER] !== undefined) return false;
  const request = pageRequest(req);
  if (request === null || screenRequest(request, config) !== null) return false;
  const key = sharedPageKey(request);
  const page = key === null ? null : kept.pages.readyCopy(key);
  if (key === null || page === null) return false;
  const encoding = keptPageEncoding(req.headers['accept-encoding'], page.body.byteLength);
  if (encoding === null) return false;
  // The URL stays remembered as asked, as it would through proxy.ts.
  kept.admission.admit(key);
  const { body, headers } = withNonce(page, createNonce());
  const send = (encoded: Uint8Array, contentEncoding: string | null) => {
    const raw = headers.flat();
    raw.push('x-page-cache', 'hit', 'content-length', String(encoded.byteLength));
    if (contentEncoding) raw.push('content-encoding', contentEncoding);
    res.writeHead(page.status, raw);
    res.end(encoded);
  };
  if (encoding === 'identity') send(body, null);
  else gzip(body, (error, zipped) => (error ? send(body, null) : send(zipped, 'gzip')));
  return true;
}
