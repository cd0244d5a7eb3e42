import { type NextRequest, NextResponse } from 'next/server';
import { webConfig } from './lib/env';
import { cachedPage, withoutRenderMarker } from './lib/page-cache';
import { screenRequest } from './lib/request-screen';
import { contentSecurityPolicy, createNonce, SECURITY_HEADERS } from './lib/security-headers';
import { signInRefusal } from './lib/sign-in-gate';

// Runs before every request: a fresh CSP nonce for the page being rendered (Next.js reads it from
// the request's Content-Security-Policy header and puts it on its own scripts), and the security
// headers on every response, pages, API and feeds alike. Requests no route should see are refused
// first (lib/request-screen.ts). Anonymous GETs of the public pages and feeds out are answered from
// the rendered-page cache (lib/page-cache/), each with a fresh nonce of its own; under server.mjs,
// those whose copy is ready never get here (lib/page-cache/answer.ts answers them, by the same rules).

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
  const cached = await cachedPage(request);
  if (cached) return cached;
  const nonce = createNonce();
  // NODE_ENV is not configuration: Next.js inlines it at build time (dev needs eval for its overlay).
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = withoutRenderMarker(new Headers(request.headers));
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
