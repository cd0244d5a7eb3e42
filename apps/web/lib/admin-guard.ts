import { adminAttempts, clientKey } from './admin-attempts';
import { bearerMatches, SESSION_COOKIE, verifyCsrf } from './admin-session';
import { webConfig } from './env';
import { activeSessionId } from './session-store';
import { requestHost, requestOrigin } from './site-origin';

// The one gate in front of every admin route: 403 without ADMIN_TOKEN, 401 without credentials, 403
// for a cookie change without same origin and CSRF token; 429 past the wrong-token count, before any
// Bearer token is compared (lib/failure-limiter.ts).

export type AdminAccess =
  | { ok: true; token: string; via: 'bearer' | 'session'; sessionId: string | null }
  | { ok: false; status: 401 | 403; code: string; message: string }
  | { ok: false; status: 429; code: string; message: string; retryAfterSeconds: number };

/** The refusal for a client that sent too many wrong tokens, or null when it may try. */
export function tooManyAttempts(request: Request): Extract<AdminAccess, { status: 429 }> | null {
  const retryAfterSeconds = adminAttempts().retryAfterSeconds(clientKey(request));
  if (retryAfterSeconds === null) return null;
  return {
    ok: false,
    status: 429,
    code: 'too_many_attempts',
    message: `Too many wrong admin tokens: try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  };
}

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // a malformed %-escape is no session
    }
  }
  return null;
}

/** Same origin when the browser says where the request came from; browsers always do on POST. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  if (origin === requestOrigin(request) || origin === new URL(request.url).origin) return true;
  // Behind a TLS proxy that is not trusted (WEB_TRUST_PROXY) the scheme is unknown here: the same
  // host name is the same site.
  const host = requestHost((name) => request.headers.get(name));
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function checkAdmin(
  request: Request,
  options: { csrf?: string | null; mutation: boolean },
): Promise<AdminAccess> {
  const token = webConfig().ADMIN_TOKEN;
  if (!token)
    return {
      ok: false,
      status: 403,
      code: 'admin_disabled',
      message: 'Admin is off: set ADMIN_TOKEN to enable it.',
    };
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const limited = tooManyAttempts(request);
    if (limited) return limited;
    if (bearerMatches(token, authorization)) return { ok: true, token, via: 'bearer', sessionId: null };
    adminAttempts().recordFailure(clientKey(request));
    return { ok: false, status: 401, code: 'unauthorized', message: 'Wrong admin token.' };
  }
  const sessionId = await activeSessionId(token, readCookie(request, SESSION_COOKIE));
  if (sessionId === null)
    return { ok: false, status: 401, code: 'unauthorized', message: 'Sign in with the admin token first.' };
  if (options.mutation) {
    if (!isSameOrigin(request))
      return { ok: false, status: 403, code: 'cross_origin', message: 'Cross-site request refused.' };
    if (!verifyCsrf(token, sessionId, options.csrf)) {
      return {
        ok: false,
        status: 403,
        code: 'csrf',
        message: 'Missing or stale form token: reload the admin page and try again.',
      };
    }
  }
  return { ok: true, token, via: 'session', sessionId };
}

/** Whether the client wants JSON back rather than a redirect to the admin page. */
export function wantsJson(request: Request, access?: AdminAccess): boolean {
  return (
    (access?.ok === true && access.via === 'bearer') ||
    (request.headers.get('accept') ?? '').includes('application/json')
  );
}
