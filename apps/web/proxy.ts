import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, createNonce, SECURITY_HEADERS } from './lib/security-headers';

// Runs before every request: a fresh CSP nonce for the page being rendered (Next.js reads it from
// the request's Content-Security-Policy header and puts it on its own scripts), and the security
// headers on every response, pages, API and feeds alike.
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  // NODE_ENV is not configuration: Next.js inlines it at build time (dev needs eval for its overlay).
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
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
