import { webConfig } from './env';
import { FailureLimiter } from './failure-limiter';

// The process's one count of wrong admin tokens. It lives on globalThis because Next.js bundles the
// login route and the other admin routes separately: each bundle would otherwise count on its own.

const KEY = Symbol.for('newsfeed.web.admin-attempts');
type Holder = { [KEY]?: FailureLimiter };

export function adminAttempts(): FailureLimiter {
  const holder = globalThis as Holder;
  holder[KEY] ??= new FailureLimiter(() => {
    const config = webConfig();
    return {
      perClient: config.WEB_AUTH_MAX_FAILURES,
      total: config.WEB_AUTH_MAX_FAILURES_TOTAL,
      windowMs: config.WEB_AUTH_WINDOW_SECONDS * 1000,
    };
  });
  return holder[KEY];
}

/** Who is trying, for the count: the trusted proxy's client address, else the connection's as Next.js reports it. */
export function clientKey(request: Request): string {
  // Next.js fills X-Forwarded-For with the peer's address when the request has none; a proxy appends
  // the address it saw, so the last entry is the one nearest to us.
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || 'unknown';
}

/** The 429 answer's headers. */
export function retryAfterHeaders(seconds: number): Record<string, string> {
  return { 'Retry-After': String(seconds), 'Cache-Control': 'no-store' };
}
