import { adminAttempts, clientKey, retryAfterHeaders } from '../../../../lib/admin-attempts';
import { isSameOrigin, tooManyAttempts } from '../../../../lib/admin-guard';
import { field, readForm } from '../../../../lib/admin-response';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS, safeEqual } from '../../../../lib/admin-session';
import { webConfig } from '../../../../lib/env';
import { startSession } from '../../../../lib/session-store';

export const dynamic = 'force-dynamic';

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location });
  if (cookie) headers.set('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** POST /api/admin/login (form field `token`): exchanges the admin token for a session cookie. */
export async function POST(request: Request): Promise<Response> {
  const token = webConfig().ADMIN_TOKEN;
  if (!token) return new Response('Admin is off: set ADMIN_TOKEN to enable it.\n', { status: 403 });
  // A cross-site login would sign the victim into the attacker's session: refuse it.
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.\n', { status: 403 });
  // Past its count of wrong tokens a client is refused before its guess is compared.
  const limited = tooManyAttempts(request);
  if (limited) {
    return new Response(`${limited.message}\n`, {
      status: 429,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        ...retryAfterHeaders(limited.retryAfterSeconds),
      },
    });
  }
  const submitted = field(await readForm(request), 'token') ?? '';
  if (!safeEqual(submitted, token)) {
    adminAttempts().recordFailure(clientKey(request));
    return redirect('/admin/login?error=1');
  }
  const secure =
    new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const cookie = [
    `${SESSION_COOKIE}=${await startSession(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
  return redirect('/admin', cookie);
}
