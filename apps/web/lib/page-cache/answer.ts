import type { IncomingMessage, ServerResponse } from 'node:http';
import { webConfig } from '../env';
import { screenRequest } from '../request-screen';
import { createNonce } from '../security-headers';
import type { SecondRequestAdmission } from './admission';
import type { PageCache } from './cache';
import { keptPageEncoding } from './encoding';
import { gzipWithNonce } from './gzip-copy';
import { type HeaderLookup, type PageRequest, sharedPageKey } from './policy';
import { headersWithNonce, RENDER_MARKER_HEADER, withNonce } from './render';

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
  // The key and the screen read the URL's path and query only; a host that is no URL host must
  // not make it throw.
  return { method: req.method ?? 'GET', url: `http://localhost${url}`, headers: proxyView(req, host) };
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
  if (encoding === null || page.nonce === null || (encoding === 'gzip' && page.gzip === null)) return false;
  // The URL stays remembered as asked, as it would through proxy.ts.
  kept.admission.admit(key);
  const nonce = createNonce();
  const headers = headersWithNonce(page, nonce).flat();
  let body: Uint8Array;
  if (encoding === 'gzip' && page.gzip) {
    body = gzipWithNonce(page.gzip, page.body, page.nonceOffsets, page.nonce.length, nonce);
    headers.push('content-encoding', 'gzip');
  } else body = withNonce(page, nonce).body;
  headers.push('x-page-cache', 'hit', 'content-length', String(body.byteLength));
  res.writeHead(page.status, headers);
  res.end(body);
  return true;
}
