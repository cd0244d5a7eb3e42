import { authFailureLimit } from './auth-failure-limit';
import type { FailureLimiter } from './failure-limiter';

/** The process's one count of wrong admin tokens (login form and Bearer). */
export function adminAttempts(): FailureLimiter {
  return authFailureLimit('admin-attempts');
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
