import { webConfig } from './env';
import { bearerMatches, SESSION_COOKIE, verifyCsrf, verifySession } from './admin-session';
import { requestOrigin } from './site-origin';

// The one gate in front of every admin route handler. Admin is off (403) without ADMIN_TOKEN;
// without credentials it is 401; a cookie-authenticated change also needs a same-origin request
// and the session's CSRF token (403 otherwise).

export type AdminAccess =
  | { ok: true; token: string; via: 'bearer' | 'session'; sessionId: string | null }
  | { ok: false; status: 401 | 403; code: string; message: string };

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Same origin when the browser says where the request came from; browsers always do on POST. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  return origin === requestOrigin(request) || origin === new URL(request.url).origin;
}

export function checkAdmin(
  request: Request,
  options: { csrf?: string | null; mutation: boolean },
): AdminAccess {
  const token = webConfig().ADMIN_TOKEN;
  if (!token)
    return {
      ok: false,
      status: 403,
      code: 'admin_disabled',
      message: 'Admin is off: set ADMIN_TOKEN to enable it.',
    };
  if (bearerMatches(token, request.headers.get('authorization')))
    return { ok: true, token, via: 'bearer', sessionId: null };
  const sessionId = verifySession(token, readCookie(request, SESSION_COOKIE));
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
