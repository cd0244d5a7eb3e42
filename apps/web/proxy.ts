import { randomBytes } from 'node:crypto';
import { type NextRequest, NextResponse } from 'next/server';
import { safeEqual } from './lib/admin-session';
import { webConfig } from './lib/env';
import { SecondRequestAdmission } from './lib/page-admission';
import { PageCache } from './lib/page-cache';
import { sharedPageKey } from './lib/page-cache-policy';
import { FRESH_READ_HEADER, RENDER_MARKER_HEADER, renderPage, withNonce } from './lib/page-render';
import { screenRequest } from './lib/request-screen';
import { contentSecurityPolicy, createNonce, SECURITY_HEADERS } from './lib/security-headers';
import { signInRefusal } from './lib/sign-in-gate';

// Runs before every request: a fresh CSP nonce for the page being rendered (Next.js reads it from
// the request's Content-Security-Policy header and puts it on its own scripts), and the security
// headers on every response, pages, API and feeds alike. Requests no route should see are refused
// first (lib/request-screen.ts). Anonymous GETs of the public pages are
// answered from the rendered-page cache (lib/page-cache.ts), each with a fresh nonce of its own,
// from a URL's second request on.

const MIB = 1024 * 1024;

const pages = new PageCache({
  ttlMs: () => webConfig().WEB_PAGE_CACHE_TTL_MS,
  maxBytes: () => webConfig().WEB_PAGE_CACHE_MB * MIB,
});
// A URL's first request renders for itself (lib/page-admission.ts): most one-off searches never repeat.
const admission = new SecondRequestAdmission();

// Proves a request is this process rendering a miss (which must not consult the cache again);
// never sent anywhere but this server's own address.
const RENDER_MARKER = randomBytes(24).toString('base64url');

function isOwnRender(request: NextRequest): boolean {
  const marker = request.headers.get(RENDER_MARKER_HEADER);
  return marker !== null && safeEqual(marker, RENDER_MARKER);
}

async function fromCache(request: NextRequest, key: string): Promise<NextResponse | null> {
  try {
    const { page, outcome } = await pages.get(key, () => renderPage(request, RENDER_MARKER));
    const { body, headers } = withNonce(page, createNonce());
    headers.set('X-Page-Cache', outcome);
    return new NextResponse(body, { status: page.status, headers });
  } catch {
    // The loopback render failed or timed out: this request renders for itself.
    return null;
  }
}

function withSecurityHeaders(response: Response): Response {
  response.headers.set('Content-Security-Policy', contentSecurityPolicy(createNonce()));
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export async function proxy(request: NextRequest) {
  const refusal = screenRequest(request, webConfig());
  if (refusal) return withSecurityHeaders(refusal);
  if (webConfig().WEB_REQUIRE_SIGN_IN) {
    const closed = await signInRefusal(request);
    if (closed) return withSecurityHeaders(closed);
  }
  // `next dev` renders every request: a copy would hide the edit just made.
  const cacheOn = webConfig().WEB_PAGE_CACHE_TTL_MS > 0 && process.env.NODE_ENV !== 'development';
  const ownRender = isOwnRender(request);
  const key = cacheOn && !ownRender ? sharedPageKey(request) : null;
  if (key !== null && admission.admit(key)) {
    const cached = await fromCache(request, key);
    if (cached) return cached;
  }
  const nonce = createNonce();
  // NODE_ENV is not configuration: Next.js inlines it at build time (dev needs eval for its overlay).
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  // Only this process's own renders for the page cache read past the read cache.
  if (ownRender) requestHeaders.set(FRESH_READ_HEADER, '1');
  else requestHeaders.delete(FRESH_READ_HEADER);
  requestHeaders.delete(RENDER_MARKER_HEADER);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
